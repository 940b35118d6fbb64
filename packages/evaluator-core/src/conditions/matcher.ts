// What every operator family compiles a leaf into: a function from the attribute value to a three-valued result.
import type { Operator } from '@ensign/datafile-schema';
import { compiledOrNull, type Pattern } from './pattern.js';

/** true, false, or null for "unknown" (Optimizely's three-valued logic). */
export type Tri = boolean | null;

/** A compiled leaf: the attribute value in, the leaf's result out (negation included). Built once, at compile time. */
export type LeafMatcher = (value: unknown) => Tri;

/** The negative operators and the positive operator each one negates. */
export const NEGATIVE_OPERATORS: Readonly<Partial<Record<Operator, Operator>>> = Object.freeze({
  notIn: 'in',
  notContains: 'contains',
  notMatches: 'matches',
  setNotEquals: 'setEquals',
  setNotContainsAll: 'setContainsAll',
  setNotContainsAny: 'setContainsAny',
});

/** Tells whether an operator compares the attribute as a set (a list) rather than element by element. */
export function isSetOperator(op: Operator): boolean {
  return (
    op === 'setEquals' ||
    op === 'setNotEquals' ||
    op === 'setContainsAll' ||
    op === 'setNotContainsAll' ||
    op === 'setContainsAny' ||
    op === 'setNotContainsAny'
  );
}

/** A JSON scalar that `===` can compare. */
export function isPrimitive(value: unknown): value is string | number | boolean {
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean';
}

/**
 * Compiles a pattern for linear-time matching (see ./pattern.ts), or null when it will not run (it does not
 * compile, or needs look-ahead or back-references): the condition then never matches.
 */
export function safeRegExp(pattern: unknown, insensitive = false): Pattern | null {
  return compiledOrNull(pattern, insensitive);
}
