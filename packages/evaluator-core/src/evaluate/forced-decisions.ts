// Forced decisions given by the caller (Optimizely `setForcedDecision`): flag-level ones are checked first, rule-level
// ones when evaluation reaches that rule. A forced variation must exist in the flag; an invalid one is ignored with a
// reason message, as Optimizely validates at decision time. When several entries name the same flag and rule, the
// last one wins (as a later `setForcedDecision` replaces an earlier one).
import type { CompiledFlag } from '../compile/compiled-types.js';
import { variationIndex } from '../compile/compile-flag.js';
import { displayKey } from '../context/context-access.js';
import type { ForcedDecision } from '../types.js';
import type { EvalState } from './eval-state.js';
import { MESSAGES, say } from './reason-messages.js';

/**
 * The index of the variation forced for a flag (ruleKey undefined) or for one of its rules, or -1 when none (or an
 * invalid one) applies.
 */
export function forcedVariation(state: EvalState, flag: CompiledFlag, ruleKey: string | undefined): number {
  const list = state.options.forcedDecisions;
  if (!Array.isArray(list) || list.length === 0) return -1;
  let found: ForcedDecision | undefined;
  for (const fd of list as readonly ForcedDecision[]) {
    if (fd !== null && typeof fd === 'object' && fd.flagKey === flag.key && (fd.ruleKey ?? undefined) === ruleKey) found = fd;
  }
  if (found === undefined) return -1;
  const index = variationIndex(flag, found.variationKey);
  const user = state.reasons !== null ? displayKey(state.context) : '';
  if (index < 0) {
    if (ruleKey === undefined) say(state, MESSAGES.FORCED_FLAG_INVALID, flag.key, user);
    else say(state, MESSAGES.FORCED_RULE_INVALID, flag.key, ruleKey, user);
    return -1;
  }
  if (ruleKey === undefined) say(state, MESSAGES.FORCED_FLAG, found.variationKey, flag.key, user);
  else say(state, MESSAGES.FORCED_RULE, found.variationKey, flag.key, ruleKey, user);
  return index;
}
