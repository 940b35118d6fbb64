// Optimizely-style reason messages (`includeReasons`). Where a step matches one of Optimizely's decision messages
// (vendor-formats 1.8, opt lib/core/decision_service/index.ts), its exact `%s` template is used, with Optimizely 6's
// arguments and order (a delivery rule is named by its position or "Everyone Else"); Ensign-only steps (off,
// prerequisites, individual targets, fallthrough, malformed flags) get short messages in the same style. Everything
// here runs only when reasons were asked for.
import type { CompiledFlag, CompiledRule } from '../compile/compiled-types.js';
import type { EvalState } from './eval-state.js';

/**
 * The reason-message templates; `%s` placeholders are filled in order.
 *
 * @example
 * REASON_MESSAGES.EXPERIMENT_IN; // 'User %s is in variation %s of experiment %s.'
 */
export const MESSAGES = Object.freeze({
  FLAG_NOT_FOUND: 'No flag was found for key "%s".',
  USER_NOT_SPECIFIED: 'No valid context was given to evaluate flag "%s".',
  MALFORMED: 'Flag "%s" is malformed: %s',
  EXCEPTION: 'Evaluating flag "%s" failed unexpectedly.',
  FORCED_FLAG: 'Variation (%s) is mapped to flag (%s) and user (%s) in the forced decision map.',
  FORCED_FLAG_INVALID: 'Invalid variation is mapped to flag (%s) and user (%s) in the forced decision map.',
  FORCED_RULE: 'Variation (%s) is mapped to flag (%s), rule (%s) and user (%s) in the forced decision map.',
  FORCED_RULE_INVALID: 'Invalid variation is mapped to flag (%s), rule (%s) and user (%s) in the forced decision map.',
  OFF: 'Flag "%s" is off.',
  PREREQUISITE_FAILED: 'Prerequisite "%s" of flag "%s" is not met.',
  TARGETED: 'User %s is targeted into variation %s of flag %s.',
  HOLDOUT_NOT_RUNNING: 'Holdout %s is not running.',
  HOLDOUT_MEETS: 'User %s meets conditions for holdout %s.',
  HOLDOUT_FAILS: 'User %s does not meet conditions for holdout %s.',
  HOLDOUT_IN: 'User %s is in variation %s of holdout %s.',
  HOLDOUT_NONE: 'User %s is in no holdout variation.',
  NOT_RUNNING: 'Experiment %s is not running.',
  WHITELISTED: 'User %s is forced in variation %s.',
  STICKY: 'Returning previously activated variation "%s" of experiment "%s" for user "%s" from user profile.',
  EVALUATING_AUDIENCES: 'Evaluating audiences for %s "%s": %s.',
  AUDIENCES: 'Audiences for %s %s collectively evaluated to %s.',
  NO_EXPERIMENTS: 'Feature %s is not attached to any experiments.',
  NO_ROLLOUT: 'There is no rollout of feature %s.',
  EMPTY_ROLLOUT: 'Rollout of feature %s has no experiments',
  EXPERIMENT_NO_MATCH: 'User %s does not meet conditions to be in experiment %s.',
  EXPERIMENT_IN: 'User %s is in variation %s of experiment %s.',
  EXPERIMENT_NONE: 'User %s is in no variation of experiment %s.',
  RULE_NO_MATCH: 'User %s does not meet conditions for targeting rule %s.',
  RULE_MATCH: 'User %s meets conditions for targeting rule %s.',
  RULE_BUCKETED: 'User %s bucketed into targeting rule %s.',
  RULE_NOT_BUCKETED: 'User %s not bucketed into targeting rule %s due to traffic allocation. Trying everyone rule.',
  GROUP_NONE: 'User %s is not in any experiment of group %s.',
  GROUP_OTHER: 'User %s is not in experiment %s of group %s.',
  GROUP_IN: 'User %s is in experiment %s of group %s.',
  BUCKET: 'Assigned bucket %s to user with bucketing ID %s.',
  CMAB: 'CMAB is not supported in sync mode.',
  FALLTHROUGH_IN: 'User %s is in rollout of feature %s.',
  FALLTHROUGH_NONE: 'User %s is not in rollout of feature %s.',
} as const);

/**
 * Fills a `%s` template.
 *
 * @example
 * format(MESSAGES.NOT_RUNNING, 'exp-1'); // 'Experiment exp-1 is not running.'
 */
export function format(template: string, ...args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%s/g, () => String(args[i++]));
}

/** Adds a message when reasons were asked for (a no-op otherwise). */
export function say(state: EvalState, template: string, ...args: readonly unknown[]): void {
  if (state.reasons !== null) state.reasons.push(format(template, ...args));
}

/** Whether a flag came from an Optimizely datafile (its metadata says so): it then gets Optimizely's flow messages. */
function isOptimizelyFlag(flag: CompiledFlag): boolean {
  const meta = flag.raw.metadata?.optimizely;
  return typeof meta === 'object' && meta !== null;
}

/**
 * The name Optimizely gives a rule in its messages: an experiment's key; a delivery rule's position among the
 * delivery rules (from 1), the last one being "Everyone Else"; any other rule's key.
 */
export function ruleLabel(flag: CompiledFlag, rule: CompiledRule): string {
  if (rule.raw.kind !== 'rollout') return rule.experimentKey ?? rule.key;
  let position = 0;
  let count = 0;
  for (const r of flag.rules) {
    if (r.raw.kind !== 'rollout') continue;
    if (r === rule) position = count;
    count++;
  }
  return position === count - 1 ? 'Everyone Else' : String(position + 1);
}

/** "Evaluating audiences for ...", when the rule (or holdout) keeps its vendor's audience expression. */
export function sayEvaluating(state: EvalState, type: 'experiment' | 'rule', label: string, audiences: unknown): void {
  if (typeof audiences === 'string') say(state, MESSAGES.EVALUATING_AUDIENCES, type, label, audiences);
}

/** Before the rules of an Optimizely flag without experiments: "Feature ... is not attached to any experiments." */
export function sayRulesStart(state: EvalState, flag: CompiledFlag): void {
  if (!isOptimizelyFlag(flag)) return;
  for (const r of flag.rules) if (r.raw.kind === 'experiment') return;
  say(state, MESSAGES.NO_EXPERIMENTS, flag.key);
}

/** After the rules of an Optimizely flag without delivery rules: "There is no rollout ..." or "Rollout ... has no experiments". */
export function sayRulesEnd(state: EvalState, flag: CompiledFlag): void {
  if (!isOptimizelyFlag(flag)) return;
  for (const r of flag.rules) if (r.raw.kind === 'rollout') return;
  const rolloutId = flag.raw.metadata?.optimizely?.rolloutId;
  if (typeof rolloutId === 'string' && rolloutId !== '') say(state, MESSAGES.EMPTY_ROLLOUT, rolloutId);
  else say(state, MESSAGES.NO_ROLLOUT, flag.key);
}
