// One LaunchDarkly flag → a native flag (docs/datafile.md, LaunchDarkly mapping table). Variations are keyed by
// their index; rules keep their ids, or none; the evaluation order (off, prerequisites, targets, rules,
// fallthrough) is the evaluator's own.
import type { Flag, JsonObject, JsonValue, Prerequisite, Rule } from '@ensign/datafile-schema';
import { convertClauses } from './clauses.js';
import { isNumber, isRecord, type Collector } from './collector.js';
import type { LdFlag } from './ld-types.js';
import { convertServe, variationKey, type FlagHashInputs } from './serve.js';
import { convertTargets } from './targets.js';

/** Fields of a LaunchDarkly flag the importer reads; anything else is reported. */
const KNOWN = new Set([
  'key',
  'version',
  'on',
  'salt',
  'variations',
  'offVariation',
  'fallthrough',
  'targets',
  'contextTargets',
  'rules',
  'prerequisites',
  'trackEvents',
  'trackEventsFallthrough',
  'debugEventsUntilDate',
  'clientSide',
  'clientSideAvailability',
  'excludeFromSummaries',
  'samplingRatio',
  'migration',
  'deleted',
  '_meta',
]);

/**
 * The rule ids to import: LaunchDarkly's own, none where a rule has none (a `launchdarkly` datafile allows it, and
 * reasons then carry no ruleId, as LaunchDarkly's), and a suffixed id for a repeated one (ids are unique here).
 */
function ruleIds(rules: readonly unknown[]): (string | undefined)[] {
  const taken = new Set(rules.map((r) => (isRecord(r) && typeof r['id'] === 'string' ? r['id'] : '')).filter((id) => id !== ''));
  const used = new Set<string>();
  return rules.map((r) => {
    const own = isRecord(r) && typeof r['id'] === 'string' && r['id'] !== '' ? r['id'] : undefined;
    if (own === undefined) return undefined;
    let id = own;
    for (let n = 2; used.has(id) || (id !== own && taken.has(id)); n++) id = `${own}-${n}`;
    used.add(id);
    return id;
  });
}

function convertRules(f: LdFlag, hash: FlagHashInputs, count: number, segments: ReadonlySet<string>, path: string, out: Collector): Rule[] {
  if (!Array.isArray(f.rules)) return [];
  const ids = ruleIds(f.rules);
  return f.rules.map((r, i): Rule => {
    const at = `${path}.rules[${i}]`;
    const id = ids[i];
    if (!isRecord(r)) {
      out.warn(at, 'a rule must be an object; it never matches');
      return { conditions: { or: [] }, serve: { variation: variationKey(0) } };
    }
    if (typeof r.id === 'string' && id !== undefined && r.id !== id) out.warn(`${at}.id`, `rule id "${r.id}" is repeated: imported as "${id}", the ruleId Ensign reports for it`);
    const rule: Rule = { ...(id !== undefined ? { id } : {}), conditions: convertClauses(r.clauses, at, segments, out), serve: convertServe(r, hash, count, at, out) };
    if (r.trackEvents === true) rule.trackEvents = true;
    return rule;
  });
}

function convertPrerequisites(list: unknown, flags: ReadonlySet<string>, path: string, out: Collector): Prerequisite[] {
  if (!Array.isArray(list)) return [];
  return list.map((p, i): Prerequisite => {
    const at = `${path}.prerequisites[${i}]`;
    const key = isRecord(p) && typeof p['key'] === 'string' ? p['key'] : '';
    const index = isRecord(p) && isNumber(p['variation']) ? p['variation'] : -1;
    if (!flags.has(key)) out.warn(`${at}.key`, `prerequisite flag "${key}" is not in the payload: LaunchDarkly answers PREREQUISITE_FAILED`);
    return { flagKey: key, variation: variationKey(index) };
  });
}

/**
 * Converts one flag stored under `key`. `flags` and `segments` hold every key of the payload.
 */
export function convertFlag(key: string, f: LdFlag, flags: ReadonlySet<string>, segments: ReadonlySet<string>, path: string, out: Collector): Flag {
  for (const field of Object.keys(f)) if (!KNOWN.has(field)) out.warn(`${path}.${field}`, 'unknown field, ignored');
  const hashKey = typeof f.key === 'string' ? f.key : key;
  if (hashKey !== key) out.warn(`${path}.key`, `the flag is stored under "${key}" but names itself "${hashKey}": imported under "${key}", bucketed with "${hashKey}" as LaunchDarkly does`);
  const salt = typeof f.salt === 'string' ? f.salt : '';
  const hash: FlagHashInputs = { key: hashKey, salt };
  const values = Array.isArray(f.variations) ? f.variations : [];
  if (!Array.isArray(f.variations)) out.warn(`${path}.variations`, 'no variations list: every served index is out of range');
  const count = values.length;
  const flag: Flag = {
    key,
    on: f.on === true,
    variations: values.map((value, i) => ({ key: variationKey(i), value: (value === undefined ? null : value) as JsonValue })),
  };
  if (isNumber(f.version)) flag.version = f.version;
  if (typeof f.salt === 'string') flag.salt = f.salt;
  if (isNumber(f.offVariation)) {
    flag.offVariation = variationKey(f.offVariation);
    if (!Number.isInteger(f.offVariation) || f.offVariation < 0 || f.offVariation >= count) {
      out.warn(`${path}.offVariation`, `index ${f.offVariation} is out of range: LaunchDarkly answers MALFORMED_FLAG when the flag is off, and so does the imported flag`);
    }
  }
  const prerequisites = convertPrerequisites(f.prerequisites, flags, path, out);
  if (prerequisites.length > 0) flag.prerequisites = prerequisites;
  const targets = convertTargets(f.targets, f.contextTargets, count, path, out);
  if (targets.length > 0) flag.targets = targets;
  const rules = convertRules(f, hash, count, segments, path, out);
  if (rules.length > 0) flag.rules = rules;
  flag.fallthrough = convertServe(f.fallthrough, hash, count, `${path}.fallthrough`, out);
  if (f.trackEvents === true) flag.trackEvents = true;
  if (f.trackEventsFallthrough === true) flag.trackEventsFallthrough = true;
  if (isNumber(f.debugEventsUntilDate)) flag.debugEventsUntilDate = f.debugEventsUntilDate;
  // The Node server SDK reads `clientSideAvailability.usingEnvironmentId` alone (the legacy `clientSide` is ignored).
  if (isRecord(f.clientSideAvailability)) {
    const a = f.clientSideAvailability;
    flag.clientSideAvailability = {};
    if (typeof a.usingMobileKey === 'boolean') flag.clientSideAvailability.usingMobileKey = a.usingMobileKey;
    if (typeof a.usingEnvironmentId === 'boolean') flag.clientSideAvailability.usingEnvironmentId = a.usingEnvironmentId;
    if (a.usingEnvironmentId === true) flag.clientSide = true;
  }
  if (f.clientSide === true && flag.clientSide !== true) {
    out.warn(`${path}.clientSide`, 'clientSide without clientSideAvailability.usingEnvironmentId: the LaunchDarkly Node SDK leaves the flag out of client-side state, so it is imported as not client-side');
  }
  if (f.excludeFromSummaries === true) flag.excludeFromSummaries = true;
  if (isNumber(f.samplingRatio) && Number.isInteger(f.samplingRatio) && f.samplingRatio >= 0) flag.samplingRatio = f.samplingRatio;
  if (isRecord(f.migration)) flag.metadata = { launchdarkly: { migration: f.migration as JsonObject } };
  return flag;
}
