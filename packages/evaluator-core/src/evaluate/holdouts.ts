// Holdouts (Optimizely order, vendor-formats 1.6/1.7): global and flag-scoped holdouts before the flag's rules,
// rule-scoped ones when that rule is reached. A running holdout whose conditions match and whose allocation buckets
// the context into one of its variations holds the context out: the result carries the holdout's variation key,
// the flag's off value (or the caller's default when the flag has no off variation), `enabled: false`, the flag's
// variable defaults, and a RULE_MATCH reason with `holdoutKey` (no `ruleIndex`: no rule of the flag decided).
import type { CompiledFlag, CompiledHoldout } from '../compile/compiled-types.js';
import { evaluateCondition } from '../conditions/evaluate-condition.js';
import { displayKey } from '../context/context-access.js';
import type { EvaluationReason, EvaluationResult } from '../types.js';
import type { EvalState } from './eval-state.js';
import { MESSAGES, say, sayEvaluating } from './reason-messages.js';
import { finish, makeResult, stateError } from './result.js';
import { bucketRollout } from './rollouts.js';
import { bucketOf, openConditions, pushStep } from './trace.js';

const reasons = new WeakMap<CompiledHoldout, EvaluationReason>();

function reasonOf(h: CompiledHoldout): EvaluationReason {
  let r = reasons.get(h);
  if (r === undefined) {
    r = Object.freeze({ kind: 'RULE_MATCH', holdoutKey: h.key, inExperiment: true });
    reasons.set(h, r);
  }
  return r;
}

function heldOut(state: EvalState, flag: CompiledFlag, h: CompiledHoldout, variationKey: string): EvaluationResult {
  const off = flag.offVariation >= 0 ? flag.variations[flag.offVariation] : undefined;
  const value = off !== undefined ? off.value : state.defaultValue;
  const result = makeResult(flag.key, value, variationKey, null, false, flag.defaults, h.key, h.id, h.key, reasonOf(h), state.compiled.revision);
  return finish(state, result);
}

/**
 * Applies holdouts in order: the held-out result, or null when the context is in none of them (or an error result
 * when a holdout is malformed).
 */
export function applyHoldouts(state: EvalState, flag: CompiledFlag, holdouts: readonly CompiledHoldout[]): EvaluationResult | null {
  for (let i = 0; i < holdouts.length; i++) {
    const h = holdouts[i] as CompiledHoldout;
    if (h.malformed !== null || h.rollout === null) {
      state.fail('MALFORMED_FLAG', h.malformed ?? `holdout ${h.key} is malformed`);
      return stateError(state, flag.key, 'MALFORMED_FLAG');
    }
    const user = state.reasons !== null ? displayKey(state.context) : '';
    if (!h.running) {
      say(state, MESSAGES.HOLDOUT_NOT_RUNNING, h.key);
      if (state.trace !== null) pushStep(state, { step: 'holdout', id: h.key, matched: false, note: 'not running' });
      continue;
    }
    if (state.trace !== null) openConditions(state);
    const matched = h.conditions === null || evaluateCondition(state, h.conditions) === true;
    if (state.error !== null) return stateError(state, flag.key, state.error);
    if (state.reasons !== null) {
      sayEvaluating(state, 'experiment', h.key, h.raw.audiences);
      say(state, MESSAGES.AUDIENCES, 'experiment', h.key, matched ? 'TRUE' : 'FALSE');
    }
    if (!matched) {
      say(state, MESSAGES.HOLDOUT_FAILS, user, h.key);
      if (state.trace !== null) pushStep(state, { step: 'holdout', id: h.key, matched: false });
      continue;
    }
    say(state, MESSAGES.HOLDOUT_MEETS, user, h.key);
    const slice = bucketRollout(state, h.rollout);
    const index = slice >= 0 ? (h.rollout.slices[slice]?.index ?? -1) : -1;
    const variation = index >= 0 ? h.variations[index] : undefined;
    if (state.reasons !== null && h.rollout.strategy.saysBucket && state.bucketValue >= 0) say(state, MESSAGES.BUCKET, state.bucketValue, user);
    if (state.trace !== null) pushStep(state, { step: 'holdout', id: h.key, matched: variation !== undefined, bucket: bucketOf(state, h.rollout, slice) });
    if (variation === undefined) {
      say(state, MESSAGES.HOLDOUT_NONE, user);
      continue;
    }
    // Optimizely 6 fills this template with the holdout key, then the variation key: its words, kept as they are.
    say(state, MESSAGES.HOLDOUT_IN, user, h.key, variation.key);
    return heldOut(state, flag, h, variation.key);
  }
  return null;
}
