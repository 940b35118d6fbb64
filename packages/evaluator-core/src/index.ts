// Public entry of @ensign/evaluator-core: each export is named.
export { compileDatafile, getFlag, getQuarantine } from './compile/compile-datafile.js';
export type { CompiledDatafile, CompileOptions } from './compile/compile-datafile.js';
export { evaluateFlag } from './evaluate/evaluate-flag.js';
export { evaluateFlags } from './evaluate/evaluate-flags.js';
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
  ReasonKind,
  TraceCondition,
  TraceStep,
  UserProfile,
  UserProfileStore,
} from './types.js';

export {
  AMPLITUDE_ALLOCATION_SPACE,
  AMPLITUDE_DISTRIBUTION_SPACE,
  ENSIGN_BUCKET_SPACE,
  LD_WEIGHT_SCALE,
  OPTIMIZELY_BUCKETING_ID_ATTRIBUTE,
  OPTIMIZELY_MAX_TRAFFIC_VALUE,
  amplitudeAllocationValue,
  amplitudeBucket,
  amplitudeCoerceString,
  amplitudeDistributionValue,
  amplitudeHash,
  ensignBucket,
  ensignChooseWeighted,
  ensignInAllocation,
  ensignTrafficBucket,
  fnv1a32,
  gbChooseVariation,
  gbGetBucketRanges,
  gbGetEqualWeights,
  gbHash,
  gbInNamespace,
  gbInRange,
  ldBucket,
  ldBucketableValue,
  ldChooseWeighted,
  ldHashInput,
  ldInSegmentWeight,
  murmur3,
  murmur3Amplitude,
  optimizelyBucketValue,
  optimizelyBucketingId,
  optimizelyBucketingKey,
  optimizelyFindBucket,
  optimizelyGroupBucketingKey,
  sha1Fraction,
  sha1Prefix60,
} from './bucketing/index.js';
export type {
  AmplitudeAllocation,
  AmplitudeBucketSpec,
  AmplitudeDistribution,
  AmplitudeRange,
  GbNamespace,
  GbRange,
  LdBucketInput,
  OptimizelyTrafficAllocation,
} from './bucketing/index.js';
