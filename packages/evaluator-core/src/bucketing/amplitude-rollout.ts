// The amplitude hash mode's bucketing strategy: murmur3 (Amplitude's flavour) of `salt/value`; `hash % 100` against
// the allocation, `floor(hash / 100)` against the slices (see amplitude.ts for the arithmetic).
import { compileAttributePath } from '../compile/compile-conditions.js';
import type { EvalState } from '../evaluate/eval-state.js';
import type { Murmur3Prefix } from './hash/murmur3.js';
import { amplitudeCoerceString, amplitudeHashOf, amplitudeSalt } from './amplitude.js';
import type { BucketingStrategy, RolloutBase } from './rollout-strategy.js';
import { experimentSlice, findRange, readBucketBy, sliceRange } from './rollout-strategy.js';

/** A compiled rollout of the amplitude hash mode. */
export interface AmplitudeRollout extends RolloutBase<'amplitude'> {
  /** The salt's hash prefix `${salt}/`, precomputed. */
  readonly salt: Murmur3Prefix;
  /** Allocation `[start, end)` on `hash % 100`. */
  readonly allocation: readonly [number, number] | null;
}

/** The amplitude strategy (see {@link BucketingStrategy}). */
export const amplitudeStrategy: BucketingStrategy<AmplitudeRollout> = {
  saysBucket: false,
  path: (b) => (b.bucketBy === undefined || b.bucketBy === 'key' ? null : (compileAttributePath(b.bucketBy, true) ?? undefined)),
  compile(input, strategy) {
    const b = input.bucketing;
    return {
      mode: 'amplitude',
      strategy,
      isExperiment: input.isExperiment,
      contextKind: input.contextKind,
      bucketBy: input.bucketBy,
      slices: input.slices,
      salt: amplitudeSalt(typeof b.salt === 'string' ? b.salt : (input.defaults.salt ?? '')),
      allocation: input.allocation,
    };
  },
  bucket(r, individual, state: EvalState) {
    if (individual === undefined) return -1;
    const value = amplitudeCoerceString(readBucketBy(individual, r.bucketBy));
    if (!value) return -1;
    const hash = amplitudeHashOf(r.salt, value);
    const allocation = hash % 100;
    if (r.allocation !== null && !(allocation >= r.allocation[0] && allocation < r.allocation[1])) return -1;
    const distribution = Math.floor(hash / 100);
    state.bucketValue = distribution;
    return experimentSlice(r, findRange(r.slices, distribution), state);
  },
  range: sliceRange,
};
