// Mutual-exclusion groups and holdouts (vendor-formats 1.5 and 1.7). A `random` group buckets `bucketingId + group
// id` over its members (experiment ids); a member that is no imported rule is a hole for every flag. `overlapping`
// groups do no bucketing and are not imported. Global holdouts (`holdouts`) apply to every flag; local ones
// (`localHoldouts`) to the rules they list, and only when they list some (Optimizely drops the others).
import type { ExclusionGroup, Holdout, RuleStatus, Variation } from '@ensign/datafile-schema';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, str } from '../shared/values.js';
import { audienceText, ruleConditions } from './audiences.js';
import { endOfRange } from './rules.js';
import type { ExperimentIndex } from './experiment-index.js';

/** The `random` groups, as native exclusion groups keyed by group id. */
export function importGroups(index: ExperimentIndex, ruleIds: ReadonlySet<string>, d: Diagnostics): ExclusionGroup[] {
  const out: ExclusionGroup[] = [];
  for (const [id, { value: g, path }] of index.groups) {
    if (g['policy'] !== 'random') continue;
    let previous = 0;
    const members: ExclusionGroup['members'] = [];
    list(g['trafficAllocation']).forEach((a, i) => {
      if (!isRecord(a)) return;
      const raw = endOfRange(a['endOfRange']);
      const end = Number.isNaN(raw) ? previous : Math.min(raw, 10_000);
      const weight = Math.max(0, end - previous);
      previous = Math.max(previous, end);
      const entity = str(a['entityId']) ?? '';
      const rule = entity !== '' && ruleIds.has(entity) ? entity : null;
      if (entity !== '' && rule === null) d.warn(at(field(path, 'trafficAllocation'), i), `experiment ${JSON.stringify(entity)} is no rule of any flag: its share of the group is a hole`);
      members.push({ rule, weight });
    });
    out.push({ key: id, id, bucketing: { hash: 'optimizely', entityId: id }, members });
  }
  return out;
}

function holdoutVariations(h: Record<string, unknown>, path: string, d: Diagnostics): { variations: Variation[]; keyOfId: Map<string, string> } {
  const variations: Variation[] = [];
  const keyOfId = new Map<string, string>();
  list(h['variations']).forEach((v, i) => {
    if (!isRecord(v) || typeof v['id'] !== 'string' || typeof v['key'] !== 'string') {
      d.warn(at(field(path, 'variations'), i), 'a holdout variation without an id and a key is left out');
      return;
    }
    if (v['featureEnabled'] === true) d.warn(at(field(path, 'variations'), i), 'a held-out user is served the flag disabled with its variable defaults: featureEnabled true is not kept');
    if (keyOfId.has(v['id']) || variations.some((x) => x.key === v['key'])) return;
    keyOfId.set(v['id'], v['key']);
    variations.push({ key: v['key'], id: v['id'], value: false, enabled: false });
  });
  return { variations, keyOfId };
}

function importHoldout(h: unknown, path: string, audiences: ReadonlySet<string>, d: Diagnostics, local: boolean): Holdout | undefined {
  if (!isRecord(h) || typeof h['id'] !== 'string') {
    d.warn(path, 'a holdout without an id is left out');
    return undefined;
  }
  const id = h['id'];
  const key = str(h['key']) ?? id;
  const rules = list(h['includedRules']).filter((r): r is string => typeof r === 'string');
  if (local && rules.length === 0) {
    d.warn(field(path, 'includedRules'), 'a local holdout without included rules is dropped (as Optimizely)');
    return undefined;
  }
  if (h['excludeTargetedDeliveries'] === true) d.warn(field(path, 'excludeTargetedDeliveries'), 'not expressible: held-out users are kept out of delivery rules too');
  const { variations, keyOfId } = holdoutVariations(h, path, d);
  let previous = 0;
  const slices = list(h['trafficAllocation']).filter(isRecord).map((a) => {
    const raw = endOfRange(a['endOfRange']);
    const end = Number.isNaN(raw) ? previous : Math.min(raw, 10_000);
    const weight = Math.max(0, end - previous);
    previous = Math.max(previous, end);
    return { variation: keyOfId.get(str(a['entityId']) ?? '') ?? null, weight };
  });
  const conditions = ruleConditions(h, path, audiences, d);
  const status: RuleStatus = h['status'] === 'Running' ? 'running' : h['status'] === 'Concluded' ? 'concluded' : h['status'] === 'Archived' ? 'archived' : 'draft';
  return {
    key,
    id,
    ...(status !== 'running' ? { status } : {}),
    ...(conditions !== undefined ? { conditions } : {}),
    variations,
    rollout: { kind: 'experiment', bucketing: { hash: 'optimizely', entityId: id }, variations: slices },
    ...(local ? { rules } : {}),
    audiences: audienceText(h),
  };
}

/** Global holdouts, then local ones (each once per key). */
export function importHoldouts(root: Record<string, unknown>, audiences: ReadonlySet<string>, d: Diagnostics): Holdout[] {
  const out: Holdout[] = [];
  const keys = new Set<string>();
  const push = (h: Holdout | undefined, path: string): void => {
    if (h === undefined) return;
    if (keys.has(h.key)) {
      d.warn(path, `holdout key ${JSON.stringify(h.key)} repeats: the first one is kept`);
      return;
    }
    keys.add(h.key);
    out.push(h);
  };
  list(root['holdouts']).forEach((h, i) => push(importHoldout(h, at('holdouts', i), audiences, d, false), at('holdouts', i)));
  list(root['localHoldouts']).forEach((h, i) => push(importHoldout(h, at('localHoldouts', i), audiences, d, true), at('localHoldouts', i)));
  return out;
}
