// Random condition trees for the "variety" generator: every kind of leaf (attributes under each semantics, segments,
// audiences, cohorts, flag results, GrowthBook mongo conditions), valid by construction.
import type { AttributeCondition, Condition, JsonValue, Operator } from '../types.js';
import { SEMANTICS } from '../types.js';
import type { Random } from './random.js';

const ATTRIBUTES = ['country', 'plan', 'age', '/address/city', 'email'];
const KINDS = [undefined, 'user', 'org'];
export const SEGMENTS = ['beta-testers', 'staff', 'enterprise'];
export const AUDIENCES = ['aud-1', 'aud-2'];
export const COHORTS = ['cohort-1', 'cohort-2'];
const PATTERNS = ['^[a-z]+$', '@example\\.com$', '^user-\\d+$'];

/** What a generated condition may refer to. */
export interface Scope {
  rnd: Random;
  /** Keys of flags already generated (dependencies point only backwards, so there is no cycle). */
  earlier: { key: string; variations: string[] }[];
  /** May reference segments and audiences (false inside segments and audiences themselves). */
  references: boolean;
}

function leafValues(op: Operator, rnd: Random): JsonValue[] {
  switch (op) {
    case 'matches':
    case 'notMatches':
      return [rnd.pick(PATTERNS)];
    case 'lessThan':
    case 'lessThanOrEqual':
    case 'greaterThan':
    case 'greaterThanOrEqual':
      return [rnd.int(0, 100)];
    case 'before':
    case 'after':
      return [rnd.chance(0.5) ? '2024-05-01T12:00:00Z' : 1_700_000_000_000];
    case 'semVerEqual':
    case 'semVerLessThan':
    case 'semVerLessThanOrEqual':
    case 'semVerGreaterThan':
    case 'semVerGreaterThanOrEqual':
      return [`${rnd.int(0, 9)}.${rnd.int(0, 20)}.${rnd.int(0, 9)}`];
    case 'exists':
      return [];
    case 'qualified':
      return ['odp-segment-1'];
    default:
      return rnd.chance(0.7) ? ['US', 'CA', 'pro'].slice(0, rnd.int(1, 3)) : [rnd.int(1, 5), true];
  }
}

const PLAIN_OPS: Operator[] = [
  'in', 'notIn', 'startsWith', 'endsWith', 'contains', 'notContains', 'matches', 'notMatches', 'lessThan',
  'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'before', 'after', 'semVerEqual', 'semVerLessThan',
  'semVerLessThanOrEqual', 'semVerGreaterThan', 'semVerGreaterThanOrEqual', 'exists', 'setEquals', 'setNotEquals',
  'setContainsAll', 'setNotContainsAll', 'setContainsAny', 'setNotContainsAny', 'qualified',
];

function attributeLeaf(s: Scope): AttributeCondition {
  const op = s.rnd.pick(PLAIN_OPS);
  const values = leafValues(op, s.rnd);
  const leaf: AttributeCondition = { op, values };
  if (op === 'startsWith' || op === 'endsWith' || op === 'contains' || op === 'notContains' || op === 'setEquals') {
    leaf.values = values.map(String);
  }
  if (op !== 'qualified') leaf.attribute = s.rnd.pick(ATTRIBUTES);
  const kind = s.rnd.pick(KINDS);
  if (kind !== undefined) leaf.contextKind = kind;
  if (s.rnd.chance(0.2)) leaf.negate = true;
  if (s.rnd.chance(0.3)) leaf.semantics = s.rnd.pick(SEMANTICS);
  return leaf;
}

/** One random leaf: an attribute condition or a reference. */
export function leaf(s: Scope): Condition {
  const r = s.rnd.next();
  const prior = s.earlier.length > 0 ? s.rnd.pick(s.earlier) : undefined;
  if (s.references && r < 0.1) return { op: 'segmentMatch', values: [s.rnd.pick(SEGMENTS)] };
  if (s.references && r < 0.18) return { audience: s.rnd.pick(AUDIENCES) };
  if (r < 0.25) return { op: 'inCohort', values: [s.rnd.pick(COHORTS)] };
  if (r < 0.32 && prior !== undefined) return { flag: prior.key, op: 'in', values: [s.rnd.pick(prior.variations)] };
  if (r < 0.38) return { mongo: { country: { $in: ['US', 'CA'] }, age: { $gte: 18 }, email: { $regex: '@example\\.com$' } } };
  if (r < 0.42 && prior !== undefined) return { mongo: { value: { $exists: true } }, flag: prior.key };
  if (r < 0.45) return { mongo: { id: { $inGroup: 'internal' } }, contextKind: 'user' };
  return attributeLeaf(s);
}

/** A random condition tree, at most three levels deep below `depth`. */
export function conditionTree(s: Scope, depth: number): Condition {
  if (depth >= 3 || s.rnd.chance(0.4)) return leaf(s);
  const r = s.rnd.next();
  const children = (): Condition[] => Array.from({ length: s.rnd.int(1, 3) }, () => conditionTree(s, depth + 1));
  if (r < 0.45) return { and: children() };
  if (r < 0.85) return { or: children() };
  return { not: conditionTree(s, depth + 1) };
}
