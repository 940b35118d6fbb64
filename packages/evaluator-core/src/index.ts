// Public entry of @ensign/evaluator-core: each export is named.
export { compileDatafile, getFlag, getQuarantine } from './compile/compile-datafile.js';
export type { CompiledDatafile, CompileOptions } from './compile/compile-datafile.js';
export { evaluateCheckedFlag, evaluateFlag } from './evaluate/evaluate-flag.js';
export { evaluateAllFlagsInOrder, evaluateFlags, type FlagResultsInOrder } from './evaluate/evaluate-flags.js';
export { flagKeyTemplate } from './evaluate/all-flags.js';
export type { EvaluateFlagsSelection } from './evaluate/evaluate-flags.js';
export { errorResult } from './evaluate/result.js';
export { MESSAGES as REASON_MESSAGES } from './evaluate/reason-messages.js';

export { evalMongoCondition, precompileMongoRegexes } from './conditions/mongo.js';
export type { RegexCache, SavedGroups } from './conditions/mongo.js';
export { compareSemver, parseLdSemver } from './conditions/semver-launchdarkly.js';
export type { SemVer } from './conditions/semver-launchdarkly.js';
export { compareOptimizelyVersion } from './conditions/semver-optimizely.js';
export { compareAmplitudeVersions, parseAmplitudeVersion } from './conditions/semver-amplitude.js';
export type { AmplitudeVersion } from './conditions/semver-amplitude.js';
export { paddedVersionString } from './conditions/semver-growthbook.js';
export { parseDateValue } from './conditions/dates.js';

export { ERROR_KINDS, REASON_KINDS } from './types.js';
export type {
  BigSegmentStore,
  BigSegmentsStatus,
  CohortMembership,
  ErrorKind,
  EvaluateOptions,
  EvaluationReason,
  EvaluationResult,
  EvaluationTrace,
  ForcedDecision,
  PrerequisiteEvaluation,
  ReasonKind,
  TraceCondition,
  TraceStep,
  UserProfile,
  UserProfileStore,
} from './types.js';

// The bucketing primitives (each vendor's hash arithmetic) are on the `./bucketing` subpath.
