// Bucketing a context into a compiled rollout: the context of the rollout's kind goes to the strategy the rollout
// carries (resolved at compile time from the one table in ../bucketing/strategies.ts). Returns the slice index or -1;
// the bucket value and the experiment flag go to the state.
import type { BucketingStrategy } from '../bucketing/rollout-strategy.js';
import type { CompiledRollout } from '../bucketing/strategies.js';
import { individualOf } from '../context/context-access.js';
import type { EvalState } from './eval-state.js';

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
  return (r.strategy as BucketingStrategy<CompiledRollout>).bucket(r, individualOf(state.context, r.contextKind), state);
}
