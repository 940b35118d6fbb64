// Optimizely audience-condition semantics (opt lib/core/custom_attribute_condition_evaluator), three-valued:
// a missing attribute gives null (unknown) except for `exists`; `in` is `exact`: condition and user values must be
// strings, booleans or numbers of magnitude at most 2^53, of the same JavaScript type, else null; numeric operators
// need numbers of magnitude at most 2^53 on both sides, else null; `contains` is `substring` on strings; semantic
// versions use Optimizely's `compareVersion`. Several values are ORed (three-valued). `negate` keeps null as null.
// Operators Optimizely lacks follow their Ensign definitions, except that a missing attribute gives null.
import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { isPrimitive, type LeafMatcher, type Tri } from './matcher.js';
import { compileEnsignMatcher } from './operators-ensign.js';
import { compareOptimizelyVersion } from './semver-optimizely.js';

const MAX = 2 ** 53;

function isSafeNumber(v: unknown): v is number {
  return typeof v === 'number' && Math.abs(v) <= MAX;
}

type ValueTest = (user: unknown, condition: JsonValue) => Tri;

function exact(user: unknown, condition: JsonValue): Tri {
  if (!isPrimitive(condition) || (typeof condition === 'number' && !isSafeNumber(condition))) return null;
  if (user === null || user === undefined || typeof user !== typeof condition) return null;
  if (typeof user === 'number' && !isSafeNumber(user)) return null;
  return user === condition;
}

function numeric(cmp: (u: number, c: number) => boolean): ValueTest {
  return (user, condition) => {
    if (!isSafeNumber(condition) || !isSafeNumber(user)) return null;
    return cmp(user, condition);
  };
}

function substring(user: unknown, condition: JsonValue): Tri {
  if (typeof condition !== 'string' || typeof user !== 'string') return null;
  return user.indexOf(condition) !== -1;
}

function semver(accept: (c: number) => boolean): ValueTest {
  return (user, condition) => {
    if (typeof condition !== 'string' || typeof user !== 'string') return null;
    const c = compareOptimizelyVersion(condition, user);
    return c === null ? null : accept(c);
  };
}

function testFor(op: Operator): ValueTest | null {
  switch (op) {
    case 'in':
    case 'notIn':
      return exact;
    case 'lessThan':
      return numeric((u, c) => u < c);
    case 'lessThanOrEqual':
      return numeric((u, c) => u <= c);
    case 'greaterThan':
      return numeric((u, c) => u > c);
    case 'greaterThanOrEqual':
      return numeric((u, c) => u >= c);
    case 'contains':
    case 'notContains':
      return substring;
    case 'semVerEqual':
      return semver((c) => c === 0);
    case 'semVerLessThan':
      return semver((c) => c < 0);
    case 'semVerLessThanOrEqual':
      return semver((c) => c <= 0);
    case 'semVerGreaterThan':
      return semver((c) => c > 0);
    case 'semVerGreaterThanOrEqual':
      return semver((c) => c >= 0);
    default:
      return null;
  }
}

/**
 * Compiles a leaf under Optimizely semantics.
 *
 * @example
 * compileOptimizelyMatcher('in', ['US'], false)(undefined); // null: unknown
 * compileOptimizelyMatcher('in', [1], false)('1'); // null: different types
 * compileOptimizelyMatcher('semVerGreaterThan', ['2.0.0'], false)('2.1'); // true
 */
export function compileOptimizelyMatcher(op: Operator, values: readonly JsonValue[], negate: boolean): LeafMatcher {
  if (op === 'exists') return (v) => (v !== undefined && v !== null) !== negate;
  const test = testFor(op);
  if (test === null) {
    const ensign = compileEnsignMatcher(op, values, negate);
    return (v) => (v === undefined || v === null ? null : ensign(v));
  }
  const invert = (op === 'notIn' || op === 'notContains') !== negate;
  const n = values.length;
  return (v) => {
    if (v === undefined) return null;
    let sawNull = false;
    let result: Tri = false;
    for (let i = 0; i < n; i++) {
      const r = test(v, values[i] as JsonValue);
      if (r === true) {
        result = true;
        break;
      }
      if (r === null) sawNull = true;
    }
    if (result !== true && sawNull) return null;
    return result !== invert;
  };
}
