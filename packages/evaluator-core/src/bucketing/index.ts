// The `@ensign/evaluator-core/bucketing` subpath: each vendor's bucketing arithmetic, one module per hash mode, bit
// for bit with the vendor's SDK. Each export is named. (The evaluator's per-mode strategies, `<mode>-rollout.ts`,
// are internal and not exported here.)
export { murmur3, murmur3Amplitude } from './hash/murmur3.js';
export { sha1Fraction, sha1Prefix60 } from './hash/sha1.js';
export { fnv1a32 } from './hash/fnv1a.js';

export { ENSIGN_BUCKET_SPACE, ensignBucket, ensignChooseWeighted, ensignInAllocation, ensignTrafficBucket } from './ensign.js';

export {
  OPTIMIZELY_BUCKETING_ID_ATTRIBUTE,
  OPTIMIZELY_MAX_TRAFFIC_VALUE,
  optimizelyBucketValue,
  optimizelyBucketingId,
  optimizelyBucketingKey,
  optimizelyFindBucket,
  optimizelyGroupBucketingKey,
} from './optimizely.js';
export type { OptimizelyTrafficAllocation } from './optimizely.js';

export { LD_WEIGHT_SCALE, ldBucket, ldBucketableValue, ldChooseWeighted, ldHashInput, ldInSegmentWeight } from './launchdarkly.js';
export type { LdBucketInput } from './launchdarkly.js';

export {
  AMPLITUDE_ALLOCATION_SPACE,
  AMPLITUDE_DISTRIBUTION_SPACE,
  amplitudeAllocationValue,
  amplitudeBucket,
  amplitudeCoerceString,
  amplitudeDistributionValue,
  amplitudeHash,
} from './amplitude.js';
export type { AmplitudeAllocation, AmplitudeBucketSpec, AmplitudeDistribution, AmplitudeRange } from './amplitude.js';

export { gbChooseVariation, gbGetBucketRanges, gbGetEqualWeights, gbHash, gbInNamespace, gbInRange } from './growthbook.js';
export type { GbNamespace, GbRange } from './growthbook.js';
