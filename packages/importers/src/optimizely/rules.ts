// Optimizely experiments and delivery rules → native rules (vendor-formats 1.4 and 1.6). Traffic allocations become
// `optimizely` rollouts bucketed on `bucketingId + rule id`, with each slice as wide as the gap between consecutive
// `endOfRange` values; an empty `entityId` is a hole. Experiment rules keep their status, whitelist and group;
// delivery rules ignore status and whitelists and, except for "Everyone Else", jump to it when the audience matches
// but the traffic allocation does not.
import type { Rule, RuleStatus, Target, WeightedVariation } from '@ensign/datafile-schema';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { entries, isRecord, list, num, str } from '../shared/values.js';
import { audienceText, ruleConditions } from './audiences.js';
import type { FlagVariations } from './flag-variations.js';

const STATUSES: Readonly<Record<string, RuleStatus>> = {
  Running: 'running',
  Paused: 'paused',
  'Not started': 'draft',
  Draft: 'draft',
  Concluded: 'concluded',
  Archived: 'archived',
};

/** What every rule conversion needs. */
export interface RuleInputs {
  readonly variations: FlagVariations;
  readonly audiences: ReadonlySet<string>;
  readonly d: Diagnostics;
}

/**
 * An `endOfRange` as Optimizely compares it (`bucket < endOfRange`, JavaScript coercion): numbers as they are, numeric
 * text as its number, `null` as 0, `true` as 1; anything else (NaN) never holds a bucket.
 */
export function endOfRange(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  if (value === null || value === false) return 0;
  return value === true ? 1 : NaN;
}

/**
 * The slices of a traffic allocation: slice i holds the buckets in [highest earlier end, its end), which is what
 * Optimizely's "first entry with bucket < endOfRange" finds; an entry at or below an earlier end holds none. `ownKeys` maps the variation ids of the rule itself; other ids are looked up
 * among the flag's variations (Optimizely's global variation map); an id that names no variation is a hole.
 */
export function allocationSlices(allocation: unknown, path: string, inputs: RuleInputs): WeightedVariation[] {
  const slices: WeightedVariation[] = [];
  let previous = 0;
  list(allocation).forEach((a, i) => {
    const p = at(path, i);
    if (!isRecord(a)) {
      inputs.d.warn(p, 'an allocation entry that is not an object is left out');
      return;
    }
    const raw = endOfRange(a['endOfRange']);
    const end = Number.isNaN(raw) ? previous : Math.min(raw, 10_000);
    const weight = Math.max(0, end - previous);
    if (!(raw >= previous)) inputs.d.warn(p, `endOfRange ${JSON.stringify(a['endOfRange'])} is not above the previous ${previous}: the entry gets no traffic`);
    previous = Math.max(previous, end);
    const entityId = str(a['entityId']) ?? '';
    let variation: string | null = null;
    if (entityId !== '') {
      variation = inputs.variations.resolve(entityId, p) ?? null;
      if (variation === null) inputs.d.warn(field(p, 'entityId'), `variation id ${JSON.stringify(entityId)} is not in the datafile: a hole (Optimizely returns no variation)`);
    }
    slices.push({ variation, weight });
  });
  return slices;
}

function whitelist(rule: Record<string, unknown>, path: string, inputs: RuleInputs): Target[] | undefined {
  const byVariation = new Map<string, string[]>();
  const ownKeys = new Map<string, string>();
  for (const v of list(rule['variations'])) {
    if (isRecord(v) && typeof v['key'] === 'string' && typeof v['id'] === 'string') {
      const native = inputs.variations.keyOfId(v['id']);
      if (native !== undefined && !ownKeys.has(v['key'])) ownKeys.set(v['key'], native);
    }
  }
  for (const [userId, variationKey] of entries(rule['forcedVariations'])) {
    const native = typeof variationKey === 'string' ? ownKeys.get(variationKey) : undefined;
    if (native === undefined) {
      inputs.d.warn(field(field(path, 'forcedVariations'), userId), `variation ${JSON.stringify(variationKey)} is not in this experiment: Optimizely ignores the entry`);
      continue;
    }
    const users = byVariation.get(native) ?? [];
    users.push(userId);
    byVariation.set(native, users);
  }
  if (byVariation.size === 0) return undefined;
  return [...byVariation].map(([variation, values]) => ({ values, variation }));
}

/** An experiment rule (a flag's `experimentIds`). `group` is the key of its mutual-exclusion group, if any. */
export function experimentRule(exp: Record<string, unknown>, path: string, inputs: RuleInputs, group: string | undefined): Rule {
  const id = exp['id'] as string;
  const key = str(exp['key']) ?? id;
  const status = STATUSES[str(exp['status']) ?? ''] ?? 'draft';
  const conditions = ruleConditions(exp, path, inputs.audiences, inputs.d);
  const targets = whitelist(exp, path, inputs);
  const layerId = str(exp['layerId']);
  const type = str(exp['type']);
  const cmab = isRecord(exp['cmab']) ? exp['cmab'] : undefined;
  if (cmab !== undefined) inputs.d.warn(field(path, 'cmab'), 'contextual bandit: the variation comes from Optimizely\'s CMAB service, so a synchronous decide skips this rule');
  return {
    id,
    key,
    kind: 'experiment',
    ...(status !== 'running' ? { status } : {}),
    experiment: {
      key,
      id,
      ...(layerId !== undefined ? { layerId } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(cmab !== undefined
        ? { cmab: { trafficAllocation: num(cmab['trafficAllocation']) ?? 0, attributeIds: list(cmab['attributeIds']).filter((a): a is string => typeof a === 'string') } }
        : {}),
      audiences: audienceText(exp),
    },
    ...(conditions !== undefined ? { conditions } : {}),
    ...(targets !== undefined ? { targets } : {}),
    ...(group !== undefined ? { group } : {}),
    serve: {
      rollout: {
        kind: 'experiment',
        bucketing: { hash: 'optimizely', entityId: id },
        variations: allocationSlices(exp['trafficAllocation'], field(path, 'trafficAllocation'), inputs),
      },
    },
  };
}

/** A delivery rule of a flag's rollout; `last` marks "Everyone Else". */
export function deliveryRule(rule: Record<string, unknown>, path: string, inputs: RuleInputs, last: boolean): Rule {
  const id = rule['id'] as string;
  const key = str(rule['key']) ?? id;
  const conditions = ruleConditions(rule, path, inputs.audiences, inputs.d);
  if (entries(rule['forcedVariations']).length > 0) inputs.d.warn(field(path, 'forcedVariations'), 'delivery rules ignore forced variations (as Optimizely): left out');
  const layerId = str(rule['layerId']);
  return {
    id,
    key,
    kind: 'rollout',
    experiment: { key, id, ...(layerId !== undefined ? { layerId } : {}), audiences: audienceText(rule) },
    ...(conditions !== undefined ? { conditions } : {}),
    serve: {
      rollout: {
        bucketing: { hash: 'optimizely', entityId: id },
        variations: allocationSlices(rule['trafficAllocation'], field(path, 'trafficAllocation'), inputs),
      },
    },
    ...(last ? {} : { onMiss: 'last' as const }),
  };
}
