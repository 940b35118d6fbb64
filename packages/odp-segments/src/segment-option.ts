/**
 * Options of `fetchQualifiedSegments`, as Optimizely's `OptimizelySegmentOption`: `IGNORE_CACHE` skips the cache
 * for this call (neither read nor written), `RESET_CACHE` empties the whole cache before fetching.
 *
 * @example
 * await user.fetchQualifiedSegments([OptimizelySegmentOption.IGNORE_CACHE]);
 */
export const OptimizelySegmentOption = Object.freeze({
  IGNORE_CACHE: 'IGNORE_CACHE',
  RESET_CACHE: 'RESET_CACHE',
} as const);

/** One of the {@link OptimizelySegmentOption} values. */
export type SegmentOption = (typeof OptimizelySegmentOption)[keyof typeof OptimizelySegmentOption];

/** The ODP user key of an id: `vuid` for ids that start with `vuid_`, `fs_user_id` otherwise. */
export type OdpUserKey = 'vuid' | 'fs_user_id';

/**
 * Which ODP identifier a user id is: Optimizely's visitor ids start with `vuid_` (any case).
 *
 * @example
 * odpUserKeyOf('vuid_8c7f3f1b'); // 'vuid'
 * odpUserKeyOf('user-42'); // 'fs_user_id'
 */
export function odpUserKeyOf(userId: string): OdpUserKey {
  return userId.slice(0, 5).toLowerCase() === 'vuid_' ? 'vuid' : 'fs_user_id';
}
