// Optimizely's `OptimizelyConfig` built from the datafile in use: the keys and ids users read (flags, experiments,
// delivery rules, variations, variables). Ensign's datafile is the source, so what the native format does not keep
// reads differently from Optimizely's (README, "Coming from Optimizely"): audience conditions are Ensign's, and
// `getDatafile()` gives Ensign's datafile.
import type { Datafile, Flag, JsonValue, Rule, Variation } from '@ensign/datafile-schema';
import type { CompiledDatafile } from '@ensign/evaluator-core';

/** A variable: `value` as Optimizely's datafile writes it (text). */
export interface OptimizelyVariable {
  id: string;
  key: string;
  type: string;
  value: string;
}

export interface OptimizelyVariation {
  id: string;
  key: string;
  featureEnabled?: boolean;
  variablesMap: Record<string, OptimizelyVariable>;
}

/** An experiment or delivery rule; `audiences` names its audiences (`"US" OR "beta"`). */
export interface OptimizelyExperiment {
  id: string;
  key: string;
  audiences: string;
  variationsMap: Record<string, OptimizelyVariation>;
}

export interface OptimizelyFeature {
  id: string;
  key: string;
  experimentRules: OptimizelyExperiment[];
  deliveryRules: OptimizelyExperiment[];
  experimentsMap: Record<string, OptimizelyExperiment>;
  variablesMap: Record<string, OptimizelyVariable>;
}

/** Optimizely's `OptimizelyConfig`. */
export interface OptimizelyConfig {
  revision: string;
  sdkKey: string;
  environmentKey: string;
  attributes: { id: string; key: string }[];
  audiences: { id: string; name: string; conditions: string }[];
  events: { id: string; key: string; experimentIds: string[] }[];
  experimentsMap: Record<string, OptimizelyExperiment>;
  featuresMap: Record<string, OptimizelyFeature>;
  /** The datafile in use, as JSON text (Ensign's format). */
  getDatafile(): string;
}

const OPERATORS: ReadonlySet<unknown> = new Set(['and', 'or', 'not']);

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function variablesOf(flag: Flag, variation: Variation | null): Record<string, OptimizelyVariable> {
  const map: Record<string, OptimizelyVariable> = {};
  const own = variation !== null && variation.enabled !== false ? (variation.variables ?? {}) : {};
  for (const v of flag.variables ?? []) {
    const value = Object.prototype.hasOwnProperty.call(own, v.key) ? own[v.key] : v.default;
    Object.defineProperty(map, v.key, { value: { id: v.id ?? v.key, key: v.key, type: v.type, value: text(value) }, enumerable: true, writable: true, configurable: true });
  }
  return map;
}

/** Optimizely's serialization of an audience expression with audience names (`"US" OR ("beta" AND NOT "EU")`). */
function serialize(expression: readonly unknown[], names: ReadonlyMap<string, string>): string {
  let out = '';
  let operator = '';
  for (const item of expression) {
    let part: string;
    if (Array.isArray(item)) part = `(${serialize(item, names)})`;
    else if (OPERATORS.has(item)) {
      operator = String(item).toUpperCase();
      continue;
    } else part = `"${names.get(String(item)) ?? String(item)}"`;
    if (out !== '' || operator === 'NOT') out = out === '' ? `${operator || 'OR'} ${part}` : `${out} ${operator || 'OR'} ${part}`;
    else out = part;
  }
  return out;
}

/** The `audiences` text of a rule: its `audienceConditions` serialized (an id list alone serializes to ''). */
function audiencesOf(rule: Rule, names: ReadonlyMap<string, string>): string {
  try {
    const expression: unknown = JSON.parse(rule.experiment?.audiences ?? 'null');
    return Array.isArray(expression) && OPERATORS.has(expression[0]) ? serialize(expression, names) : '';
  } catch {
    return '';
  }
}

/** The variations a rule serves (its rollout slices and its whitelist), in the flag's order. */
function ruleVariations(flag: Flag, rule: Rule): Variation[] {
  const keys = new Set<string>();
  const serve = rule.serve as { variation?: string; rollout?: { variations: { variation: string | null }[] } };
  if (typeof serve.variation === 'string') keys.add(serve.variation);
  for (const s of serve.rollout?.variations ?? []) if (s.variation !== null) keys.add(s.variation);
  for (const t of rule.targets ?? []) keys.add(t.variation);
  return flag.variations.filter((v) => keys.has(v.key));
}

function experimentOf(flag: Flag, rule: Rule, names: ReadonlyMap<string, string>): OptimizelyExperiment {
  const variationsMap: Record<string, OptimizelyVariation> = {};
  for (const v of ruleVariations(flag, rule)) {
    variationsMap[v.key] = { id: v.id ?? v.key, key: v.key, featureEnabled: v.enabled !== false, variablesMap: variablesOf(flag, v) };
  }
  const key = rule.experiment?.key ?? rule.key ?? rule.id ?? '';
  return { id: rule.experiment?.id ?? rule.id ?? key, key, audiences: audiencesOf(rule, names), variationsMap };
}

/**
 * Builds the `OptimizelyConfig` of a compiled datafile. Experiments are the rules of kind `experiment`, delivery
 * rules those of kind `rollout` (as the Optimizely importer writes them).
 *
 * @example
 * optimizelyConfigOf(core.store.current()!, 'sdk-key').featuresMap['checkout'].variablesMap;
 */
export function optimizelyConfigOf(compiled: CompiledDatafile, sdkKey: string): OptimizelyConfig {
  const datafile: Datafile = compiled.datafile;
  const names = new Map<string, string>((datafile.audiences ?? []).map((a) => [a.id, a.name ?? a.key ?? a.id]));
  const experimentsMap: Record<string, OptimizelyExperiment> = {};
  const featuresMap: Record<string, OptimizelyFeature> = {};
  // An experiment several flags share is one object, with the variables of the first flag (as Optimizely's).
  const experimentsById = new Map<string, OptimizelyExperiment>();
  for (const flag of datafile.flags) {
    const experimentRules: OptimizelyExperiment[] = [];
    const deliveryRules: OptimizelyExperiment[] = [];
    const byKey: Record<string, OptimizelyExperiment> = {};
    for (const rule of flag.rules ?? []) {
      if (rule.kind === 'rollout') {
        deliveryRules.push(experimentOf(flag, rule, names));
        continue;
      }
      const id = rule.experiment?.id ?? rule.id ?? '';
      const experiment = experimentsById.get(id) ?? experimentOf(flag, rule, names);
      experimentsById.set(id, experiment);
      {
        experimentRules.push(experiment);
        byKey[experiment.key] = experiment;
        experimentsMap[experiment.key] ??= experiment;
      }
    }
    featuresMap[flag.key] = { id: flag.id ?? flag.key, key: flag.key, experimentRules, deliveryRules, experimentsMap: byKey, variablesMap: variablesOf(flag, null) };
  }
  const json = JSON.stringify(datafile);
  return {
    revision: compiled.revision,
    sdkKey,
    environmentKey: datafile.environment,
    attributes: (datafile.attributes ?? []).map((a) => ({ id: a.id ?? a.key, key: a.key })),
    audiences: (datafile.audiences ?? []).map((a) => ({ id: a.id, name: a.name ?? a.key ?? a.id, conditions: JSON.stringify(a.conditions) })),
    events: (datafile.events ?? []).map((e) => ({ id: e.id ?? e.key, key: e.key, experimentIds: [...(e.experimentIds ?? [])] })),
    experimentsMap,
    featuresMap,
    getDatafile: () => json,
  };
}
