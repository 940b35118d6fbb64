// LaunchDarkly segments → native segments: included / excluded keys per context kind, rules with their clauses and
// weights. `bucketBy` keeps LaunchDarkly's reading (a reference with `rolloutContextKind`, else a literal name),
// which the evaluator applies the same way.
import type { Segment, SegmentRule, SegmentTarget } from '@ensign/datafile-schema';
import { convertClauses } from './clauses.js';
import { isNumber, isRecord, type Collector } from './collector.js';
import type { LdSegment } from './ld-types.js';

function keys(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}

function targets(userKeys: unknown, contexts: unknown): SegmentTarget[] {
  const out: SegmentTarget[] = [];
  // LaunchDarkly looks at the per-kind lists first, then the user keys: a set union either way.
  if (Array.isArray(contexts)) {
    for (const c of contexts) {
      if (!isRecord(c)) continue;
      const kind = typeof c['contextKind'] === 'string' && c['contextKind'] !== '' ? c['contextKind'] : 'user';
      const values = keys(c['values']);
      if (values.length > 0) out.push(kind === 'user' ? { values } : { contextKind: kind, values });
    }
  }
  const users = keys(userKeys);
  if (users.length > 0) out.push({ values: users });
  return out;
}

/** Converts one segment; `segments` holds every segment key of the payload (for nested `segmentMatch`). */
export function convertSegment(key: string, s: LdSegment, segments: ReadonlySet<string>, path: string, out: Collector): Segment {
  const segment: Segment = { key };
  if (typeof s.key === 'string' && s.key !== key) out.warn(`${path}.key`, `the segment is stored under "${key}" but names itself "${s.key}": imported under "${key}"`);
  if (isNumber(s.version)) segment.version = s.version;
  if (typeof s.salt === 'string') segment.salt = s.salt;
  const included = targets(s.included, s.includedContexts);
  const excluded = targets(s.excluded, s.excludedContexts);
  if (included.length > 0) segment.included = included;
  if (excluded.length > 0) segment.excluded = excluded;
  if (Array.isArray(s.rules)) {
    segment.rules = s.rules.map((r, i): SegmentRule => {
      const at = `${path}.rules[${i}]`;
      if (!isRecord(r)) {
        out.warn(at, 'a segment rule must be an object; it never matches');
        return { conditions: { or: [] } };
      }
      const rule: SegmentRule = { conditions: convertClauses(r.clauses, at, segments, out) };
      if (typeof r.id === 'string' && r.id !== '') rule.id = r.id;
      if (isNumber(r.weight)) rule.weight = r.weight;
      if (typeof r.bucketBy === 'string' && r.bucketBy !== '') rule.bucketBy = r.bucketBy;
      if (typeof r.rolloutContextKind === 'string' && r.rolloutContextKind !== '') rule.rolloutContextKind = r.rolloutContextKind;
      return rule;
    });
  }
  if (s.unbounded === true) {
    segment.unbounded = true;
    out.warn(path, 'a big segment: its membership comes from a big-segment store, which the Ensign client must be given');
  }
  if (typeof s.unboundedContextKind === 'string') segment.unboundedContextKind = s.unboundedContextKind;
  if (isNumber(s.generation)) segment.generation = s.generation;
  return segment;
}
