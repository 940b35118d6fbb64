// What every hash mode's bucketing strategy provides, and the parts of a compiled rollout they share. Each mode's
// strategy sits beside its primitives (`<mode>-rollout.ts` beside `<mode>.ts`); `strategies.ts` holds the one table
// that maps a hash mode to its strategy. Shared evaluation code never branches on the mode: it calls the strategy
// the compiled rollout carries.
import type { Bucketing, HashMode } from '@ensign/datafile-schema';
import type { AttributePath, CompiledSlice } from '../compile/compiled-types.js';
import { readPath } from '../context/context-access.js';
import type { EvalState } from '../evaluate/eval-state.js';

/** What a rollout falls back on when its bucketing leaves a hash input out. */
export interface RolloutDefaults {
  /** The flag, holdout or group key: ensign seed (after `salt`), launchdarkly hash key, growthbook seed. */
  readonly key: string;
  /** The flag's salt: ensign seed and launchdarkly / amplitude salt. */
  readonly salt: string | undefined;
  /** optimizely entity id: the rule, holdout or group id. */
  readonly entityId: string;
}

/** The fields every compiled rollout has, whatever its mode. */
export interface RolloutBase<M extends HashMode> {
  readonly mode: M;
  /** The strategy of `mode` (from the one table in `strategies.ts`), resolved at compile time. */
  readonly strategy: BucketingStrategy<RolloutBase<M>>;
  readonly isExperiment: boolean;
  readonly contextKind: string;
  /** null: the context key (Optimizely: the bucketing id). */
  readonly bucketBy: AttributePath | null;
  readonly slices: readonly CompiledSlice[];
}

/** What the shared compile step hands a strategy: the rollout's bucketing, its slices placed end to end, defaults. */
export interface RolloutInput {
  readonly bucketing: Bucketing;
  readonly isExperiment: boolean;
  readonly contextKind: string;
  readonly bucketBy: AttributePath | null;
  readonly slices: readonly CompiledSlice[];
  /** Each slice's weight as written (0 when not a finite number). */
  readonly weights: readonly number[];
  /** Every slice is placed by its end alone (laid end to end from 0, no explicit `range`). */
  readonly contiguous: boolean;
  /** `allocation` as written, when a well-formed pair. */
  readonly allocation: readonly [number, number] | null;
  readonly coverage: number | undefined;
  readonly defaults: RolloutDefaults;
}

/**
 * One hash mode's bucketing: how its rollouts compile, how a context is bucketed into one, and where a slice lies in
 * the mode's bucket space.
 */
export interface BucketingStrategy<R> {
  /** The attribute a rollout hashes, from `bucketBy` (null: the context key); undefined when it is invalid. */
  path(bucketing: Bucketing, isExperiment: boolean): AttributePath | null | undefined;
  /** The mode's fields of a compiled rollout; a message instead when the rollout cannot be bucketed (MALFORMED). */
  compile(input: RolloutInput, strategy: BucketingStrategy<R>): R | string;
  /**
   * The slice a context falls in, or -1 (not bucketable, outside the allocation, past the last slice). Writes
   * `state.bucketValue` and `state.inExperiment`. `individual` is the context of the rollout's kind, if any.
   */
  bucket(r: R, individual: Record<string, unknown> | undefined, state: EvalState): number;
  /** `[start, end)` of a slice in the mode's bucket space (for traces). */
  range(r: R, slice: number): readonly [number, number] | undefined;
  /** Whether Optimizely-style reasons announce the bucket value ("Assigned bucket N to user ..."). */
  readonly saysBucket: boolean;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The value a rollout hashes: the context key for a null path, else the attribute (own properties only). */
export function readBucketBy(individual: Record<string, unknown>, path: AttributePath | null): unknown {
  if (path === null) return individual['key'];
  const components = path.components;
  if (components.length === 1) {
    const name = components[0] as string;
    return hasOwn.call(individual, name) ? individual[name] : undefined;
  }
  return readPath(individual, components, path.indexArrays === true);
}

/** A string to hash: strings as they are, finite numbers and booleans as text; anything else is not bucketable. */
export function bucketText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The slice whose `[start, end)` holds `value`, or -1. */
export function findRange(slices: readonly CompiledSlice[], value: number): number {
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i] as CompiledSlice;
    if (value >= s.start && value < s.end) return i;
  }
  return -1;
}

/** A slice's own `[start, end)` (the range of most modes). */
export function sliceRange(r: { readonly slices: readonly CompiledSlice[] }, slice: number): readonly [number, number] | undefined {
  const s = r.slices[slice];
  return s === undefined ? undefined : [s.start, s.end];
}

/** Marks the state in the experiment when the rollout is one and the chosen slice is tracked; returns `index`. */
export function experimentSlice(r: { readonly isExperiment: boolean; readonly slices: readonly CompiledSlice[] }, index: number, state: EvalState): number {
  if (index >= 0 && r.isExperiment) state.inExperiment = !(r.slices[index] as CompiledSlice).untracked;
  return index;
}
