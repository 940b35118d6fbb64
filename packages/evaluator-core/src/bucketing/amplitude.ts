// Amplitude Experiment bucketing, bit for bit with experiment-core's local evaluation engine
// (amplitude/experiment-js-client `packages/experiment-core/src/evaluation/evaluation.ts#bucket`, `murmur3.ts`).
import { murmur3Amplitude, murmur3Prefix, murmur3WithPrefix, type Murmur3Prefix } from './hash/murmur3.js';

/** Allocation values are `hash % 100`: integers in [0, 100). */
export const AMPLITUDE_ALLOCATION_SPACE = 100;
/** Distribution values are `floor(hash / 100)`: integers in [0, 42949672], so a 100% range is `[0, 42949673)`. */
export const AMPLITUDE_DISTRIBUTION_SPACE = 42_949_673;

/** A half-open `[start, end)` range of allocation or distribution values. */
export type AmplitudeRange = readonly [start: number, end: number];

/** One distribution of an allocation: the variant served for distribution values in `range`. */
export interface AmplitudeDistribution {
  readonly variant: string;
  readonly range: AmplitudeRange;
}

/** One allocation of a segment's bucket: the traffic in `range` (of `hash % 100`) and how it is split. */
export interface AmplitudeAllocation {
  readonly range: AmplitudeRange;
  readonly distributions: readonly AmplitudeDistribution[];
}

/** The hashing part of an Amplitude segment's `bucket` (the `selector` is resolved by the caller). */
export interface AmplitudeBucketSpec {
  readonly salt: string;
  readonly allocations: readonly AmplitudeAllocation[];
}

/**
 * Amplitude's bucketing hash: MurmurHash3 x86 32, seed 0, of `${salt}/${value}`, with Amplitude's UTF-8 encoder (a
 * lone surrogate is encoded as its own 3 bytes, not as U+FFFD).
 *
 * @param salt - The segment bucket's `salt`.
 * @param value - The bucketing value, already coerced (see {@link amplitudeCoerceString}).
 * @returns An integer in [0, 2^32).
 * @example
 * amplitudeHash('xdfrewd', '1'); // 3523137818
 */
export function amplitudeHash(salt: string, value: string): number {
  return murmur3Amplitude(`${salt}/${value}`, 0);
}

/**
 * A salt's hash prefix `${salt}/`, hashed once for {@link amplitudeHashOf} (compile-time work: the evaluator keeps one
 * per Amplitude rollout).
 *
 * @example
 * amplitudeHashOf(amplitudeSalt('xdfrewd'), '1'); // 3523137818, as amplitudeHash('xdfrewd', '1')
 */
export function amplitudeSalt(salt: string): Murmur3Prefix {
  return murmur3Prefix(`${salt}/`, 0, 'amplitude');
}

/**
 * {@link amplitudeHash} with a precomputed salt: the same integer in [0, 2^32), without building `${salt}/${value}`.
 *
 * @example
 * amplitudeHashOf(amplitudeSalt('xdfrewd'), '1'); // 3523137818
 */
export function amplitudeHashOf(salt: Murmur3Prefix, value: string): number {
  return murmur3WithPrefix(salt, value);
}

/**
 * The allocation value of a hash: `hash % 100`, compared with allocation ranges.
 *
 * @example
 * amplitudeAllocationValue(3523137818); // 18
 */
export function amplitudeAllocationValue(hash: number): number {
  return hash % 100;
}

/**
 * The distribution value of a hash: `floor(hash / 100)`, in [0, 42949672], compared with distribution ranges.
 *
 * @example
 * amplitudeDistributionValue(3523137818); // 35231378
 */
export function amplitudeDistributionValue(hash: number): number {
  return Math.floor(hash / 100);
}

/**
 * Amplitude's `coerceString`: `undefined` for `null` and `undefined`, `JSON.stringify` for objects and arrays,
 * `String(value)` for everything else (`true` → `'true'`, `12` → `'12'`). Never throws: where Amplitude's SDK would
 * throw (a cyclic object, a BigInt inside an object, a null-prototype object's `String()`), this returns `undefined`.
 *
 * @param value - Any value read from the context.
 * @returns The string form, or `undefined`.
 * @example
 * amplitudeCoerceString(['a', 1]); // '["a",1]'
 * amplitudeCoerceString(null); // undefined
 */
export function amplitudeCoerceString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  try {
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  } catch {
    return undefined;
  }
}

/**
 * Buckets a value as Amplitude's engine does for one segment: coerce it to a string (a missing or empty value is
 * not bucketed), hash `${salt}/${value}`, then walk the allocations in order and, inside each allocation whose
 * `[start, end)` holds `hash % 100`, its distributions, returning the variant of the first whose `[start, end)`
 * holds `floor(hash / 100)`. An allocation that matches with no matching distribution does not stop the walk.
 *
 * Returns `undefined` when the value is missing or empty or nothing matched: the caller then serves the segment's
 * default `variant`, as Amplitude does. Never throws.
 *
 * @param spec - The segment bucket's `salt` and `allocations`.
 * @param value - The value its `selector` read from the context.
 * @returns The variant key, or `undefined`.
 * @example
 * const spec = { salt: 'xdfrewd', allocations: [{ range: [0, 50], distributions: [
 *   { variant: 'control', range: [0, 21474837] }, { variant: 'treatment', range: [21474837, 42949673] }] }] };
 * amplitudeBucket(spec, '1'); // 'treatment' (allocation 18, distribution 35231378)
 */
export function amplitudeBucket(spec: AmplitudeBucketSpec, value: unknown): string | undefined {
  if (spec === null || typeof spec !== 'object') return undefined;
  const text = amplitudeCoerceString(value);
  if (!text) return undefined;
  const hash = amplitudeHash(spec.salt, text);
  const allocationValue = hash % 100;
  const distributionValue = Math.floor(hash / 100);
  const allocations = spec.allocations;
  if (!Array.isArray(allocations)) return undefined;
  for (const allocation of allocations) {
    const range = allocation?.range;
    if (range && allocationValue >= range[0] && allocationValue < range[1]) {
      const distributions = allocation.distributions;
      if (!Array.isArray(distributions)) continue;
      for (const distribution of distributions) {
        const slice = distribution?.range;
        if (slice && distributionValue >= slice[0] && distributionValue < slice[1]) return distribution.variant;
      }
    }
  }
  return undefined;
}
