// GrowthBook feature rules → native rules. A force rule serves its value to everyone its condition matches, through
// a `rollout`-kind rollout when it has a coverage, a range or hash filters (GrowthBook `isIncludedInRollout`,
// inclusive coverage). An experiment rule buckets into its variations (`kind: 'experiment'`, GrowthBook's
// `getBucketRanges` or explicit `ranges`); passthrough variations are holes, so the next rule decides, as GrowthBook.
import type { Condition, JsonObject, JsonValue, Rule, WeightedVariation } from '@ensign/datafile-schema';
import { field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, str, toJson } from '../shared/values.js';
import { bucketingOf, coverageOf, filtersOf, hashVersionOf, rangeOf } from './bucketing.js';
import { convertParentConditions } from './parent-conditions.js';
import type { ValueVariations } from './value-variations.js';

/** What converting a rule needs. */
export interface RuleInputs {
  readonly featureKey: string;
  readonly variations: ValueVariations;
  readonly d: Diagnostics;
  /** Feature ids that parent conditions read (collected for the whole payload). */
  readonly parents: Set<string>;
}

const NEVER: Condition = { or: [] };

function conditionsOf(rule: Record<string, unknown>, extra: Condition[]): Condition | undefined {
  const all = [...extra];
  if (isRecord(rule['condition'])) all.push({ mongo: toJson(rule['condition']) as JsonObject });
  return all.length === 0 ? undefined : all.length === 1 ? all[0] : { and: all };
}

/**
 * GrowthBook skips a rule when a value it hashes is falsy, so `0` and `false` count as missing there, while the
 * engine hashes them as text ("0", "false"). This guard — the hashed attributes are not 0 or false — keeps the rule
 * from applying to such users, as GrowthBook. (Missing, null and empty values need no guard: both skip them.)
 */
function hashGuard(attributes: readonly string[], path: string, d: Diagnostics): Condition | undefined {
  const guard: JsonObject = {};
  for (const name of new Set(attributes)) {
    if (name.includes('.')) {
      d.warn(path, `hash attribute ${JSON.stringify(name)} contains a dot: a value 0 or false is hashed as text, where GrowthBook skips the rule`);
      continue;
    }
    Object.defineProperty(guard, name, { value: { $nin: [0, false] }, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(guard).length === 0 ? undefined : { mongo: guard };
}

function hashedAttributes(rule: Record<string, unknown>): string[] {
  return [str(rule['hashAttribute']) || 'id', ...list(rule['filters']).map((f) => (isRecord(f) ? str(f['attribute']) || 'id' : 'id'))];
}

function guarded(base: Partial<Rule>, guard: Condition | undefined): Partial<Rule> {
  if (guard === undefined) return base;
  const conditions = base.conditions === undefined ? guard : { and: [base.conditions, guard] };
  return { ...base, conditions };
}

function equalWeights(n: number): number[] {
  return new Array<number>(n).fill(1 / n);
}

/** The slices of an experiment, as GrowthBook lays them out. */
function experimentSlices(rule: Record<string, unknown>, path: string, keys: (string | null)[], coverage: number | undefined, d: Diagnostics): { slices: WeightedVariation[]; coverage?: number } {
  const n = keys.length;
  if (Array.isArray(rule['ranges'])) {
    const ranges = rule['ranges'] as unknown[];
    const slices: WeightedVariation[] = [];
    for (let i = 0; i < Math.max(n, ranges.length); i++) {
      const r = rangeOf(ranges[i], `${field(path, 'ranges')}[${i}]`, d) ?? [0, 0];
      slices.push({ variation: i < n ? (keys[i] as string | null) : null, weight: Math.max(0, r[1] - r[0]), range: r });
    }
    return { slices };
  }
  let weights = list(rule['weights']).map((w) => (typeof w === 'number' ? w : NaN));
  let total = 0;
  for (const w of weights) total = w + total;
  if (rule['weights'] !== undefined && (weights.length !== n || !(total >= 0.99 && total <= 1.01))) {
    d.warn(field(path, 'weights'), 'weights do not match the variations or do not add up to 1: equal weights, as GrowthBook');
    weights = equalWeights(n);
  } else if (rule['weights'] === undefined) weights = equalWeights(n);
  if (weights.some((w) => w < 0)) {
    // GrowthBook lays negative weights end to end anyway: place its exact ranges.
    let start = 0;
    const cover = coverage ?? 1;
    const slices = weights.map((w, i) => {
      const range: [number, number] = [Math.min(Math.max(start, 0), 1), Math.min(Math.max(start + cover * w, 0), 1)];
      start += w;
      return { variation: keys[i] as string | null, weight: Math.max(0, range[1] - range[0]), range };
    });
    return { slices };
  }
  return { slices: weights.map((w, i) => ({ variation: keys[i] as string | null, weight: w })), ...(coverage !== undefined ? { coverage } : {}) };
}

function experimentRule(rule: Record<string, unknown>, path: string, id: string, base: Partial<Rule>, inputs: RuleInputs): Rule | null {
  const { d, featureKey } = inputs;
  if (rule['contextualBanditRef'] !== undefined) d.warn(field(path, 'contextualBanditRef'), 'contextual bandits pick weights per context at run time: imported with the rule\'s aggregate weights');
  const values = list(rule['contextualVariations'] ?? rule['variations']);
  if (values.length < 2) {
    d.warn(path, 'an experiment with fewer than two variations never includes anyone (as GrowthBook): left out');
    return null;
  }
  const version = hashVersionOf(rule);
  if (version === null) {
    d.warn(field(path, 'hashVersion'), `hash version ${JSON.stringify(rule['hashVersion'])} never includes anyone (as GrowthBook): left out`);
    return null;
  }
  const filters = filtersOf(rule, path, d);
  if (filters === null) return null;
  const key = str(rule['key']) || featureKey;
  const meta = list(rule['meta']);
  const keys = values.map((v, i) => {
    const m = meta[i];
    return isRecord(m) && m['passthrough'] === true ? null : inputs.variations.keyOf(toJson(v));
  });
  const coverage = 'coverage' in rule ? coverageOf(rule['coverage'], field(path, 'coverage'), d) : undefined;
  const { slices, coverage: sliceCoverage } = experimentSlices(rule, path, keys, coverage, d);
  const bucketing = bucketingOf(rule, path, str(rule['seed']) || key, version, filters, d);
  const ns = rule['namespace'];
  if (Array.isArray(ns) && typeof ns[0] === 'string' && typeof ns[1] === 'number' && typeof ns[2] === 'number') bucketing.namespace = { id: ns[0], range: [ns[1], ns[2]] };
  else if (ns !== undefined) d.warn(field(path, 'namespace'), 'a namespace must be [id, start, end]: ignored');
  const metadata: JsonObject = {};
  for (const name of ['name', 'phase'] as const) if (typeof rule[name] === 'string') metadata[name] = rule[name] as string;
  if (meta.length > 0) metadata['meta'] = toJson(meta);
  return {
    ...guarded(base, hashGuard(hashedAttributes(rule), path, d)),
    id,
    key,
    kind: 'experiment',
    experiment: { key },
    serve: { rollout: { kind: 'experiment', bucketing, variations: slices, ...(sliceCoverage !== undefined ? { coverage: sliceCoverage } : {}) } },
    ...(Object.keys(metadata).length > 0 ? { metadata: { growthbook: metadata } } : {}),
  } as Rule;
}

function forceRule(rule: Record<string, unknown>, path: string, id: string, base: Partial<Rule>, inputs: RuleInputs): Rule | null {
  const { d, featureKey } = inputs;
  if (rule['tracks'] !== undefined) d.warn(field(path, 'tracks'), 'tracking calls of remote evaluation are not imported');
  const variation = inputs.variations.keyOf(toJson(rule['force']));
  const filters = filtersOf(rule, path, d);
  if (filters === null) return null;
  const range = rangeOf(rule['range'], field(path, 'range'), d);
  const coverage = range === undefined && rule['coverage'] !== undefined ? coverageOf(rule['coverage'], field(path, 'coverage'), d) : undefined;
  const percentage = range !== undefined || coverage !== undefined;
  if (!percentage && filters.length === 0) return { ...base, id, serve: { variation } } as Rule;
  const version = hashVersionOf(rule);
  if (version === null && percentage) {
    d.warn(field(path, 'hashVersion'), `hash version ${JSON.stringify(rule['hashVersion'])} never includes anyone (as GrowthBook): left out`);
    return null;
  }
  const bucketing = bucketingOf(rule, path, str(rule['seed']) || featureKey, version ?? 1, filters, d);
  const hashed = [...(percentage ? [str(rule['hashAttribute']) || 'id'] : []), ...hashedAttributes(rule).slice(1)];
  return {
    ...guarded(base, hashGuard(hashed, path, d)),
    id,
    kind: 'rollout',
    serve: {
      rollout: {
        kind: 'rollout',
        bucketing,
        variations: [{ variation, weight: 1 }],
        ...(range !== undefined ? { allocation: range } : {}),
        ...(coverage !== undefined ? { coverage } : {}),
      },
    },
  } as Rule;
}

/** Converts one rule, or null when it never applies (with a warning). */
export function convertRule(rule: unknown, path: string, id: string, inputs: RuleInputs): Rule | null {
  if (!isRecord(rule)) {
    inputs.d.warn(path, 'a rule that is not an object is left out');
    return null;
  }
  const parents = convertParentConditions(rule, path, inputs.d);
  for (const p of parents.parents) inputs.parents.add(p);
  const conditions = conditionsOf(rule, parents.conditions);
  const base: Partial<Rule> = { ...(conditions !== undefined ? { conditions } : {}), ...(parents.gate !== undefined ? { gate: parents.gate } : {}) };
  const converted = 'force' in rule ? forceRule(rule, path, id, base, inputs) : rule['variations'] !== undefined || rule['contextualVariations'] !== undefined ? experimentRule(rule, path, id, base, inputs) : null;
  if (converted !== null) return converted;
  if (!('force' in rule) && rule['variations'] === undefined && rule['contextualVariations'] === undefined) inputs.d.warn(path, 'a rule with neither `force` nor `variations` never serves (as GrowthBook)');
  // A rule that never serves still closes its gate, as GrowthBook checks parent conditions first.
  if (parents.gate === undefined) return null;
  return { id, gate: parents.gate, conditions: NEVER, serve: { variation: inputs.variations.keyOf(null) } };
}

