// LaunchDarkly clauses → condition leaves with `semantics: 'launchdarkly'`. A rule's clauses are ANDed. The
// evaluator reads a clause attribute as a reference, while LaunchDarkly reads it literally when the clause names no
// context kind: such a literal starting with `/` is escaped into a reference. An unknown operator, and a `matches`
// whose patterns do not compile, never match for a present attribute (negate still applies; a missing attribute
// stays false): that is exactly an `in` with no values.
import type { AttributeCondition, Condition, JsonValue, Operator } from '@ensign/datafile-schema';
import { isRecord, type Collector } from './collector.js';
import type { LdClause } from './ld-types.js';

/** The operators LaunchDarkly's server SDKs know; they keep their names in the datafile. */
const LD_OPERATORS: ReadonlySet<string> = new Set<Operator>([
  'in',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'before',
  'after',
  'semVerEqual',
  'semVerLessThan',
  'semVerGreaterThan',
  'segmentMatch',
]);

/** A condition that is always true (`and` of nothing) or always false (`or` of nothing). */
export function constant(value: boolean): Condition {
  return value ? { and: [] } : { or: [] };
}

/**
 * A LaunchDarkly attribute name read literally, as a reference: a name not starting with `/` is already one; a
 * name starting with `/` becomes `/` + the name with `~` → `~0` and `/` → `~1`.
 */
export function literalReference(name: string): string {
  return name.startsWith('/') ? `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` : name;
}

function compiles(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return true; // LaunchDarkly only tests strings; a non-string never matches anyway.
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts one clause. `segments` holds the keys of the payload's segments: a `segmentMatch` naming a segment the
 * payload lacks never matches for that key (LaunchDarkly skips it), so the key is left out with a warning.
 */
export function convertClause(clause: LdClause, path: string, segments: ReadonlySet<string>, out: Collector): Condition {
  if (!isRecord(clause)) {
    out.warn(path, 'a clause must be an object; LaunchDarkly cannot evaluate it, so the flag is imported as malformed');
    return { attribute: '', op: 'in', values: [], semantics: 'launchdarkly' };
  }
  const negate = clause.negate === true;
  const values: JsonValue[] = Array.isArray(clause.values) ? (clause.values as JsonValue[]) : [];
  if (!Array.isArray(clause.values)) out.warn(`${path}.values`, 'a clause without a values list matches nothing');
  const op = clause.op;
  if (op === 'segmentMatch') {
    const known = values.filter((v): v is string => typeof v === 'string' && segments.has(v));
    if (known.length !== values.length) {
      out.warn(`${path}.values`, `segments not in the payload never match and were left out: ${JSON.stringify(values.filter((v) => !known.includes(v as string)))}`);
    }
    if (known.length === 0) return constant(negate);
    return { op: 'segmentMatch', values: known, ...(negate ? { negate } : {}), semantics: 'launchdarkly' };
  }
  const kind = typeof clause.contextKind === 'string' ? clause.contextKind : undefined;
  const raw = typeof clause.attribute === 'string' ? clause.attribute : '';
  if (raw === '') out.warn(`${path}.attribute`, 'a clause without an attribute is malformed (LaunchDarkly answers MALFORMED_FLAG when it is reached)');
  // With a context kind the attribute is a reference already; without one it is a literal name.
  const attribute = kind === undefined ? literalReference(raw) : raw;
  const leaf: AttributeCondition = { attribute, op: 'in', values, semantics: 'launchdarkly' };
  if (kind !== undefined) leaf.contextKind = kind;
  if (negate) leaf.negate = true;
  if (typeof op !== 'string' || !LD_OPERATORS.has(op)) {
    out.warn(`${path}.op`, `unknown operator ${JSON.stringify(op)}: it never matches (negate still applies), imported as "in" with no values`);
    leaf.values = [];
    return leaf;
  }
  leaf.op = op as Operator;
  if (op === 'matches') {
    const good = values.filter(compiles);
    if (good.length !== values.length) {
      out.warn(`${path}.values`, 'patterns that do not compile never match (LaunchDarkly) and were left out');
      if (good.length === 0) {
        leaf.op = 'in';
        leaf.values = [];
      } else leaf.values = good;
    }
  }
  return leaf;
}

/**
 * A rule's clauses as one condition. LaunchDarkly never matches a rule whose `clauses` list is absent, and matches
 * every context when it is empty.
 */
export function convertClauses(clauses: unknown, path: string, segments: ReadonlySet<string>, out: Collector): Condition {
  if (!Array.isArray(clauses)) {
    if (clauses !== undefined) out.warn(`${path}.clauses`, 'clauses must be a list; the rule never matches');
    return constant(false);
  }
  return { and: clauses.map((c, i) => convertClause(c as LdClause, `${path}.clauses[${i}]`, segments, out)) };
}
