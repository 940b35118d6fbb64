// Mutual-exclusion groups: a rule that belongs to a group is entered only when the context's group bucket selects
// that rule (Optimizely `random` groups: bucket key = bucketing id + group id, checked after the audiences).
import type { CompiledFlag, CompiledRule } from '../compile/compiled-types.js';
import { displayKey } from '../context/context-access.js';
import type { EvalState } from './eval-state.js';
import { MESSAGES, say } from './reason-messages.js';
import { bucketRollout } from './rollouts.js';
import { bucketOf, pushStep } from './trace.js';

/** Whether a bucket value falls in the members' ranges, holes included. */
function inRanges(members: readonly { readonly weight: number }[], bucket: number): boolean {
  let end = 0;
  for (const m of members) end += typeof m.weight === 'number' ? m.weight : 0;
  return bucket >= 0 && bucket < end;
}

/** Whether the group of `rule` selects it for the context; false (and `state.fail`) when the group is missing. */
export function selectedByGroup(state: EvalState, flag: CompiledFlag, rule: CompiledRule): boolean {
  const key = rule.groupKey as string;
  const group = state.compiled.groups.get(key);
  if (group === undefined || group.rollout === null) {
    state.fail('MALFORMED_FLAG', group === undefined ? `group ${key} is not in the datafile` : (group.malformed ?? `group ${key} is malformed`));
    return false;
  }
  const slice = bucketRollout(state, group.rollout);
  const memberIndex = slice >= 0 ? (group.rollout.slices[slice]?.index ?? -1) : -1;
  const member = memberIndex >= 0 ? group.members[memberIndex] : undefined;
  const selected = member !== undefined && member.rule === rule.id && (member.flag === null || member.flag === flag.key);
  if (state.trace !== null) pushStep(state, { step: 'group', id: key, matched: selected, bucket: bucketOf(state, group.rollout, slice) });
  if (state.reasons !== null) {
    const user = displayKey(state.context);
    // Optimizely: "not in any experiment" only past the group's last range; a hole is "not in experiment ...".
    if (member === undefined && !inRanges(group.raw.members, state.bucketValue)) say(state, MESSAGES.GROUP_NONE, user, key);
    else if (!selected) say(state, MESSAGES.GROUP_OTHER, user, rule.experimentKey ?? rule.key, key);
    else say(state, MESSAGES.GROUP_IN, user, rule.experimentKey ?? rule.key, key);
  }
  return selected;
}
