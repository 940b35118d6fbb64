// Optimizely Feature Experimentation bucketing, bit for bit with @optimizely/optimizely-sdk v5+ (v6.5.0 read):
// `lib/core/bucketer/bucket_value_generator.ts#generateBucketValue`, `lib/core/bucketer/index.ts#_findBucket`,
// `lib/core/decision_service/index.ts#getBucketingId`.
import { murmur3 } from './hash/murmur3.js';

/** Optimizely hashes with MurmurHash3 x86 32 and this seed. */
const OPTIMIZELY_HASH_SEED = 1;
/** 2^32: the hash is scaled by it to [0, 1) (`MAX_HASH_VALUE`). */
const MAX_HASH_VALUE = 4_294_967_296;

/** Size of Optimizely's bucket space: bucket values are integers in [0, 10000), `endOfRange` values in [0, 10000]. */
export const OPTIMIZELY_MAX_TRAFFIC_VALUE = 10_000;

/** The reserved attribute that overrides the user id as the bucketing id (Optimizely `CONTROL_ATTRIBUTES.BUCKETING_ID`). */
export const OPTIMIZELY_BUCKETING_ID_ATTRIBUTE = '$opt_bucketing_id';

/** One slice of an Optimizely `trafficAllocation`: the entity (variation, experiment or `''` for a hole) below `endOfRange`. */
export interface OptimizelyTrafficAllocation {
  /** Variation id (experiment allocation), experiment id (group allocation), or `''` for unallocated traffic. */
  readonly entityId: string;
  /** Exclusive upper bound in [0, 10000]; slices are listed in increasing order. */
  readonly endOfRange: number;
}

/**
 * Optimizely's bucket value of a bucketing key: `floor(murmur3(utf8(key), seed 1) / 2^32 * 10000)`, an integer in
 * [0, 10000). Keys are UTF-8 encoded as the v5+ SDK does (`murmurhash@2.0.1`, `TextEncoder`); SDKs before 5.0.0
 * hashed `charCodeAt & 0xff` and differ on non-ASCII keys (`'héllo111127'`: 9405 here, 9889 there).
 * Never throws: a non-string key hashes as the empty string.
 *
 * @param bucketingKey - The bucketing id followed by the entity id, see {@link optimizelyBucketingKey}.
 * @returns An integer in [0, 10000).
 * @example
 * optimizelyBucketValue('ppid11886780721'); // 5254
 * optimizelyBucketValue(optimizelyBucketingKey('123456789', '111127')); // 5764
 */
export function optimizelyBucketValue(bucketingKey: string): number {
  const hash = murmur3(bucketingKey, OPTIMIZELY_HASH_SEED);
  return Math.floor((hash / MAX_HASH_VALUE) * OPTIMIZELY_MAX_TRAFFIC_VALUE);
}

/**
 * The string Optimizely hashes to bucket a user into an experiment, a rollout rule or a holdout: the bucketing id
 * and the entity **id** concatenated with no separator (`` `${bucketingId}${experimentId}` ``).
 *
 * @param bucketingId - From {@link optimizelyBucketingId}.
 * @param entityId - The experiment, rule or holdout id (not its key).
 * @example
 * optimizelyBucketingKey('ppid1', '1886780721'); // 'ppid11886780721'
 */
export function optimizelyBucketingKey(bucketingId: string, entityId: string): string {
  return `${bucketingId}${entityId}`;
}

/**
 * The string Optimizely hashes to pick one experiment of a mutually exclusive group (`policy: "random"`): the
 * bucketing id and the group **id** concatenated with no separator. The bucket value found with it is looked up in
 * the group's `trafficAllocation`, whose entity ids are experiment ids.
 *
 * @param bucketingId - From {@link optimizelyBucketingId}.
 * @param groupId - The group id.
 * @example
 * optimizelyBucketValue(optimizelyGroupBucketingKey('123456789', '666')); // 4825
 */
export function optimizelyGroupBucketingKey(bucketingId: string, groupId: string): string {
  return `${bucketingId}${groupId}`;
}

/**
 * The entity a bucket value falls in: the `entityId` of the first slice with `bucketValue < endOfRange`, or `null`
 * past the last slice. An `entityId` of `''` is returned as is: it is a hole (traffic not allocated), which the
 * caller treats as "not bucketed", as Optimizely does. Never throws; an empty or missing allocation gives `null`.
 *
 * @param bucketValue - From {@link optimizelyBucketValue}.
 * @param allocations - The experiment's, holdout's or group's `trafficAllocation`, in datafile order.
 * @returns The entity id, `''` for a hole, or `null`.
 * @example
 * const split = [{ entityId: '111128', endOfRange: 4000 }, { entityId: '111129', endOfRange: 9000 }];
 * optimizelyFindBucket(5764, split); // '111129'
 * optimizelyFindBucket(9500, split); // null
 */
export function optimizelyFindBucket(
  bucketValue: number,
  allocations: readonly OptimizelyTrafficAllocation[] | null | undefined,
): string | null {
  if (!Array.isArray(allocations)) return null;
  for (let i = 0; i < allocations.length; i++) {
    const slice = allocations[i];
    if (slice !== undefined && slice !== null && bucketValue < slice.endOfRange) return slice.entityId;
  }
  return null;
}

/**
 * The id Optimizely buckets a user by: the `$opt_bucketing_id` attribute when it is an own property holding a
 * string, else the user id. A present but non-string `$opt_bucketing_id` is ignored (Optimizely logs
 * "BucketingID attribute is not a string. Defaulted to userId"); check {@link OPTIMIZELY_BUCKETING_ID_ATTRIBUTE}
 * yourself to log the same. Never throws: inherited properties and non-object attributes are ignored.
 *
 * @param userId - The user id.
 * @param attributes - The user's attributes, or nothing.
 * @returns The bucketing id.
 * @example
 * optimizelyBucketingId('user-1', { $opt_bucketing_id: 'household-9' }); // 'household-9'
 * optimizelyBucketingId('user-1', { $opt_bucketing_id: 42 }); // 'user-1'
 */
export function optimizelyBucketingId(
  userId: string,
  attributes?: Readonly<Record<string, unknown>> | null,
): string {
  if (attributes === null || typeof attributes !== 'object') return userId;
  if (!Object.prototype.hasOwnProperty.call(attributes, OPTIMIZELY_BUCKETING_ID_ATTRIBUTE)) return userId;
  const value = attributes[OPTIMIZELY_BUCKETING_ID_ATTRIBUTE];
  if (typeof value === 'string') return value;
  return userId;
}
