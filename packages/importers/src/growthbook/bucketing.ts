// The hash inputs of GrowthBook rules, as its SDK reads them (sdk-js core.ts): `hashAttribute || "id"`, `hashVersion
// || 1` (only 1 and 2 hash; other versions never include anyone), filters with `attribute || "id"` and `hashVersion
// || 2`. `fallbackAttribute` is read only with a sticky-bucket service, which the datafile does not model.
import type { Bucketing, HashFilter } from '@ensign/datafile-schema';
import { literalAttribute } from '../shared/attribute-ref.js';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, num, str } from '../shared/values.js';

/** The GrowthBook hash version of a rule: 1 or 2, or null when GrowthBook cannot hash with it. */
export function hashVersionOf(rule: Record<string, unknown>): 1 | 2 | null {
  const v = rule['hashVersion'];
  if (v === undefined || v === null || v === 0 || v === '' || v === false) return 1;
  return v === 1 ? 1 : v === 2 ? 2 : null;
}

function clampRange(r: unknown): [number, number] | null {
  if (!Array.isArray(r) || typeof r[0] !== 'number' || typeof r[1] !== 'number') return null;
  return [Math.min(Math.max(r[0], 0), 1), Math.min(Math.max(r[1], 0), 1)];
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
    const version = f['hashVersion'] === undefined || f['hashVersion'] === null || f['hashVersion'] === 0 ? 2 : f['hashVersion'];
    if (version !== 1 && version !== 2) {
      d.warn(field(p, 'hashVersion'), `hash version ${JSON.stringify(version)} filters everyone out (as GrowthBook)`);
      return null;
    }
    const ranges = list(f['ranges']).map(clampRange).filter((r): r is [number, number] => r !== null);
    out.push({ seed: String(f['seed'] ?? ''), ranges, hashVersion: version, attribute: literalAttribute(str(f['attribute']) || 'id') });
  }
  return out;
}

/** The native bucketing of a rule, given its seed and version. */
export function bucketingOf(rule: Record<string, unknown>, path: string, seed: string, version: 1 | 2, filters: HashFilter[], d: Diagnostics): Bucketing {
  const fallback = str(rule['fallbackAttribute']);
  if (fallback) d.warn(field(path, 'fallbackAttribute'), 'GrowthBook hashes the fallback attribute only with a sticky-bucket service: left out, as its SDK does without one');
  for (const sticky of ['disableStickyBucketing', 'bucketVersion', 'minBucketVersion']) {
    if (rule[sticky] !== undefined) d.warn(field(path, sticky), 'sticky bucketing is not part of the datafile: ignored');
  }
  return {
    hash: version === 1 ? 'growthbook-v1' : 'growthbook-v2',
    bucketBy: literalAttribute(str(rule['hashAttribute']) || 'id'),
    seed,
    ...(filters.length > 0 ? { filters } : {}),
  };
}

/** A `[start, end)` range of a GrowthBook rule, clamped to 0..1, or undefined. */
export function rangeOf(value: unknown, path: string, d: Diagnostics): [number, number] | undefined {
  if (value === undefined || value === null) return undefined;
  const r = clampRange(value);
  if (r === null) {
    d.warn(path, 'a range must be [start, end]: ignored');
    return undefined;
  }
  if (Array.isArray(value) && (value[0] !== r[0] || value[1] !== r[1])) d.warn(path, 'range clamped to 0..1 (the hash never leaves it)');
  return r;
}

/** A coverage as GrowthBook applies it: clamped to 0..1, null as 0. */
export function coverageOf(value: unknown, path: string, d: Diagnostics): number | undefined {
  if (value === undefined) return undefined;
  const n = num(value);
  if (n === undefined) {
    d.warn(path, `coverage ${JSON.stringify(value)} is not a number: nobody is included`);
    return 0;
  }
  if (n < 0 || n > 1) d.warn(path, `coverage ${n} clamped to 0..1`);
  return Math.min(Math.max(n, 0), 1);
}
