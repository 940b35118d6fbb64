// What rules serve: a variation or a rollout, with its bucketing spec and weights checked against the hash
// mode's bucket space.
import type { HashMode } from '../types.js';
import { BUCKET_SPACE, HASH_MODES } from '../types.js';
import type { Ctx } from './ctx.js';
import { checkAttributeRef, checkContextKind } from './condition.js';
import type { Obj } from './read.js';
import type { KeyIndex } from './key-index.js';
import { FRACTION, NON_NEGATIVE, arr, asObject, bool, checkFields, describe, num, obj, oneOf, pair, pairField, str } from './read.js';
import { SERVE_FIELDS, ROLLOUT_FIELDS, WEIGHTED_FIELDS, BUCKETING_FIELDS, NAMESPACE_FIELDS, FILTER_FIELDS } from './fields.js';

const HASH_SET: ReadonlySet<HashMode> = new Set(HASH_MODES);
const ROLLOUT_KINDS: ReadonlySet<'rollout' | 'experiment'> = new Set(['rollout', 'experiment'] as const);
const HASH_VERSIONS: ReadonlySet<number> = new Set([1, 2]);

/** The allocation space of each mode: Amplitude allocates on `hash % 100`, the others on their bucket space. */
export function allocationSpace(hash: HashMode): number {
  return hash === 'amplitude' ? 100 : BUCKET_SPACE[hash];
}

/** GrowthBook weights are fractions and GrowthBook itself accepts sums up to 1.01. */
function weightTolerance(hash: HashMode): number {
  return hash === 'growthbook-v1' || hash === 'growthbook-v2' ? 0.01 : 0;
}

/**
 * Checks that a variation key exists among `variations` (the flag's or the holdout's). `variations` undefined
 * means they were malformed: the reference is not checked.
 */
export function checkVariationRef(c: Ctx, key: string, variations: KeyIndex | undefined, ...tail: (string | number)[]): void {
  if (variations === undefined || variations.has(key)) return;
  const known = variations.keys;
  const list = known.length === 0 ? 'none' : known.slice(0, 10).map((k) => JSON.stringify(k)).join(', ') + (known.length > 10 ? ', ...' : '');
  // LaunchDarkly answers MALFORMED_FLAG where evaluation reaches a variation index the flag lacks, and serves the
  // rest: under its semantics the flag stays loaded (the evaluator answers MALFORMED_FLAG there).
  if (c.defaultSemantics === 'launchdarkly') c.warn(`unknown variation ${JSON.stringify(key)} (known: ${list}): MALFORMED_FLAG when evaluation reaches it`, ...tail);
  else c.error(`unknown variation ${JSON.stringify(key)} (known: ${list})`, ...tail);
}

/** Checks a `Serve` object at the current path plus `key`. */
export function checkServe(c: Ctx, o: Obj, key: string, required: boolean, variations: KeyIndex | undefined): void {
  const serve = obj(c, o, key, required);
  if (serve === undefined) return;
  c.stack.push(key);
  checkFields(c, serve, SERVE_FIELDS);
  const hasVariation = serve.variation !== undefined;
  const hasRollout = serve.rollout !== undefined;
  if (hasVariation === hasRollout) {
    c.error(hasVariation ? 'serves either "variation" or "rollout", not both' : 'needs "variation" or "rollout"');
  } else if (hasVariation) {
    const v = str(c, serve, 'variation', true);
    if (v !== undefined) checkVariationRef(c, v, variations, 'variation');
  } else {
    checkRollout(c, serve, 'rollout', true, variations);
  }
  c.stack.pop();
}

/** Checks a `Rollout` at the current path plus `key`; returns nothing, reports everything. */
export function checkRollout(c: Ctx, o: Obj, key: string, required: boolean, variations: KeyIndex | undefined): void {
  const r = obj(c, o, key, required);
  if (r === undefined) return;
  c.stack.push(key);
  checkFields(c, r, ROLLOUT_FIELDS);
  // Optional fields are read by name first (a monomorphic load) and checked only when present: the readers'
  // `o[key]` is a megamorphic load, slowest for a field that is absent.
  if (r.kind !== undefined) oneOf(c, r, 'kind', ROLLOUT_KINDS, false);
  const hash = checkBucketing(c, r, 'bucketing', true);
  const slices = arr(c, r, 'variations', true);
  const allocation = r.allocation === undefined ? undefined : pairField(c, r, 'allocation', false);
  if (r.coverage !== undefined) num(c, r, 'coverage', false, FRACTION);
  if (hash !== undefined && allocation !== undefined) checkRange(c, allocation, allocationSpace(hash), 'allocation');
  if (slices !== undefined) checkSlices(c, slices, hash, variations);
  // LaunchDarkly's evaluator answers MALFORMED_FLAG for a rollout with no variations when evaluation reaches it
  // (the others skip the rule): the flag stays loaded, and serves as LaunchDarkly does until then.
  if (hash === 'launchdarkly' && slices !== undefined && slices.length === 0) {
    c.warn('a LaunchDarkly rollout with no variations answers MALFORMED_FLAG when evaluation reaches it', 'variations');
  }
  c.stack.pop();
}

/** Float tolerance at the end of a space: GrowthBook's own cumulative ranges end at 1.0000000000000002. */
const RANGE_EPSILON = 1e-9;

function checkRange(c: Ctx, range: [number, number], space: number, ...tail: (string | number)[]): boolean {
  if (range[0] < 0 || range[1] > space * (1 + RANGE_EPSILON) || range[0] > range[1]) {
    c.error(`must be a range [start, end) with 0 <= start <= end <= ${space}, got [${range[0]}, ${range[1]}]`, ...tail);
    return false;
  }
  return true;
}

function checkSlices(c: Ctx, slices: unknown[], hash: HashMode | undefined, variations: KeyIndex | undefined): void {
  let sum = 0;
  let good = true;
  c.stack.push('variations');
  for (let i = 0; i < slices.length; i++) {
    c.stack.push(i);
    const s = asObject(c, slices[i]);
    if (s === undefined) {
      good = false;
      c.stack.pop();
      continue;
    }
    checkFields(c, s, WEIGHTED_FIELDS);
    const variation = s.variation;
    if (typeof variation === 'string') checkVariationRef(c, variation, variations, 'variation');
    else if (variation !== null) {
      c.error(variation === undefined ? 'is required (a variation key, or null for a hole)' : `must be a string or null, got ${describe(variation)}`, 'variation');
    }
    const weight = num(c, s, 'weight', true, NON_NEGATIVE);
    if (weight === undefined) good = false;
    else sum += weight;
    const range = s.range === undefined ? undefined : pairField(c, s, 'range', false);
    if (s.untracked !== undefined) bool(c, s, 'untracked', false);
    if (range !== undefined && hash !== undefined && checkRange(c, range, BUCKET_SPACE[hash], 'range') && weight !== undefined) {
      if (Math.abs(range[1] - range[0] - weight) > 1e-9 * BUCKET_SPACE[hash]) {
        c.warn(`weight ${weight} differs from the size of its range (${range[1] - range[0]}); the range decides`, 'weight');
      }
    }
    c.stack.pop();
  }
  c.stack.pop();
  if (!good || hash === undefined) return;
  const space = BUCKET_SPACE[hash];
  if (sum > space * (1 + weightTolerance(hash)) + 1e-9) {
    c.error(`weights add up to ${sum}, more than the ${space} units of the "${hash}" bucket space`, 'variations');
  } else if (hash === 'launchdarkly' && sum !== space && slices.length > 0) {
    c.warn(`weights add up to ${sum}, not ${space}: LaunchDarkly sends contexts past the last slice to the last slice`, 'variations');
  }
}

/** Checks a `Bucketing` at the current path plus `key`; returns its hash mode when valid. */
export function checkBucketing(c: Ctx, o: Obj, key: string, required: boolean): HashMode | undefined {
  const b = obj(c, o, key, required);
  if (b === undefined) return undefined;
  c.stack.push(key);
  checkFields(c, b, BUCKETING_FIELDS);
  const hash = oneOf(c, b, 'hash', HASH_SET, true);
  if (b.bucketBy !== undefined) checkAttributeRef(c, b, 'bucketBy', false);
  if (b.fallbackAttribute !== undefined) checkAttributeRef(c, b, 'fallbackAttribute', false);
  if (b.contextKind !== undefined) checkContextKind(c, b, 'contextKind');
  const seed = b.seed;
  if (seed !== undefined && typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
    c.error(`must be a string or a finite number, got ${describe(seed)}`, 'seed');
  }
  if (b.salt !== undefined) str(c, b, 'salt', false);
  if (b.hashKey !== undefined) str(c, b, 'hashKey', false);
  if (b.entityId !== undefined) str(c, b, 'entityId', false);
  const ns = b.namespace === undefined ? undefined : obj(c, b, 'namespace', false);
  if (ns !== undefined) {
    c.stack.push('namespace');
    checkFields(c, ns, NAMESPACE_FIELDS);
    str(c, ns, 'id', true);
    const range = pairField(c, ns, 'range', true);
    if (range !== undefined) checkRange(c, range, 1, 'range');
    c.stack.pop();
  }
  const filters = b.filters === undefined ? undefined : arr(c, b, 'filters', false);
  if (filters !== undefined) checkFilters(c, filters);
  c.stack.pop();
  return hash;
}

function checkFilters(c: Ctx, filters: unknown[]): void {
  c.stack.push('filters');
  for (let i = 0; i < filters.length; i++) {
    c.stack.push(i);
    const f = asObject(c, filters[i]);
    if (f !== undefined) {
      checkFields(c, f, FILTER_FIELDS);
      str(c, f, 'seed', true);
      checkAttributeRef(c, f, 'attribute', false);
      const version = f.hashVersion;
      if (version !== undefined && !HASH_VERSIONS.has(version as number)) c.error(`must be 1 or 2, got ${JSON.stringify(version) ?? describe(version)}`, 'hashVersion');
      const ranges = arr(c, f, 'ranges', true);
      if (ranges !== undefined) {
        for (let j = 0; j < ranges.length; j++) {
          const range = pair(c, ranges[j], 'ranges', j);
          if (range !== undefined) checkRange(c, range, 1, 'ranges', j);
        }
      }
    }
    c.stack.pop();
  }
  c.stack.pop();
}
