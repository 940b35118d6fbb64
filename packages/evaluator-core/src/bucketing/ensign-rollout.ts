// The ensign hash mode's bucketing strategy: murmur3 of `seed.value` into 100 000 buckets, after an optional
// traffic allocation on a second hash (see ensign.ts for the arithmetic).
import { compileAttributePath } from '../compile/compile-conditions.js';
import type { EvalState } from '../evaluate/eval-state.js';
import { ensignBucketOf, ensignChooseWeighted, ensignInAllocation, ensignSeed, ensignTrafficBucketOf, type EnsignSeed } from './ensign.js';
import type { BucketingStrategy, RolloutBase } from './rollout-strategy.js';
import { bucketText, experimentSlice, findRange, readBucketBy, sliceRange } from './rollout-strategy.js';

/** A compiled rollout of the ensign hash mode. */
export interface EnsignRollout extends RolloutBase<'ensign'> {
  /** The seed's hash prefixes, precomputed. */
  readonly seed: EnsignSeed;
  readonly weights: readonly number[];
  readonly contiguous: boolean;
  /** Traffic allocation `[start, end)` in 100 000 buckets. */
  readonly allocation: readonly [number, number] | null;
}

/** The ensign strategy (see {@link BucketingStrategy}). */
export const ensignStrategy: BucketingStrategy<EnsignRollout> = {
  saysBucket: false,
  path: (b) => (b.bucketBy === undefined || b.bucketBy === 'key' ? null : (compileAttributePath(b.bucketBy) ?? undefined)),
  compile(input, strategy) {
    const b = input.bucketing;
    const seed = b.seed !== undefined && b.seed !== null ? String(b.seed) : (input.defaults.salt ?? input.defaults.key);
    return {
      mode: 'ensign',
      strategy,
      isExperiment: input.isExperiment,
      contextKind: input.contextKind,
      bucketBy: input.bucketBy,
      slices: input.slices,
      seed: ensignSeed(seed),
      weights: input.weights,
      contiguous: input.contiguous,
      allocation: input.allocation,
    };
  },
  bucket(r, individual, state: EvalState) {
    if (individual === undefined) return -1;
    const value = bucketText(readBucketBy(individual, r.bucketBy));
    if (value === undefined) return -1;
    if (r.allocation !== null && !ensignInAllocation(ensignTrafficBucketOf(r.seed, value), r.allocation)) return -1;
    const bucket = ensignBucketOf(r.seed, value);
    state.bucketValue = bucket;
    return experimentSlice(r, r.contiguous ? ensignChooseWeighted(bucket, r.weights) : findRange(r.slices, bucket), state);
  },
  range: sliceRange,
};
