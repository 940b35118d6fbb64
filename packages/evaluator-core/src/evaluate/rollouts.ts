// Bucketing a context into a compiled rollout, in the rollout's hash mode, with the vendor's primitives
// (../bucketing). Returns the slice index or -1 (no slice: not bucketable, outside the traffic allocation, the
// namespace or the coverage, or past the last slice); the bucket value and the experiment flag go to the state.
// Imported from each mode's module rather than the bucketing index: one indirection less on the hot path when a
// loader (tsx, vitest) compiles re-exports into getters.
import { amplitudeCoerceString, amplitudeHashOf } from '../bucketing/amplitude.js';
import type { Murmur3Prefix } from '../bucketing/hash/murmur3.js';
import { ensignBucketOf, ensignChooseWeighted, ensignInAllocation, ensignTrafficBucketOf, type EnsignSeed } from '../bucketing/ensign.js';
import { gbChooseVariation, gbHash, gbInNamespace } from '../bucketing/growthbook.js';
import { ldBucket, ldChooseWeighted } from '../bucketing/launchdarkly.js';
import { optimizelyBucketingId, optimizelyBucketValue, optimizelyFindBucket } from '../bucketing/optimizely.js';
import type { AttributePath, CompiledRollout, CompiledSlice } from '../compile/compiled-types.js';
import { individualOf, readPath } from '../context/context-access.js';
import type { EvalState } from './eval-state.js';

const hasOwn = Object.prototype.hasOwnProperty;

function read(individual: Record<string, unknown>, path: AttributePath | null): unknown {
  if (path === null) return individual['key'];
  const components = path.components;
  if (components.length === 1) {
    const name = components[0] as string;
    return hasOwn.call(individual, name) ? individual[name] : undefined;
  }
  return readPath(individual, components);
}

/** A string to hash: strings as they are, finite numbers and booleans as text; anything else is not bucketable. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

function findRange(slices: readonly CompiledSlice[], value: number): number {
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i] as CompiledSlice;
    if (value >= s.start && value < s.end) return i;
  }
  return -1;
}

function ensign(r: CompiledRollout, individual: Record<string, unknown>, state: EvalState): number {
  const value = text(read(individual, r.bucketBy));
  if (value === undefined) return -1;
  const seed = r.ensignSeed as EnsignSeed;
  if (r.allocation !== null && !ensignInAllocation(ensignTrafficBucketOf(seed, value), r.allocation)) return -1;
  const bucket = ensignBucketOf(seed, value);
  state.bucketValue = bucket;
  return r.contiguous ? ensignChooseWeighted(bucket, r.weights) : findRange(r.slices, bucket);
}

function optimizely(r: CompiledRollout, individual: Record<string, unknown>, state: EvalState): number {
  let id: string | undefined;
  if (r.bucketBy === null) {
    const key = individual['key'];
    id = typeof key === 'string' ? optimizelyBucketingId(key, individual) : undefined;
  } else id = text(read(individual, r.bucketBy));
  if (id === undefined) return -1;
  const bucket = optimizelyBucketValue(id + r.entityId);
  state.bucketValue = bucket;
  const entity = optimizelyFindBucket(bucket, r.optimizelyAllocations);
  return entity === null || entity === '' ? -1 : Number(entity);
}

function launchdarkly(r: CompiledRollout, individual: Record<string, unknown> | undefined, state: EvalState): number {
  const value = individual === undefined ? undefined : read(individual, r.bucketBy);
  const bucket = ldBucket({ flagOrSegmentKey: r.hashKey, salt: r.salt, seed: r.ldSeed, value });
  state.bucketValue = bucket;
  const index = ldChooseWeighted(bucket, r.weights);
  if (index < 0) return -1;
  const slice = r.slices[index] as CompiledSlice;
  // LaunchDarkly: in the experiment when the context has the rollout's kind and the slice is tracked; past the last
  // slice both SDKs skip the context check (vendor-formats 2.2).
  const overflow = index === r.slices.length - 1 && bucket >= slice.end / 100000;
  state.inExperiment = r.isExperiment && !slice.untracked && (individual !== undefined || overflow);
  return index;
}

function amplitude(r: CompiledRollout, individual: Record<string, unknown>, state: EvalState): number {
  const value = amplitudeCoerceString(read(individual, r.bucketBy));
  if (!value) return -1;
  const hash = amplitudeHashOf(r.amplitudeSalt as Murmur3Prefix, value);
  const allocation = hash % 100;
  if (r.allocation !== null && !(allocation >= r.allocation[0] && allocation < r.allocation[1])) return -1;
  const distribution = Math.floor(hash / 100);
  state.bucketValue = distribution;
  return findRange(r.slices, distribution);
}

/** GrowthBook `isFilteredOut`: the context must fall in one range of every filter. */
function filteredOut(r: CompiledRollout, individual: Record<string, unknown>, value: string | undefined): boolean {
  for (const f of r.filters) {
    const v = f.attribute === null ? value : text(read(individual, f.attribute));
    if (!v) return true;
    const n = gbHash(f.seed, v, f.version);
    if (n === null || !f.ranges.some((range) => n >= range[0] && n < range[1])) return true;
  }
  return false;
}

function growthbook(r: CompiledRollout, individual: Record<string, unknown>, state: EvalState): number {
  let value = text(read(individual, r.bucketBy));
  if (!value && r.fallback !== null) value = text(read(individual, r.fallback));
  if (!r.isExperiment) {
    // A force rule (GrowthBook `isIncludedInRollout`): in when the hash lies in the range (`allocation`), else when it
    // is at most `coverage` (inclusive); without either, everyone is in. Included contexts get the first slice.
    if (r.filters.length > 0 && filteredOut(r, individual, value)) return -1;
    if (r.allocation === null && r.coverage === undefined) return r.slices.length > 0 ? 0 : -1;
    if (r.allocation === null && r.coverage === 0) return -1;
    if (!value) return -1;
    const n = gbHash(r.seed, value, r.gbVersion);
    if (n === null) return -1;
    state.bucketValue = n;
    const inside = r.allocation !== null ? n >= r.allocation[0] && n < r.allocation[1] : n <= (r.coverage as number);
    return inside && r.slices.length > 0 ? 0 : -1;
  }
  if (!value) return -1;
  if (r.filters.length > 0) {
    if (filteredOut(r, individual, value)) return -1;
  } else if (r.namespace !== null && !gbInNamespace(value, r.namespace)) return -1;
  const n = gbHash(r.seed, value, r.gbVersion);
  if (n === null) return -1;
  state.bucketValue = n;
  return gbChooseVariation(n, r.ranges);
}

/**
 * Buckets the state's context into a rollout: the slice index, or -1. Writes `state.bucketValue` and
 * `state.inExperiment`.
 *
 * @example
 * const slice = bucketRollout(state, rule.serve.rollout);
 */
export function bucketRollout(state: EvalState, r: CompiledRollout): number {
  state.inExperiment = false;
  state.bucketValue = -1;
  const individual = individualOf(state.context, r.contextKind);
  let index: number;
  if (r.mode === 'launchdarkly') index = launchdarkly(r, individual, state);
  else if (individual === undefined) return -1;
  else if (r.mode === 'ensign') index = ensign(r, individual, state);
  else if (r.mode === 'optimizely') index = optimizely(r, individual, state);
  else if (r.mode === 'amplitude') index = amplitude(r, individual, state);
  else index = growthbook(r, individual, state);
  if (index >= 0 && r.isExperiment && r.mode !== 'launchdarkly') state.inExperiment = !(r.slices[index] as CompiledSlice).untracked;
  return index;
}
