// The native Ensign datafile, version 1: plain TypeScript types (the zod schema that validates them lives on the
// `@ensign/datafile-schema/zod` subpath). One document per environment. It is designed as the union of what
// Optimizely, LaunchDarkly, Amplitude Experiment and GrowthBook can express; docs/datafile.md maps each vendor's
// concepts onto these fields.
//
// The types live by concept under ./model/; this file gathers them so that `./types.js` stays the one import.

export type { JsonObject, JsonValue } from './model/json.js';
export { BUCKET_SPACE, HASH_MODES, SEMANTICS } from './model/modes.js';
export type { HashMode, Semantics } from './model/modes.js';
export type { Bucketing, HashFilter, Rollout, RuleMiss, WeightedVariation } from './model/rollout.js';
export { OPERATORS } from './model/conditions.js';
export type {
  AttributeCondition,
  AudienceReference,
  Condition,
  FlagResultCondition,
  MongoCondition,
  Operator,
} from './model/conditions.js';
export type {
  ExperimentRef,
  Flag,
  FlagMetadata,
  Prerequisite,
  Rule,
  RuleStatus,
  Serve,
  Target,
  VariableDefinition,
  VariableType,
  Variation,
} from './model/flag.js';
export type {
  AttributeDefinition,
  Audience,
  Cohort,
  Datafile,
  EventDefinition,
  ExclusionGroup,
  Holdout,
  Integration,
  Segment,
  SegmentRule,
  SegmentTarget,
  Settings,
} from './model/datafile.js';
