// Trace steps. Everything here runs only when `trace: true` was asked: the hot path checks `state.trace !== null`.
import type { BucketingStrategy } from '../bucketing/rollout-strategy.js';
import type { CompiledRollout } from '../bucketing/strategies.js';
import type { TraceStep } from '../types.js';
import type { EvalState } from './eval-state.js';

/** Starts collecting the conditions of a step. */
export function openConditions(state: EvalState): void {
  if (state.trace !== null) state.conditions = [];
}

/** Appends a step, with the conditions collected since {@link openConditions}. */
export function pushStep(state: EvalState, step: TraceStep): void {
  if (state.trace === null) return;
  if (state.conditions !== null) {
    if (state.conditions.length > 0) step.conditions = state.conditions;
    state.conditions = null;
  }
  state.trace.push(step);
}

/** The bucket part of a step: the hash mode, the value, the slice it fell in and what that slice serves. */
export function bucketOf(state: EvalState, rollout: CompiledRollout, slice: number): NonNullable<TraceStep['bucket']> {
  const s = slice >= 0 ? rollout.slices[slice] : undefined;
  const bucket: NonNullable<TraceStep['bucket']> = { hash: rollout.mode, value: state.bucketValue };
  if (s !== undefined) {
    const range = (rollout.strategy as BucketingStrategy<CompiledRollout>).range(rollout, slice);
    bucket.range = range !== undefined ? [range[0], range[1]] : [s.start, s.end];
    bucket.variation = s.key;
  } else bucket.variation = null;
  return bucket;
}
