// The launchdarkly hash mode's bucketing strategy: sha1 of `key.salt.value` (or `seed.value`) into [0, 1), against
// weights in 1/100 000 (see launchdarkly.ts for the arithmetic).
import { compileAttributePath, literalPath } from '../compile/compile-conditions.js';
import type { CompiledSlice } from '../compile/compiled-types.js';
import type { EvalState } from '../evaluate/eval-state.js';
import { ldBucket, ldChooseWeighted } from './launchdarkly.js';
import type { BucketingStrategy, RolloutBase } from './rollout-strategy.js';
import { readBucketBy, sliceRange } from './rollout-strategy.js';

/** A compiled rollout of the launchdarkly hash mode. */
export interface LaunchDarklyRollout extends RolloutBase<'launchdarkly'> {
  /** The flag (or segment) key hashed, unless `seed` is set. */
  readonly hashKey: string;
  readonly salt: string;
  /** The rollout seed as written (used when truthy, as the Node SDK does). */
  readonly seed: number | string | null;
  readonly weights: readonly number[];
}

/** The launchdarkly strategy (see {@link BucketingStrategy}). */
export const launchdarklyStrategy: BucketingStrategy<LaunchDarklyRollout> = {
  saysBucket: false,
  path(b, isExperiment) {
    const by = b.bucketBy;
    // Experiments always bucket by the key; `bucketBy` is a reference only when the rollout names a context kind
    // (ldjs serialization.ts), else a literal attribute name, even one starting with "/".
    if (by === undefined || by === 'key' || isExperiment) return null;
    if (typeof by !== 'string' || by === '') return undefined;
    return b.contextKind === undefined ? literalPath(by) : (compileAttributePath(by) ?? undefined);
  },
  compile(input, strategy) {
    // LaunchDarkly's evaluator answers MALFORMED_FLAG for a rollout with no variations (the others skip the rule).
    if (input.slices.length === 0) return 'a LaunchDarkly rollout has no variations';
    const b = input.bucketing;
    return {
      mode: 'launchdarkly',
      strategy,
      isExperiment: input.isExperiment,
      contextKind: input.contextKind,
      bucketBy: input.bucketBy,
      slices: input.slices,
      hashKey: typeof b.hashKey === 'string' ? b.hashKey : input.defaults.key,
      salt: typeof b.salt === 'string' ? b.salt : (input.defaults.salt ?? ''),
      seed: typeof b.seed === 'number' || typeof b.seed === 'string' ? b.seed : null,
      weights: input.weights,
    };
  },
  bucket(r, individual, state: EvalState) {
    const value = individual === undefined ? undefined : readBucketBy(individual, r.bucketBy);
    const bucket = ldBucket({ flagOrSegmentKey: r.hashKey, salt: r.salt, seed: r.seed, value });
    state.bucketValue = bucket;
    const index = ldChooseWeighted(bucket, r.weights);
    if (index < 0) return -1;
    const slice = r.slices[index] as CompiledSlice;
    // In the experiment when the context has the rollout's kind and the slice is tracked; past the last slice both
    // LaunchDarkly SDKs skip the context check (vendor-formats 2.2).
    const overflow = index === r.slices.length - 1 && bucket >= slice.end / 100000;
    state.inExperiment = r.isExperiment && !slice.untracked && (individual !== undefined || overflow);
    return index;
  },
  range: sliceRange,
};
