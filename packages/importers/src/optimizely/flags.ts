// One Optimizely feature flag → one native flag: its variables, the variations of all its rules, its experiment
// rules (in `experimentIds` order, ids missing from the datafile skipped as Optimizely does) and then the delivery
// rules of its rollout, the last being "Everyone Else". No fallthrough: when no rule decides, Optimizely serves no
// variation (flag disabled, variable defaults).
import type { Flag, Rule } from '@ensign/datafile-schema';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { list, str } from '../shared/values.js';
import type { ExperimentIndex, IndexedExperiment } from './experiment-index.js';
import { addRuleVariations, createFlagVariations } from './flag-variations.js';
import { deliveryRule, experimentRule, type RuleInputs } from './rules.js';
import { encodeJsonStrings, importVariables } from './variables.js';

/** Shared state of the flags' import. */
export interface FlagContext {
  readonly index: ExperimentIndex;
  readonly audiences: ReadonlySet<string>;
  /** Ids of the `random` groups. */
  readonly randomGroups: ReadonlySet<string>;
  readonly d: Diagnostics;
}

/** The "Everyone Else" variation an `fr` experiment gets appended (the last delivery rule's first variation). */
function everyoneElseVariation(delivery: readonly Record<string, unknown>[]): Record<string, unknown> | undefined {
  const last = delivery[delivery.length - 1];
  const first = last === undefined ? undefined : list(last['variations'])[0];
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
}

function experimentsOf(flag: Record<string, unknown>, path: string, c: FlagContext): IndexedExperiment[] {
  const out: IndexedExperiment[] = [];
  const seen = new Set<string>();
  list(flag['experimentIds']).forEach((id, i) => {
    const exp = typeof id === 'string' ? c.index.experiments.get(id) : undefined;
    if (exp === undefined) {
      c.d.warn(at(field(path, 'experimentIds'), i), `experiment ${JSON.stringify(id)} is not in the datafile: skipped (Optimizely's SDK refuses such a datafile)`);
      return;
    }
    if (seen.has(id as string)) {
      c.d.warn(at(field(path, 'experimentIds'), i), `experiment ${JSON.stringify(id)} is listed twice: the second is the same rule`);
      return;
    }
    seen.add(id as string);
    out.push(exp);
  });
  return out;
}

function deliveryRulesOf(flag: Record<string, unknown>, path: string, c: FlagContext): { rules: Record<string, unknown>[]; path: string } {
  const rolloutId = str(flag['rolloutId']);
  if (rolloutId === undefined || rolloutId === '') return { rules: [], path };
  const rollout = c.index.rollouts.get(rolloutId);
  if (rollout === undefined) {
    c.d.warn(field(path, 'rolloutId'), `rollout ${JSON.stringify(rolloutId)} is not in the datafile: the flag has no delivery rules`);
    return { rules: [], path };
  }
  const rules = list(rollout.value['experiments']).filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r));
  return { rules, path: field(rollout.path, 'experiments') };
}

/** Imports one feature flag, or undefined (with a warning) when it has no key. */
export function importFlag(flag: Record<string, unknown>, path: string, c: FlagContext): Flag | undefined {
  const key = str(flag['key']);
  if (key === undefined || key === '') {
    c.d.warn(path, 'a feature flag without a key is left out');
    return undefined;
  }
  const vars = importVariables(flag, path, c.d);
  const variations = createFlagVariations(vars, c.index, c.d);
  const experiments = experimentsOf(flag, path, c);
  const delivery = deliveryRulesOf(flag, path, c);
  const everyoneElse = everyoneElseVariation(delivery.rules);
  for (const e of experiments) addRuleVariations(e.value, e.path, variations);
  delivery.rules.forEach((r, i) => addRuleVariations(r, at(delivery.path, i), variations));
  const inputs: RuleInputs = { variations, audiences: c.audiences, d: c.d };
  const rules: Rule[] = [];
  const ruleIds = new Set<string>();
  const pushRule = (rule: Rule, p: string): void => {
    const id = rule.id ?? '';
    if (ruleIds.has(id)) {
      c.d.warn(p, `rule id ${JSON.stringify(id)} repeats in flag ${JSON.stringify(key)}: the second is left out`);
      return;
    }
    ruleIds.add(id);
    rules.push(rule);
  };
  for (const e of experiments) {
    if (typeof e.value['id'] !== 'string') continue;
    const group = e.groupId !== undefined && c.randomGroups.has(e.groupId) ? e.groupId : undefined;
    const rule = experimentRule(e.value, e.path, inputs, group);
    if (e.value['type'] === 'fr' && everyoneElse !== undefined && rule.serve !== undefined && 'rollout' in rule.serve) {
      // Optimizely's parser appends the "Everyone Else" variation up to 10000 to feature-rollout experiments.
      const used = rule.serve.rollout.variations.reduce((s, v) => s + v.weight, 0);
      const everyoneKey = variations.keyOfId(str(everyoneElse['id']) ?? '') ?? null;
      rule.serve.rollout.variations.push({ variation: everyoneKey, weight: Math.max(0, 10_000 - used) });
    }
    pushRule(rule, e.path);
  }
  delivery.rules.forEach((r, i) => {
    const p = at(delivery.path, i);
    if (typeof r['id'] !== 'string') {
      c.d.warn(p, 'a delivery rule without an id is left out');
      return;
    }
    pushRule(deliveryRule(r, p, inputs, i === delivery.rules.length - 1), p);
  });
  encodeJsonStrings(vars.definitions, variations.list);
  const id = str(flag['id']);
  const rolloutId = str(flag['rolloutId']);
  const experimentIds = list(flag['experimentIds']).filter((x): x is string => typeof x === 'string');
  return {
    key,
    ...(id !== undefined ? { id } : {}),
    on: true,
    variations: variations.list,
    ...(vars.definitions.length > 0 ? { variables: vars.definitions } : {}),
    rules,
    metadata: { optimizely: { ...(id !== undefined ? { flagId: id } : {}), ...(rolloutId ? { rolloutId } : {}), experimentIds } },
  };
}
