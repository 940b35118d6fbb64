// The hash inputs of GrowthBook rules, as its SDK reads them (sdk-js core.ts): `hashAttribute || "id"`, `hashVersion
// || 1` (only 1 and 2 hash; other versions never include anyone), filters with `attribute || "id"` and `hashVersion
// || 2`. `fallbackAttribute` is read only with a sticky-bucket service, which the datafile does not model.
import type { Bucketing, HashFilter } from '@ensign/datafile-schema';
import { literalAttribute } from '../shared/attribute-ref.js';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list } from '../shared/values.js';
import { looseNumber, text, textOr, truthy } from './js-values.js';

/** The GrowthBook hash version of a rule: 1 or 2, or null when GrowthBook cannot hash with it. */
export function hashVersionOf(rule: Record<string, unknown>): 1 | 2 | null {
  const v = rule['hashVersion'];
  if (v === undefined || v === null || v === 0 || v === '' || v === false) return 1;
  return v === 1 ? 1 : v === 2 ? 2 : null;
}

/** A `[start, end)` range as GrowthBook's `inRange` compares it (with coercion), clamped to 0..1; null when no hash can fall in it. */
function clampRange(r: unknown): [number, number] | null {
  if (!Array.isArray(r)) return null;
  const start = looseNumber(r[0]);
  const end = looseNumber(r[1]);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  const from = Math.min(Math.max(start, 0), 1);
  // An end before the start holds nothing: written as the empty range at the start.
  return [from, Math.max(from, Math.min(Math.max(end, 0), 1))];
}

/**
 * The rule's hash filters, or null when one of them can never include anyone (a hash version GrowthBook cannot
 * hash with): the rule then never applies.
 */
export function filtersOf(rule: Record<string, unknown>, path: string, d: Diagnostics): HashFilter[] | null {
  const out: HashFilter[] = [];
  const filters = list(rule['filters']);
  for (let i = 0; i < filters.length; i++) {
    const f = filters[i];
    const p = at(field(path, 'filters'), i);
    if (!isRecord(f)) {
      d.warn(p, 'a filter that is not an object filters everyone out');
      return null;
    }
    const version = truthy(f['hashVersion']) ? f['hashVersion'] : 2;
    if (version !== 1 && version !== 2) {
      d.warn(field(p, 'hashVersion'), `hash version ${JSON.stringify(version)} filters everyone out (as GrowthBook)`);
      return null;
    }
    const ranges = list(f['ranges']).map(clampRange).filter((r): r is [number, number] => r !== null);
    out.push({ seed: text(f['seed']), ranges, hashVersion: version, attribute: literalAttribute(textOr(f['attribute'], 'id')) });
  }
  return out;
}

/** The native bucketing of a rule, given its seed and version. */
export function bucketingOf(rule: Record<string, unknown>, path: string, seed: string, version: 1 | 2, filters: HashFilter[], d: Diagnostics): Bucketing {
  if (truthy(rule['fallbackAttribute'])) d.warn(field(path, 'fallbackAttribute'), 'GrowthBook hashes the fallback attribute only with a sticky-bucket service: left out, as its SDK does without one');
  for (const sticky of ['disableStickyBucketing', 'bucketVersion', 'minBucketVersion']) {
    if (rule[sticky] !== undefined) d.warn(field(path, sticky), 'sticky bucketing is not part of the datafile: ignored');
  }
  return {
    hash: version === 1 ? 'growthbook-v1' : 'growthbook-v2',
    bucketBy: literalAttribute(textOr(rule['hashAttribute'], 'id')),
    seed,
    ...(filters.length > 0 ? { filters } : {}),
  };
}

/**
 * A `[start, end)` range of a GrowthBook rule (GrowthBook uses one when it is truthy), clamped to 0..1; undefined when
 * there is none; `[0, 0]` (nobody) when it holds no number GrowthBook could compare with.
 */
export function rangeOf(value: unknown, path: string, d: Diagnostics): [number, number] | undefined {
  if (!truthy(value)) return undefined;
  const r = clampRange(value);
  if (r === null) {
    d.warn(path, 'a range must be [start, end]: no hash falls in this one');
    return [0, 0];
  }
  if (Array.isArray(value) && (value[0] !== r[0] || value[1] !== r[1])) d.warn(path, 'range clamped to 0..1 (the hash never leaves it)');
  return r;
}

/** A coverage as GrowthBook applies it (JavaScript number coercion): clamped to 0..1, null or no number as 0. */
export function coverageOf(value: unknown, path: string, d: Diagnostics): number | undefined {
  if (value === undefined) return undefined;
  const n = value === null ? 0 : looseNumber(value);
  if (Number.isNaN(n)) {
    d.warn(path, `coverage ${JSON.stringify(value)} is not a number: nobody is included`);
    return 0;
  }
  if (typeof value !== 'number' || n < 0 || n > 1) d.warn(path, `coverage ${JSON.stringify(value)} read as ${Math.min(Math.max(n, 0), 1)}`);
  return Math.min(Math.max(n, 0), 1);
}
