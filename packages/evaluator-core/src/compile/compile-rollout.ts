// Rollouts (and holdout allocations, and group splits) → CompiledRollout: slices placed in the hash mode's bucket
// space, hash inputs (seed, salt, hash key, entity id) resolved with their defaults, vendor tables precomputed.
import { HASH_MODES, type Bucketing, type HashMode, type Rollout, type WeightedVariation } from '@ensign/datafile-schema';
import { amplitudeSalt } from '../bucketing/amplitude.js';
import { ensignSeed } from '../bucketing/ensign.js';
import { gbGetBucketRanges } from '../bucketing/index.js';
import type { AttributePath, CompiledHashFilter, CompiledRollout, CompiledSlice } from './compiled-types.js';
import { compileAttributePath, literalPath } from './compile-conditions.js';

const MODES: ReadonlySet<string> = new Set(HASH_MODES);
const NONE: readonly never[] = Object.freeze([]);

/** What a rollout falls back on when its bucketing leaves a hash input out. */
export interface RolloutDefaults {
  /** The flag, holdout or group key: ensign seed (after `salt`), launchdarkly hash key, growthbook seed. */
  readonly key: string;
  /** The flag's salt: ensign seed and launchdarkly / amplitude salt. */
  readonly salt: string | undefined;
  /** optimizely entity id: the rule, holdout or group id. */
  readonly entityId: string;
}

/** One weighted entry, whatever it serves. */
export interface SliceInput {
  /** Key of what is served (variation key, member rule id), or null for a hole. */
  readonly key: string | null;
  readonly weight: number;
  readonly range?: readonly [number, number] | undefined;
  readonly untracked?: boolean | undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
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
    const attribute = typeof f['attribute'] === 'string' && f['attribute'] !== '' ? compileAttributePath(f['attribute']) : null;
    if (typeof f['attribute'] === 'string' && f['attribute'] !== '' && attribute === null) return `invalid filter attribute ${JSON.stringify(f['attribute'])}`;
    out.push({ seed: f['seed'], ranges: (f['ranges'] as unknown[]).filter(validRange), version: f['hashVersion'] === 1 ? 1 : 2, attribute });
  }
  return out;
}

function pathOf(bucketing: Bucketing, mode: HashMode, isExperiment: boolean): AttributePath | null | undefined {
  const by = bucketing.bucketBy;
  if (by === undefined || by === 'key' || (mode === 'launchdarkly' && isExperiment)) return null;
  if (typeof by !== 'string' || by === '') return undefined;
  // LaunchDarkly reads `bucketBy` as a reference only when the rollout names a context kind (ldjs serialization.ts).
  if (mode === 'launchdarkly' && bucketing.contextKind === undefined) return literalPath(by);
  return compileAttributePath(by) ?? undefined;
}

/**
 * Compiles the bucketing of weighted slices. Returns a message instead when the input cannot be bucketed (no
 * bucketing, an unknown hash mode, an invalid `bucketBy`): the owner is then MALFORMED.
 *
 * @param indexOf resolves a slice key to the index of what it serves; -2 marks a key that names nothing.
 */
export function compileSlices(
  bucketing: unknown,
  inputs: readonly SliceInput[],
  indexOf: (key: string) => number,
  defaults: RolloutDefaults,
  extra: { readonly isExperiment: boolean; readonly allocation?: unknown; readonly coverage?: unknown },
): CompiledRollout | string {
  if (!isObject(bucketing)) return 'a rollout needs a bucketing';
  const b = bucketing as unknown as Bucketing;
  if (typeof b.hash !== 'string' || !MODES.has(b.hash)) return `unknown hash mode ${JSON.stringify(b.hash)}`;
  const mode = b.hash;
  const bucketBy = pathOf(b, mode, extra.isExperiment);
  if (bucketBy === undefined) return `invalid bucketBy ${JSON.stringify(b.bucketBy)}`;
  let fallback: AttributePath | null = null;
  if (typeof b.fallbackAttribute === 'string' && b.fallbackAttribute !== '') {
    fallback = compileAttributePath(b.fallbackAttribute);
    if (fallback === null) return `invalid fallbackAttribute ${JSON.stringify(b.fallbackAttribute)}`;
  }
  // LaunchDarkly's evaluator answers MALFORMED_FLAG for a rollout with no variations (the other vendors skip the rule).
  if (mode === 'launchdarkly' && inputs.length === 0) return 'a LaunchDarkly rollout has no variations';
  const slices: CompiledSlice[] = [];
  const weights: number[] = [];
  let cumulative = 0;
  let contiguous = true;
  for (const input of inputs) {
    const w = num(input.weight);
    const index = input.key === null ? -1 : indexOf(input.key);
    let start = cumulative;
    let end = cumulative + Math.max(0, w);
    if (validRange(input.range)) {
      [start, end] = input.range;
      contiguous = false;
    }
    cumulative += Math.max(0, w);
    weights.push(w);
    slices.push({ index, key: input.key, start, end, untracked: input.untracked === true });
  }
  const gbVersion = mode === 'growthbook-v1' ? 1 : 2;
  let ranges: readonly (readonly [number, number])[] = NONE;
  if (mode === 'growthbook-v1' || mode === 'growthbook-v2') {
    const coverage = typeof extra.coverage === 'number' ? extra.coverage : undefined;
    ranges = contiguous ? gbGetBucketRanges(slices.length, coverage, weights) : slices.map((s) => [s.start, s.end] as const);
  }
  const ns = b.namespace;
  const namespace = isObject(ns) && typeof ns['id'] === 'string' && validRange(ns['range']) ? ([ns['id'], ns['range'][0], ns['range'][1]] as const) : null;
  const seed = b.seed !== undefined && b.seed !== null ? String(b.seed) : mode === 'ensign' ? (defaults.salt ?? defaults.key) : defaults.key;
  const salt = typeof b.salt === 'string' ? b.salt : (defaults.salt ?? '');
  const filters = compileFilters(b.filters);
  if (typeof filters === 'string') return filters;
  return {
    mode,
    isExperiment: extra.isExperiment,
    contextKind: typeof b.contextKind === 'string' ? b.contextKind : 'user',
    bucketBy,
    fallback,
    slices,
    seed,
    ensignSeed: mode === 'ensign' ? ensignSeed(seed) : null,
    ldSeed: typeof b.seed === 'number' || typeof b.seed === 'string' ? b.seed : null,
    salt,
    amplitudeSalt: mode === 'amplitude' ? amplitudeSalt(salt) : null,
    hashKey: typeof b.hashKey === 'string' ? b.hashKey : defaults.key,
    entityId: typeof b.entityId === 'string' ? b.entityId : defaults.entityId,
    optimizelyAllocations: mode === 'optimizely' ? slices.map((s, i) => ({ entityId: s.index === -1 ? '' : String(i), endOfRange: s.end })) : NONE,
    weights,
    contiguous,
    allocation: validRange(extra.allocation) ? extra.allocation : null,
    gbVersion,
    namespace,
    ranges,
    coverage: typeof extra.coverage === 'number' ? extra.coverage : undefined,
    filters,
  };
}

/**
 * Compiles a flag's or holdout's rollout; slices resolve variation keys with `indexOf`.
 *
 * @example
 * compileRollout(rollout, (k) => keys.indexOf(k), { key: 'flag', salt: undefined, entityId: 'rule-1' });
 */
export function compileRollout(rollout: Rollout, indexOf: (key: string) => number, defaults: RolloutDefaults): CompiledRollout | string {
  if (!isObject(rollout)) return 'a rollout must be an object';
  if (!Array.isArray(rollout.variations)) return 'a rollout needs a variations list';
  const inputs: SliceInput[] = [];
  for (const v of rollout.variations as WeightedVariation[]) {
    if (!isObject(v)) return 'a weighted variation must be an object';
    const key = typeof v.variation === 'string' ? v.variation : null;
    inputs.push({ key, weight: v.weight, range: v.range, untracked: v.untracked });
  }
  return compileSlices(rollout.bucketing, inputs, indexOf, defaults, {
    isExperiment: rollout.kind === 'experiment',
    allocation: rollout.allocation,
    coverage: rollout.coverage,
  });
}
