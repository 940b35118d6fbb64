// The rules of a flag, in order. For each rule (Optimizely order, vendor-formats 1.6): the caller's rule-level
// forced decision, rule-scoped holdouts, the status, the rule's own targets, the sticky user profile (experiment
// rules), the conditions, the group, then what it serves. A rule whose conditions match but whose rollout assigns
// nothing (a hole, the traffic allocation, a namespace, a group) follows `onMiss`: the next rule, the last rule
// (Optimizely's "Everyone Else"), or a fixed variation (Amplitude's segment fallback).
import type { CompiledFlag, CompiledRule } from '../compile/compiled-types.js';
import { evaluateCondition } from '../conditions/evaluate-condition.js';
import { displayKey } from '../context/context-access.js';
import type { EvaluationReason, EvaluationResult } from '../types.js';
import type { EvalState } from './eval-state.js';
import { forcedVariation } from './forced-decisions.js';
import { selectedByGroup } from './groups.js';
import { applyHoldouts } from './holdouts.js';
import { MESSAGES, ruleLabel, say, sayEvaluating, sayRulesEnd, sayRulesStart } from './reason-messages.js';
import { serve, stateError } from './result.js';
import { bucketRollout } from './rollouts.js';
import { matchTargets } from './targets.js';
import { bucketOf, openConditions, pushStep } from './trace.js';
import { rememberVariation, stickyVariation } from './user-profile.js';

const forcedReasons = new WeakMap<CompiledRule, EvaluationReason>();

function forcedReason(rule: CompiledRule): EvaluationReason {
  let r = forcedReasons.get(rule);
  if (r === undefined) {
    r = Object.freeze({ ...rule.reason, forced: true });
    forcedReasons.set(rule, r);
  }
  return r;
}

/** The rule's serve, bucketed: a variation index, -1 for none. */
function served(state: EvalState, flag: CompiledFlag, rule: CompiledRule): number {
  const rollout = rule.serve.rollout;
  if (rollout === null) {
    if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: rule.index, matched: true });
    return rule.serve.variationIndex;
  }
  const slice = bucketRollout(state, rollout);
  const index = slice >= 0 ? (rollout.slices[slice]?.index ?? -1) : -1;
  if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: rule.index, matched: true, bucket: bucketOf(state, rollout, slice) });
  if (state.reasons !== null && rollout.strategy.saysBucket && state.bucketValue >= 0) say(state, MESSAGES.BUCKET, state.bucketValue, displayKey(state.context));
  return index;
}

/** The audience messages of a rule whose conditions were just evaluated (Optimizely's order). */
function announce(state: EvalState, flag: CompiledFlag, rule: CompiledRule, matched: boolean): void {
  const user = displayKey(state.context);
  const type = rule.isExperiment ? 'experiment' : 'rule';
  const label = ruleLabel(flag, rule);
  sayEvaluating(state, type, label, rule.raw.experiment?.audiences);
  say(state, MESSAGES.AUDIENCES, type, label, matched ? 'TRUE' : 'FALSE');
  if (rule.isExperiment) {
    if (!matched) say(state, MESSAGES.EXPERIMENT_NO_MATCH, user, label);
  } else say(state, matched ? MESSAGES.RULE_MATCH : MESSAGES.RULE_NO_MATCH, user, label);
}

function outcome(state: EvalState, flag: CompiledFlag, rule: CompiledRule, variationKey: string | null, willJump: boolean): void {
  const user = displayKey(state.context);
  const label = ruleLabel(flag, rule);
  if (rule.isExperiment) {
    if (variationKey !== null) say(state, MESSAGES.EXPERIMENT_IN, user, variationKey, label);
    else say(state, MESSAGES.EXPERIMENT_NONE, user, label);
    return;
  }
  if (variationKey !== null) say(state, MESSAGES.RULE_BUCKETED, user, label);
  else if (willJump) say(state, MESSAGES.RULE_NOT_BUCKETED, user, label);
  if (variationKey !== null) delivered(state, flag, rule);
}

/** A delivery rule decided (bucketed, forced or held out): Optimizely says the user is in the flag's rollout. */
function delivered(state: EvalState, flag: CompiledFlag, rule: CompiledRule): void {
  if (rule.raw.kind === 'rollout') say(state, MESSAGES.FALLTHROUGH_IN, displayKey(state.context), flag.key);
}

/**
 * Evaluates the rules: the decision of the first rule that decides, or null to fall through.
 */
export function evaluateRules(state: EvalState, flag: CompiledFlag, defaultValue: unknown): EvaluationResult | null {
  const rules = flag.rules;
  const n = rules.length;
  let i = 0;
  if (state.reasons !== null) sayRulesStart(state, flag);
  while (i < n) {
    const rule = rules[i] as CompiledRule;
    const forced = state.options.forcedDecisions === undefined ? -1 : forcedVariation(state, flag, rule.key);
    if (forced >= 0) {
      if (state.trace !== null) pushStep(state, { step: 'forced', id: rule.id, index: i, matched: true });
      if (state.reasons !== null) delivered(state, flag, rule);
      return serve(state, flag, forced, forcedReason(rule), rule, defaultValue);
    }
    if (rule.holdouts.length > 0) {
      const held = applyHoldouts(state, flag, rule.holdouts);
      if (held !== null) {
        if (state.reasons !== null && held.reason.kind !== 'ERROR') delivered(state, flag, rule);
        return held;
      }
    }
    if (!rule.running) {
      if (state.reasons !== null) say(state, MESSAGES.NOT_RUNNING, rule.experimentKey ?? rule.key);
      if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: i, matched: false, note: `status ${rule.status}` });
      i++;
      continue;
    }
    if (rule.targets.length > 0) {
      const hit = matchTargets(state, rule.targets);
      if (hit !== null) {
        if (state.reasons !== null) say(state, MESSAGES.WHITELISTED, displayKey(state.context), hit.variationKey);
        if (state.trace !== null) pushStep(state, { step: 'target', id: rule.id, index: i, matched: true });
        return serve(state, flag, hit.variation, rule.reason, rule, defaultValue);
      }
    }
    if (rule.isExperiment) {
      const sticky = stickyVariation(state, flag, rule);
      if (sticky >= 0) {
        if (state.reasons !== null) say(state, MESSAGES.STICKY, flag.variations[sticky]?.key, rule.experimentKey ?? rule.key, displayKey(state.context));
        if (state.trace !== null) pushStep(state, { step: 'user-profile', id: rule.id, index: i, matched: true });
        return serve(state, flag, sticky, rule.experimentReason, rule, defaultValue);
      }
    }
    if (state.trace !== null) openConditions(state);
    if (rule.gate !== null) {
      const open = evaluateCondition(state, rule.gate) === true;
      if (state.error !== null) return stateError(state, flag.key, state.error);
      if (!open) {
        // GrowthBook gating parent conditions: evaluation stops, the flag serves nothing.
        if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: i, matched: false, note: 'gate closed' });
        if (state.reasons !== null) say(state, MESSAGES.PREREQUISITE_FAILED, rule.gateReason.prerequisiteKey, flag.key);
        return serve(state, flag, -1, rule.gateReason, null, defaultValue);
      }
    }
    const matched = rule.conditions === null || evaluateCondition(state, rule.conditions) === true;
    if (state.error !== null) return stateError(state, flag.key, state.error);
    if (state.reasons !== null) announce(state, flag, rule, matched);
    if (!matched) {
      if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: i, matched: false });
      i++;
      continue;
    }
    if (rule.cmab) {
      // Optimizely's synchronous decide skips contextual bandits (after their audiences): their variation comes from
      // a remote service.
      if (state.reasons !== null) {
        say(state, MESSAGES.CMAB);
        outcome(state, flag, rule, null, false);
      }
      if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: i, matched: false, note: 'contextual bandit (not supported here)' });
      i++;
      continue;
    }
    let index = -1;
    if (rule.groupKey === null || selectedByGroup(state, flag, rule)) {
      index = served(state, flag, rule);
    } else if (state.trace !== null) pushStep(state, { step: 'rule', id: rule.id, index: i, matched: true, note: 'not selected by its group' });
    if (state.error !== null) return stateError(state, flag.key, state.error);
    if (index !== -1) {
      const fromRollout = rule.serve.rollout !== null;
      const inExperiment = fromRollout && (state.inExperiment || rule.isExperiment);
      if (state.reasons !== null) outcome(state, flag, rule, flag.variations[index]?.key ?? null, false);
      if (fromRollout && rule.isExperiment && index >= 0) rememberVariation(state, flag, rule, index);
      return serve(state, flag, index, inExperiment ? rule.experimentReason : rule.reason, rule, defaultValue);
    }
    const onMiss = rule.onMiss;
    if (state.reasons !== null) outcome(state, flag, rule, null, onMiss === 'last' && i !== n - 1);
    if (typeof onMiss === 'number') return serve(state, flag, onMiss, rule.reason, rule, defaultValue);
    i = onMiss === 'last' && i !== n - 1 ? n - 1 : i + 1;
  }
  if (state.reasons !== null) sayRulesEnd(state, flag);
  return null;
}
