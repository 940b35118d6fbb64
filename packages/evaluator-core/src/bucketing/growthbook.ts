// GrowthBook bucketing, bit for bit with @growthbook/growthbook (sdk-js `src/util.ts`: `hash`, `getEqualWeights`,
// `getBucketRanges`, `chooseVariation`, `inRange`, `inNamespace`). Same float operations in the same order.
import { fnv1a32 } from './hash/fnv1a.js';

/** A half-open `[start, end)` range of hash values in [0, 1] (GrowthBook `VariationRange`). */
export type GbRange = readonly [start: number, end: number];

/** A GrowthBook namespace: its id and the `[start, end)` part of it an experiment occupies. */
export type GbNamespace = readonly [id: string, start: number, end: number];

/**
 * GrowthBook's `seed + value` (or `value + seed`): JavaScript `+`, so a number attribute concatenates as its decimal
 * form. When `+` gives no string (two numbers add) GrowthBook's FNV reads `.length` of a number and returns the offset
 * basis, which is the hash of `''`, so `''` reproduces it. `null` when `+` would throw (a symbol, a null-prototype
 * object): GrowthBook would throw there.
 */
function plus(a: unknown, b: unknown): string | null {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  try {
    const sum: unknown = (a as string) + (b as string);
    return typeof sum === 'string' ? sum : '';
  } catch {
    return null;
  }
}

/**
 * GrowthBook's `hash(seed, value, version)`, a number in [0, 1):
 * - version 1 (original, biased): `(fnv1a32(value + seed) % 1000) / 1000`;
 * - version 2: `(fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000`.
 *
 * FNV-1a runs over UTF-16 code units, as GrowthBook's. The value is used as GrowthBook receives it (an attribute
 * value concatenated with `+`), so a number `123` hashes as `'123'`.
 *
 * @param seed - The experiment `seed` (GrowthBook defaults it to the experiment key), or `'__' + namespaceId`.
 * @param value - The hash attribute's value.
 * @param version - 1 or 2 (GrowthBook `hashVersion`).
 * @returns The hash in [0, 1), or `null` for any other version (as GrowthBook) or when the inputs cannot be
 * concatenated without throwing.
 * @example
 * gbHash('', 'a', 1); // 0.22
 * gbHash('seed', 'a', 2); // 0.0505
 * gbHash('abc', 'def', 99); // null
 */
export function gbHash(seed: string, value: unknown, version: number): number | null {
  if (version === 2) {
    const text = plus(seed, value);
    return text === null ? null : (fnv1a32(String(fnv1a32(text))) % 10000) / 10000;
  }
  if (version === 1) {
    const text = plus(value, seed);
    return text === null ? null : (fnv1a32(text) % 1000) / 1000;
  }
  return null;
}

/**
 * GrowthBook's `getEqualWeights(n)`: `n` copies of `1 / n`, or `[]` when `n <= 0`. Where GrowthBook's
 * `new Array(n)` would throw (`n` not an integer, NaN, or at least 2^32) this returns `[]`.
 *
 * @param n - The number of variations.
 * @example
 * gbGetEqualWeights(4); // [0.25, 0.25, 0.25, 0.25]
 * gbGetEqualWeights(0); // []
 */
export function gbGetEqualWeights(n: number): number[] {
  if (!(n > 0) || !Number.isInteger(n) || n > 0xffff_ffff) return [];
  return new Array<number>(n).fill(1 / n);
}

/**
 * GrowthBook's `getBucketRanges(numVariations, coverage, weights)`: lays the weights end to end from 0 and keeps the
 * first `coverage` share of each slice, `[start, start + coverage * weight)`. Exactly as GrowthBook:
 * - `coverage` defaults to 1 when `undefined`, and is clamped to [0, 1];
 * - missing weights, weights of the wrong length, or weights summing outside [0.99, 1.01] are replaced by equal
 *   weights (GrowthBook also logs an error outside production; this function is silent).
 *
 * @param numVariations - The number of variations.
 * @param coverage - The share of traffic included, 0..1. Default 1.
 * @param weights - One weight per variation, summing to about 1.
 * @returns One `[start, end)` range per variation (`[]` when `numVariations <= 0`).
 * @example
 * gbGetBucketRanges(2, 0.5); // [[0, 0.25], [0.5, 0.75]]
 * gbGetBucketRanges(3, 1, [0.2, 0.3, 0.5]); // [[0, 0.2], [0.2, 0.5], [0.5, 1]]
 */
export function gbGetBucketRanges(
  numVariations: number,
  coverage?: number,
  weights?: readonly number[] | null,
): [number, number][] {
  let cover = coverage === undefined ? 1 : coverage;
  if (cover < 0) cover = 0;
  else if (cover > 1) cover = 1;

  const equal = gbGetEqualWeights(numVariations);
  let w: readonly number[] = Array.isArray(weights) ? weights : equal;
  if (w.length !== numVariations) w = equal;

  // GrowthBook writes `weights.reduce((w, sum) => sum + w, 0)`: current + accumulator, kept in that order.
  let total = 0;
  for (let i = 0; i < w.length; i++) total = (w[i] as number) + total;
  if (total < 0.99 || total > 1.01) w = equal;

  let cumulative = 0;
  const ranges: [number, number][] = new Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const weight = w[i] as number;
    const start = cumulative;
    cumulative += weight;
    ranges[i] = [start, start + cover * weight];
  }
  return ranges;
}

/**
 * GrowthBook's `inRange(n, range)`: `start <= n < end`.
 *
 * @example
 * gbInRange(0.25, [0, 0.25]); // false
 */
export function gbInRange(n: number, range: GbRange): boolean {
  return n >= range[0] && n < range[1];
}

/**
 * GrowthBook's `chooseVariation(n, ranges)`: the index of the first range with `start <= n < end`, else -1
 * (the context is outside the experiment's coverage).
 *
 * @param n - The hash from {@link gbHash}.
 * @param ranges - From {@link gbGetBucketRanges} or the experiment's explicit `ranges`.
 * @example
 * gbChooseVariation(0.5, [[0, 0.5], [0.5, 1]]); // 1
 * gbChooseVariation(0.4, [[0, 0.25], [0.5, 0.75]]); // -1
 */
export function gbChooseVariation(n: number, ranges: readonly GbRange[]): number {
  if (!Array.isArray(ranges)) return -1;
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i];
    if (range && gbInRange(n, range)) return i;
  }
  return -1;
}

/**
 * GrowthBook's `inNamespace(hashValue, [id, start, end])`: whether `hash('__' + id, hashValue, 1)` lies in
 * `[start, end)`. Namespaces always use hash version 1.
 *
 * @param hashValue - The hash attribute's value.
 * @param namespace - `[id, start, end]`.
 * @example
 * gbInNamespace('1', ['namespace1', 0.4, 1]); // true
 */
export function gbInNamespace(hashValue: unknown, namespace: GbNamespace): boolean {
  const n = gbHash(`__${namespace[0]}`, hashValue, 1);
  if (n === null) return false;
  return n >= namespace[1] && n < namespace[2];
}
