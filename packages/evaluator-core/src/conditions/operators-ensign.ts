// Ensign's native semantics: LaunchDarkly's strict typing (no coercion: numbers compare with numbers, strings with
// strings, `in` is `===`), plus sets and `exists`, with one deliberate difference: a missing attribute makes every
// positive operator false, and negations (`negate`, and the negative operators, which are exact negations of their
// positive counterparts) then apply. So `not (country in [US])` matches a context without a country, whereas under
// LaunchDarkly semantics a missing attribute stays false even when negated.
import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { isSetOperator, NEGATIVE_OPERATORS, type LeafMatcher } from './matcher.js';
import { compileScalarTest, compileSetTest, primitiveSet, type ScalarTest } from './scalar-tests.js';

/** How a family treats a missing attribute after negation: `ensign` negates it, `launchdarkly` keeps false. */
export type MissingRule = 'negate' | 'false';

/**
 * Builds a leaf matcher from a positive scalar or set test: arrays match when any element does (set operators take
 * the whole list), negative operators and `negate` invert, and a missing value follows `missing`.
 */
export function buildTypedMatcher(op: Operator, values: readonly JsonValue[], negate: boolean, missing: MissingRule): LeafMatcher {
  if (op === 'exists') return (v) => (v !== undefined && v !== null) !== negate;
  const positive = NEGATIVE_OPERATORS[op] ?? op;
  const invert = (positive !== op) !== negate;
  const onMissing = missing === 'negate' ? invert : false;
  if (isSetOperator(positive)) {
    const test = compileSetTest(positive, values);
    return (v) => (v === undefined || v === null ? onMissing : test(v) !== invert);
  }
  if (positive === 'in') return inMatcher(values, invert, onMissing);
  const test: ScalarTest = compileScalarTest(positive, values) ?? (() => false);
  return (v) => {
    if (v === undefined || v === null) return onMissing;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (test(v[i])) return !invert;
      return invert;
    }
    return test(v) !== invert;
  };
}

/** Element of `in`, in one closure (the most common leaf): `===` against the values, a scan for a few, a set past that. */
function inMatcher(values: readonly JsonValue[], invert: boolean, onMissing: boolean): LeafMatcher {
  const set = primitiveSet(values);
  const list = [...set];
  const n = list.length;
  if (n <= 4) {
    const hit = (v: unknown): boolean => {
      for (let i = 0; i < n; i++) if (list[i] === v) return true;
      return false;
    };
    return (v) => {
      if (v === undefined || v === null) return onMissing;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (hit(v[i])) return !invert;
        return invert;
      }
      for (let i = 0; i < n; i++) if (list[i] === v) return !invert;
      return invert;
    };
  }
  return (v) => {
    if (v === undefined || v === null) return onMissing;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (set.has(v[i])) return !invert;
      return invert;
    }
    return set.has(v) !== invert;
  };
}

/**
 * Compiles a leaf under Ensign semantics.
 *
 * @example
 * compileEnsignMatcher('in', ['US', 'CA'], false)('US'); // true
 * compileEnsignMatcher('in', ['US'], true)(undefined); // true: the attribute is missing, and negated
 */
export function compileEnsignMatcher(op: Operator, values: readonly JsonValue[], negate: boolean): LeafMatcher {
  return buildTypedMatcher(op, values, negate, 'negate');
}
