// Ensign's native bucketing (hash mode `ensign`, the default for flags authored in Ensign).
//
// The choice, and why:
// - Hash: MurmurHash3 x86 32, seed 0, over the UTF-8 bytes of `${seed}/${value}` — the function and key shape
//   Amplitude uses, so one vetted, vector-proven hash serves three modes; it is fast and well distributed, and UTF-8
//   makes the result independent of the platform's string representation (other-language SDKs can match it).
// - Scale: `bucket = floor(h / 2^32 * 100000)`, an integer in [0, 100000). Weights are integers in 1/100000ths
//   (0.001% granularity, LaunchDarkly's unit) compared as cumulative integer sums over half-open ranges: integer
//   arithmetic has no float boundary cases, and the scaling itself is exact in float64 (`h / 2^32` only moves the
//   exponent, and `h * 100000 < 2^49` fits the 53-bit mantissa), so every platform gets the same bucket.
// - Traffic allocation uses a second, independent bucket from `${seed}/traffic/${value}`: a context enters the
//   rollout when its traffic bucket is inside the allocation, and its variation comes from the first bucket. So
//   raising the allocation only adds contexts, and never reshuffles the variations of those already in (changing the
//   weights does move contexts, as in every vendor; changing the seed reshuffles everyone on purpose).
import { murmur3, murmur3Prefix, murmur3WithPrefix, type Murmur3Prefix } from './hash/murmur3.js';

/** Size of Ensign's bucket space: buckets are integers in [0, 100000); weights are in 1/100000ths. */
export const ENSIGN_BUCKET_SPACE = 100_000;

/** A 32-bit hash scaled into Ensign's bucket space: `floor(hash / 2^32 * 100000)`. */
export function scale(hash: number): number {
  // 2^32 and ENSIGN_BUCKET_SPACE as literals: optimized code loads a module constant as a tagged value on every call.
  return Math.floor((hash / 4_294_967_296) * 100_000);
}

/**
 * The variation bucket of a context in Ensign's native mode: `floor(murmur3(utf8(`${seed}/${value}`), 0) / 2^32 *
 * 100000)`. Compare it with cumulative weights using {@link ensignChooseWeighted}. Never throws for a string or
 * number seed and a string value.
 *
 * @param seed - The rollout's seed (by default the flag's salt or key). Changing it reshuffles every context.
 * @param value - The bucketing attribute's value, as a string (usually the context key).
 * @returns An integer in [0, 100000).
 * @example
 * ensignBucket('checkout-redesign', 'user-42'); // an integer in [0, 100000), the same on every run and platform
 */
export function ensignBucket(seed: string | number, value: string): number {
  return scale(murmur3(`${seed}/${value}`, 0));
}

/** A rollout seed's two hash prefixes, `${seed}/` and `${seed}/traffic/`, hashed once (see {@link ensignSeed}). */
export interface EnsignSeed {
  readonly seed: string;
  readonly variation: Murmur3Prefix;
  readonly traffic: Murmur3Prefix;
}

/**
 * Precomputes a rollout seed for {@link ensignBucketOf} and {@link ensignTrafficBucketOf}, which then give the same
 * buckets as {@link ensignBucket} and {@link ensignTrafficBucket} without building the hash input string (compile
 * time work: the evaluator keeps one per rollout).
 *
 * @example
 * const seed = ensignSeed('checkout-redesign');
 * ensignBucketOf(seed, 'user-42') === ensignBucket('checkout-redesign', 'user-42'); // true
 */
export function ensignSeed(seed: string | number): EnsignSeed {
  const text = `${seed}`;
  return Object.freeze({ seed: text, variation: murmur3Prefix(`${text}/`, 0), traffic: murmur3Prefix(`${text}/traffic/`, 0) });
}

/**
 * {@link ensignBucket} with a precomputed seed: the same integer in [0, 100000).
 *
 * @example
 * ensignBucketOf(ensignSeed('xdfrewd'), '1'); // 82029
 */
export function ensignBucketOf(seed: EnsignSeed, value: string): number {
  return scale(murmur3WithPrefix(seed.variation, value));
}

/**
 * {@link ensignTrafficBucket} with a precomputed seed: the same integer in [0, 100000).
 *
 * @example
 * ensignTrafficBucketOf(ensignSeed('s'), 'u') === ensignTrafficBucket('s', 'u'); // true
 */
export function ensignTrafficBucketOf(seed: EnsignSeed, value: string): number {
  return scale(murmur3WithPrefix(seed.traffic, value));
}

/**
 * The traffic-allocation bucket of a context in Ensign's native mode: the same arithmetic as {@link ensignBucket}
 * over `${seed}/traffic/${value}`, so it is independent of the variation bucket. A context is in the rollout when
 * {@link ensignInAllocation} holds for it.
 *
 * @param seed - The rollout's seed.
 * @param value - The bucketing attribute's value.
 * @returns An integer in [0, 100000).
 * @example
 * ensignInAllocation(ensignTrafficBucket('checkout-redesign', 'user-42'), [0, 20_000]); // in the first 20%?
 */
export function ensignTrafficBucket(seed: string | number, value: string): number {
  return scale(murmur3(`${seed}/traffic/${value}`, 0));
}

/**
 * The slice a bucket falls in: the first index `i` with `bucket < weights[0] + … + weights[i]` (half-open ranges
 * laid end to end from 0, integer sums), or -1 when the bucket is past the last slice (weights summing below
 * 100000 leave a hole at the end, where no variation is served). Non-finite or negative weights count as 0.
 *
 * @param bucket - From {@link ensignBucket}, in [0, 100000).
 * @param weights - The rollout's weights in 1/100000ths, in order.
 * @returns The slice index, or -1.
 * @example
 * ensignChooseWeighted(49_999, [50_000, 50_000]); // 0
 * ensignChooseWeighted(50_000, [50_000, 50_000]); // 1
 * ensignChooseWeighted(95_000, [45_000, 45_000]); // -1
 */
export function ensignChooseWeighted(bucket: number, weights: readonly number[]): number {
  if (!Array.isArray(weights)) return -1;
  let end = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w === 'number' && w > 0 && Number.isFinite(w)) end += w;
    if (bucket < end) return i;
  }
  return -1;
}

/**
 * Whether a traffic bucket lies in a rollout's `[start, end)` allocation. `[0, 100000]` admits everyone.
 *
 * @param trafficBucket - From {@link ensignTrafficBucket}.
 * @param allocation - `[start, end)` in 1/100000ths.
 * @example
 * ensignInAllocation(19_999, [0, 20_000]); // true
 * ensignInAllocation(20_000, [0, 20_000]); // false
 */
export function ensignInAllocation(trafficBucket: number, allocation: readonly [start: number, end: number]): boolean {
  return trafficBucket >= allocation[0] && trafficBucket < allocation[1];
}
