// The optimizely hash mode's bucketing strategy: murmur3 of bucketing id + entity id into 10 000 buckets, against
// the traffic allocation's end-of-range table (see optimizely.ts for the arithmetic).
import { compileAttributePath } from '../compile/compile-conditions.js';
import type { EvalState } from '../evaluate/eval-state.js';
import { optimizelyBucketingId, optimizelyBucketValue, optimizelyFindBucket } from './optimizely.js';
import type { BucketingStrategy, RolloutBase } from './rollout-strategy.js';
import { bucketText, experimentSlice, readBucketBy, sliceRange } from './rollout-strategy.js';

/** A compiled rollout of the optimizely hash mode. */
export interface OptimizelyRollout extends RolloutBase<'optimizely'> {
  /** Appended to the bucketing id: the rule (experiment), holdout or group id. */
  readonly entityId: string;
  /** `{ entityId: slice index, endOfRange }`, `''` for holes. */
  readonly allocations: readonly { readonly entityId: string; readonly endOfRange: number }[];
}

/** The optimizely strategy (see {@link BucketingStrategy}). */
export const optimizelyStrategy: BucketingStrategy<OptimizelyRollout> = {
  saysBucket: true,
  path: (b) => (b.bucketBy === undefined || b.bucketBy === 'key' ? null : (compileAttributePath(b.bucketBy) ?? undefined)),
  compile(input, strategy) {
    const b = input.bucketing;
    return {
      mode: 'optimizely',
      strategy,
      isExperiment: input.isExperiment,
      contextKind: input.contextKind,
      bucketBy: input.bucketBy,
      slices: input.slices,
      entityId: typeof b.entityId === 'string' ? b.entityId : input.defaults.entityId,
      allocations: input.slices.map((s, i) => ({ entityId: s.index === -1 ? '' : String(i), endOfRange: s.end })),
    };
  },
  bucket(r, individual, state: EvalState) {
    if (individual === undefined) return -1;
    let id: string | undefined;
    if (r.bucketBy === null) {
      const key = individual['key'];
      id = typeof key === 'string' ? optimizelyBucketingId(key, individual) : undefined;
    } else id = bucketText(readBucketBy(individual, r.bucketBy));
    if (id === undefined) return -1;
    const bucket = optimizelyBucketValue(id + r.entityId);
    state.bucketValue = bucket;
    const entity = optimizelyFindBucket(bucket, r.allocations);
    return experimentSlice(r, entity === null || entity === '' ? -1 : Number(entity), state);
  },
  range: sliceRange,
};
