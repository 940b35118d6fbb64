// The growthbook-v1 / growthbook-v2 hash modes' bucketing strategy: fnv1a of seed and value into [0, 1), against
// per-variation ranges; namespaces, hash filters, force-rule coverage and the fallback attribute (see growthbook.ts
// for the arithmetic).
import { compileAttributePath } from '../compile/compile-conditions.js';
import type { AttributePath, CompiledHashFilter } from '../compile/compiled-types.js';
import type { EvalState } from '../evaluate/eval-state.js';
import { gbChooseVariation, gbGetBucketRanges, gbHash, gbInNamespace } from './growthbook.js';
import type { BucketingStrategy, RolloutBase } from './rollout-strategy.js';
import { bucketText, experimentSlice, readBucketBy } from './rollout-strategy.js';

/** A compiled rollout of a growthbook hash mode. */
export interface GrowthBookRollout extends RolloutBase<'growthbook-v1' | 'growthbook-v2'> {
  readonly seed: string;
  readonly version: 1 | 2;
  /** Read when the `bucketBy` attribute is empty. */
  readonly fallback: AttributePath | null;
  /** Ranges, one per slice, in [0, 1]. */
  readonly ranges: readonly (readonly [number, number])[];
  readonly namespace: readonly [string, number, number] | null;
  /** A force rule (not an experiment): in when the hash lies in `allocation`, else when it is at most `coverage`. */
  readonly allocation: readonly [number, number] | null;
  readonly coverage: number | undefined;
  /** Hash filters: the context must fall in one range of each. */
  readonly filters: readonly CompiledHashFilter[];
}

const NONE: readonly never[] = Object.freeze([]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validRange(r: unknown): r is [number, number] {
  return Array.isArray(r) && r.length === 2 && typeof r[0] === 'number' && typeof r[1] === 'number';
}

function compileFilters(filters: unknown): readonly CompiledHashFilter[] | string {
  if (filters === undefined) return NONE;
  if (!Array.isArray(filters)) return 'filters must be a list';
  const out: CompiledHashFilter[] = [];
  for (const f of filters as unknown[]) {
    if (!isObject(f) || typeof f['seed'] !== 'string' || !Array.isArray(f['ranges'])) return 'a hash filter needs a seed and ranges';
    const named = typeof f['attribute'] === 'string' && f['attribute'] !== '';
    const attribute = named ? compileAttributePath(f['attribute']) : null;
    if (named && attribute === null) return `invalid filter attribute ${JSON.stringify(f['attribute'])}`;
    out.push({ seed: f['seed'], ranges: (f['ranges'] as unknown[]).filter(validRange), version: f['hashVersion'] === 1 ? 1 : 2, attribute });
  }
  return out;
}

/** GrowthBook `isFilteredOut`: the context must fall in one range of every filter. */
function filteredOut(r: GrowthBookRollout, individual: Record<string, unknown>, value: string | undefined): boolean {
  for (const f of r.filters) {
    const v = f.attribute === null ? value : bucketText(readBucketBy(individual, f.attribute));
    if (!v) return true;
    const n = gbHash(f.seed, v, f.version);
    if (n === null || !f.ranges.some((range) => n >= range[0] && n < range[1])) return true;
  }
  return false;
}

/** A force rule (GrowthBook `isIncludedInRollout`): included contexts get the first slice. */
function forceRule(r: GrowthBookRollout, individual: Record<string, unknown>, value: string | undefined, state: EvalState): number {
  if (r.filters.length > 0 && filteredOut(r, individual, value)) return -1;
  if (r.allocation === null && r.coverage === undefined) return r.slices.length > 0 ? 0 : -1;
  if (r.allocation === null && r.coverage === 0) return -1;
  if (!value) return -1;
  const n = gbHash(r.seed, value, r.version);
  if (n === null) return -1;
  state.bucketValue = n;
  const inside = r.allocation !== null ? n >= r.allocation[0] && n < r.allocation[1] : n <= (r.coverage as number);
  return inside && r.slices.length > 0 ? 0 : -1;
}

/** The growthbook strategy, for both hash versions (see {@link BucketingStrategy}). */
export const growthbookStrategy: BucketingStrategy<GrowthBookRollout> = {
  saysBucket: false,
  path: (b) => (b.bucketBy === undefined || b.bucketBy === 'key' ? null : (compileAttributePath(b.bucketBy) ?? undefined)),
  compile(input, strategy) {
    const b = input.bucketing;
    let fallback: AttributePath | null = null;
    if (typeof b.fallbackAttribute === 'string' && b.fallbackAttribute !== '') {
      fallback = compileAttributePath(b.fallbackAttribute);
      if (fallback === null) return `invalid fallbackAttribute ${JSON.stringify(b.fallbackAttribute)}`;
    }
    const filters = compileFilters(b.filters);
    if (typeof filters === 'string') return filters;
    const ns = b.namespace;
    const slices = input.slices;
    return {
      mode: b.hash === 'growthbook-v1' ? 'growthbook-v1' : 'growthbook-v2',
      strategy,
      isExperiment: input.isExperiment,
      contextKind: input.contextKind,
      bucketBy: input.bucketBy,
      slices,
      seed: b.seed !== undefined && b.seed !== null ? String(b.seed) : input.defaults.key,
      version: b.hash === 'growthbook-v1' ? 1 : 2,
      fallback,
      ranges: input.contiguous ? gbGetBucketRanges(slices.length, input.coverage, input.weights) : slices.map((s) => [s.start, s.end] as const),
      namespace: isObject(ns) && typeof ns['id'] === 'string' && validRange(ns['range']) ? ([ns['id'], ns['range'][0], ns['range'][1]] as const) : null,
      allocation: input.allocation,
      coverage: input.coverage,
      filters,
    };
  },
  bucket(r, individual, state: EvalState) {
    if (individual === undefined) return -1;
    let value = bucketText(readBucketBy(individual, r.bucketBy));
    if (!value && r.fallback !== null) value = bucketText(readBucketBy(individual, r.fallback));
    if (!r.isExperiment) return forceRule(r, individual, value, state);
    if (!value) return -1;
    if (r.filters.length > 0) {
      if (filteredOut(r, individual, value)) return -1;
    } else if (r.namespace !== null && !gbInNamespace(value, r.namespace)) return -1;
    const n = gbHash(r.seed, value, r.version);
    if (n === null) return -1;
    state.bucketValue = n;
    return experimentSlice(r, gbChooseVariation(n, r.ranges), state);
  },
  range: (r, slice) => r.ranges[slice],
};
