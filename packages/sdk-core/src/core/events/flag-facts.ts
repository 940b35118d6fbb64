// What the event sink reads of a flag on every decision, looked up once per flag and compiled datafile: the flag, its
// rules by id, and its event switches. A decision then costs one `Map` lookup by flag key, where reading the same
// facts from the datafile (`getFlag`, then `ruleOf`) cost four: the quarantine, the flag index, the rule index of
// the flag (a `WeakMap`) and the rule.
import type { Flag, Rule } from '@ensign/datafile-schema';
import type { CompiledDatafile } from '@ensign/evaluator-core';
import { getFlag } from '@ensign/evaluator-core';
import { rulesById } from './flag-rules.js';

/** The facts of one flag of one compiled datafile. */
export interface FlagFacts {
  /** The flag, or undefined when the datafile has no such (loaded) flag. */
  readonly flag: Flag | undefined;
  /** Its rules by id (the first of duplicate ids), built when first needed. */
  rules: Map<string, Rule> | null;
  /**
   * Whether a rule of the flag may have `trackEvents` (LaunchDarkly's tracked rules): false only when none has, so
   * that deciding whether a `RULE_MATCH` is tracked needs no rule lookup for most flags.
   */
  readonly ruleTracks: boolean;
  /**
   * The event pipeline's summary record of the flag (`DecisionInput.summarySlot`), so that counting a decision needs
   * no second lookup by flag key. Never set on the facts of an unknown flag (they are frozen and shared).
   */
  summary: unknown;
}

/** Facts of a flag the datafile does not have (one object for every unknown key). */
const UNKNOWN: FlagFacts = Object.freeze({ flag: undefined, rules: null, ruleTracks: false, summary: undefined }) as FlagFacts;

/**
 * Creates a cache of {@link FlagFacts} for the compiled datafile in use: the facts of each flag are read from the
 * datafile once, and the cache starts over when another compiled datafile is passed (a datafile update). Unknown keys
 * are not cached (a caller's typos cannot grow it): its size is bounded by the datafile's flag count.
 *
 * @example
 * const factsOf = createFlagFactsCache();
 * const { flag } = factsOf(compiled, 'checkout');
 * ruleFrom(factsOf(compiled, 'checkout'), result.ruleId)?.trackEvents;
 */
export function createFlagFactsCache(): (compiled: CompiledDatafile, flagKey: string) => FlagFacts {
  let of: CompiledDatafile | null = null;
  let facts = new Map<string, FlagFacts>();
  return (compiled, flagKey) => {
    if (compiled !== of) {
      of = compiled;
      facts = new Map();
    }
    let found = facts.get(flagKey);
    if (found === undefined) {
      const flag = getFlag(compiled, flagKey);
      if (flag === undefined) return UNKNOWN;
      found = { flag, rules: null, ruleTracks: mayTrackRules(flag), summary: undefined };
      facts.set(flagKey, found);
    }
    return found;
  };
}

/** Whether any rule of `flag` has `trackEvents: true` (true too when the rules are not a list: then look them up). */
function mayTrackRules(flag: Flag): boolean {
  const rules = flag.rules;
  if (rules === undefined || rules === null) return false;
  if (!Array.isArray(rules)) return true;
  for (const rule of rules) if (rule?.trackEvents === true) return true;
  return false;
}

/**
 * The rule of the flag with id `ruleId` (the rule that decided a result), or undefined: the answer of `ruleOf`,
 * from the facts' own index.
 */
export function ruleFrom(facts: FlagFacts, ruleId: string | null): Rule | undefined {
  const flag = facts.flag;
  if (flag === undefined || ruleId === null) return undefined;
  let rules = facts.rules;
  if (rules === null) {
    rules = rulesById(flag);
    facts.rules = rules;
  }
  return rules.get(ruleId);
}
