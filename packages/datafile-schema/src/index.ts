// Public entry of @ensign/datafile-schema: plain types, the parser and the validator. The zod schema is on the
// `./zod` subpath, the datafile generator on `./testing`.
export { BUCKET_SPACE, HASH_MODES, OPERATORS, SEMANTICS } from './types.js';
export type {
  AttributeCondition,
  AttributeDefinition,
  Audience,
  AudienceReference,
  Bucketing,
  Cohort,
  Condition,
  Datafile,
  EventDefinition,
  ExclusionGroup,
  ExperimentRef,
  Flag,
  FlagMetadata,
  FlagResultCondition,
  HashFilter,
  HashMode,
  Holdout,
  Integration,
  JsonObject,
  JsonValue,
  MongoCondition,
  Operator,
  Prerequisite,
  Rollout,
  Rule,
  RuleMiss,
  RuleStatus,
  Segment,
  SegmentRule,
  SegmentTarget,
  Semantics,
  Serve,
  Settings,
  Target,
  VariableDefinition,
  VariableType,
  Variation,
  WeightedVariation,
} from './types.js';
export { parseDatafile, DEFAULT_PARSE_OPTIONS, findDeepNesting } from './parse-datafile.js';
export type { ParseOptions } from './parse-datafile.js';
export { validateDatafile, DEFAULT_VALIDATE_OPTIONS } from './validate-datafile.js';
export type { DatafileResult, ValidateOptions } from './validate-datafile.js';
export { isValidDatafile, quarantineOf } from './quarantine.js';
export type { EntityKind, QuarantinedEntity, ValidDatafile } from './quarantine.js';
export { compactDatafile } from './compact.js';
export type { CompactDatafile, CompactOptions } from './compact.js';
export { mergeLastGood } from './merge-last-good.js';
export type { MergeResult } from './merge-last-good.js';
export { compilePattern } from './pattern.js';
export type { Pattern, PatternProblem } from './pattern.js';
export { formatIssues, formatPath } from './issues.js';
export type { DatafileIssue, PathSegment } from './issues.js';
