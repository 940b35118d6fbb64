// LaunchDarkly bucketing, bit for bit with the Node server SDK (launchdarkly/js-core
// `packages/shared/sdk-server/src/evaluation/Bucketer.ts` and `Evaluator.ts#variationForContext`).
import { sha1Fraction } from './hash/sha1.js';

/** LaunchDarkly rollout weights are in 1/100000ths: a weight of 100000 is the whole population. */
export const LD_WEIGHT_SCALE = 100_000;

/** The inputs of one LaunchDarkly bucket computation. */
export interface LdBucketInput {
  /** The flag key (rollouts) or the segment key (segment rules with a `weight`). */
  readonly flagOrSegmentKey: string;
  /** The flag's or segment's `salt`. Missing or non-string: `''`, as the SDK's `flag.salt || ''`. */
  readonly salt?: string | null;
  /**
   * The rollout's `seed` (experiments). When truthy it replaces `flagOrSegmentKey.salt` in the hash input. Follows
   * the Node SDK, `seed ? Number(seed) : ...`: a seed of `0` is ignored. The Go SDK and the test harness use any
   * defined seed, including `0`, so a flag with `seed: 0` buckets differently in Go (the only divergence).
   */
  readonly seed?: number | string | null;
  /** The context attribute value to bucket by (usually the context key). See {@link ldBucketableValue}. */
  readonly value: unknown;
}

/**
 * The string form LaunchDarkly hashes for an attribute value, or `null` when the value cannot be bucketed:
 * strings as they are, integers (`Number.isInteger`) as `String(value)`; floats, booleans, `null`, arrays and
 * objects give `null`, which buckets to 0 (the first slice).
 *
 * @param value - Any attribute value.
 * @returns The string to hash, or `null`.
 * @example
 * ldBucketableValue('user-key'); // 'user-key'
 * ldBucketableValue(33333); // '33333'
 * ldBucketableValue(33.5); // null
 */
export function ldBucketableValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return null;
}

/**
 * The string LaunchDarkly hashes: `${seed}.${value}` when the seed is truthy, else `${key}.${salt}.${value}`; or
 * `null` when the value cannot be bucketed (see {@link ldBucketableValue}). Useful for traces and tests.
 *
 * @param input - Key, salt, optional seed and the attribute value.
 * @returns The hash input, or `null`.
 * @example
 * ldHashInput({ flagOrSegmentKey: 'hashKey', salt: 'saltyA', value: 'userKeyA' }); // 'hashKey.saltyA.userKeyA'
 * ldHashInput({ flagOrSegmentKey: 'hashKey', salt: 'saltyA', seed: 61, value: 'userKeyA' }); // '61.userKeyA'
 */
export function ldHashInput(input: LdBucketInput): string | null {
  const value = ldBucketableValue(input.value);
  if (value === null) return null;
  const seed = input.seed;
  // Node SDK: `const prefix = seed ? Number(seed) : `${key}.${salt}``. Only numbers and numeric strings reach here
  // from a datafile; other types are ignored rather than risking a throwing conversion.
  if ((typeof seed === 'number' || typeof seed === 'string') && seed) return `${Number(seed)}.${value}`;
  const key = typeof input.flagOrSegmentKey === 'string' ? input.flagOrSegmentKey : '';
  const salt = typeof input.salt === 'string' ? input.salt : '';
  return `${key}.${salt}.${value}`;
}

/**
 * LaunchDarkly's bucket of a context for a rollout or a segment rule: the first 15 hex digits of
 * `SHA-1(hash input)` over 0xFFFFFFFFFFFFFFF, in float64 as the Node SDK computes it (see {@link ldHashInput}).
 * A value that cannot be bucketed gives 0, as in the SDK. The result lies in [0, 1]. Never throws.
 *
 * @param input - Key, salt, optional seed and the attribute value.
 * @returns A float64 in [0, 1].
 * @example
 * ldBucket({ flagOrSegmentKey: 'hashKey', salt: 'saltyA', value: 'userKeyA' }); // 0.42157587433924…
 * ldBucket({ flagOrSegmentKey: 'hashKey', salt: 'saltyA', seed: 61, value: 'userKeyA' }); // 0.09801206524767…
 * ldBucket({ flagOrSegmentKey: 'hashKey', salt: 'saltyA', value: 33.5 }); // 0
 */
export function ldBucket(input: LdBucketInput): number {
  const text = ldHashInput(input);
  return text === null ? 0 : sha1Fraction(text);
}

/**
 * The slice of a LaunchDarkly rollout a bucket falls in. Replays the SDK's loop exactly: `sum += weight / 100000`
 * in float64, in order, and the first slice with `bucket < sum` wins; a bucket at or past the end of the last
 * slice (weights summing below 100000, rounding, or a bucket of exactly 1) goes to the **last** slice.
 *
 * @param bucket - From {@link ldBucket}.
 * @param weights - The rollout's `variations[].weight`, in order, in 1/100000ths.
 * @returns The index into `weights`, or -1 when `weights` is empty (LaunchDarkly reports a malformed flag).
 * @example
 * ldChooseWeighted(0.42157587, [40000, 60000]); // 1
 * ldChooseWeighted(0.99, [10000, 10000]); // 1 (past the last slice: the last slice)
 */
export function ldChooseWeighted(bucket: number, weights: readonly number[]): number {
  const n = Array.isArray(weights) ? weights.length : 0;
  if (n === 0) return -1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (weights[i] as number) / 100000.0;
    if (bucket < sum) return i;
  }
  return n - 1;
}

/**
 * Whether a bucket falls inside a LaunchDarkly segment rule's `weight` (the rule matches only for
 * `bucket < weight / 100000`). Segment rules never use a seed.
 *
 * @param bucket - From {@link ldBucket} with the segment key and salt.
 * @param weight - The rule's `weight` in 1/100000ths.
 * @example
 * ldInSegmentWeight(0.14950212, 14955); // true
 * ldInSegmentWeight(0.14950212, 14950); // false
 */
export function ldInSegmentWeight(bucket: number, weight: number): boolean {
  return bucket < weight / 100000.0;
}
