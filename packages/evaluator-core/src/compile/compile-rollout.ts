// Rollouts (and holdout allocations, and group splits) → CompiledRollout: slices placed end to end in the hash
// mode's bucket space, then the mode's own fields from its strategy (the one table in ../bucketing/strategies.ts).
import { HASH_MODES, type Bucketing, type HashMode, type Rollout, type WeightedVariation } from '@ensign/datafile-schema';
import type { RolloutDefaults } from '../bucketing/rollout-strategy.js';
import { BUCKETING, type CompiledRollout } from '../bucketing/strategies.js';
import type { BucketingStrategy } from '../bucketing/rollout-strategy.js';
import type { CompiledSlice } from './compiled-types.js';

export type { RolloutDefaults } from '../bucketing/rollout-strategy.js';

const MODES: ReadonlySet<string> = new Set(HASH_MODES);

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

/**
 * Compiles the bucketing of weighted slices. Returns a message instead when the input cannot be bucketed (no
 * bucketing, an unknown hash mode, an invalid `bucketBy`, what the mode's strategy refuses): the owner is then
 * MALFORMED.
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
  // The table is indexed by the mode the rollout names; the strategy it gives compiles a rollout of that mode.
  const strategy = BUCKETING[b.hash as HashMode] as unknown as BucketingStrategy<CompiledRollout>;
  const bucketBy = strategy.path(b, extra.isExperiment);
  if (bucketBy === undefined) return `invalid bucketBy ${JSON.stringify(b.bucketBy)}`;
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
  return strategy.compile(
    {
      bucketing: b,
      isExperiment: extra.isExperiment,
      contextKind: typeof b.contextKind === 'string' ? b.contextKind : 'user',
      bucketBy,
      slices,
      weights,
      contiguous,
      allocation: validRange(extra.allocation) ? extra.allocation : null,
      coverage: typeof extra.coverage === 'number' ? extra.coverage : undefined,
      defaults,
    },
    strategy,
  );
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
