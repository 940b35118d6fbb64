import type { Flag, Rule } from '@ensign/datafile-schema';

const rulesByFlag = new WeakMap<Flag, Map<string, Rule>>();

/**
 * The rule of `flag` with id `ruleId` (the rule that decided a result), or undefined. Indexed once per flag object,
 * so the hot path does a map lookup, not a scan.
 *
 * @example
 * ruleOf(getFlag(compiled, 'enterprise-dashboard'), result.ruleId)?.trackEvents;
 */
export function ruleOf(flag: Flag | undefined, ruleId: string | null): Rule | undefined {
  if (!flag || ruleId === null) return undefined;
  let rules = rulesByFlag.get(flag);
  if (!rules) {
    rules = rulesById(flag);
    rulesByFlag.set(flag, rules);
  }
  return rules.get(ruleId);
}

/** The rules of `flag` by id (the first of duplicate ids; rules without an id left out): the index `ruleOf` keeps. */
export function rulesById(flag: Flag): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const rule of flag.rules ?? []) if (rule.id !== undefined && !rules.has(rule.id)) rules.set(rule.id, rule);
  return rules;
}
