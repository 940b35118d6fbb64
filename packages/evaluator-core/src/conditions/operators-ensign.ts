// Ensign's native semantics: LaunchDarkly's strict typing (no coercion: numbers compare with numbers, strings with
// strings, `in` is `===`), plus sets and `exists`, with one deliberate difference: a missing attribute makes every
// positive operator false, and negations (`negate`, and the negative operators, which are exact negations of their
// positive counterparts) then apply. So `not (country in [US])` matches a context without a country, whereas under
// LaunchDarkly semantics a missing attribute stays false even when negated.
import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { isSetOperator, NEGATIVE_OPERATORS, type LeafMatcher } from './matcher.js';
import { compileScalarTest, compileSetTest, type ScalarTest } from './scalar-tests.js';

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
