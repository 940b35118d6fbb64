import type { JsonValue, Operator } from '@ensign/datafile-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEnsignMatcher } from './operators-ensign.js';

const m = (op: Operator, values: JsonValue[], value: unknown, negate = false) => compileEnsignMatcher(op, values, negate)(value);

describe('ensign semantics', () => {
  it('matches `in` with strict equality: the number 1 is not the string "1"', () => {
    expect(m('in', ['US', 'CA'], 'CA')).toBe(true);
    expect(m('in', [1], 1)).toBe(true);
    expect(m('in', [1], '1')).toBe(false);
    expect(m('in', ['true'], true)).toBe(false);
  });

  it('matches `in` on a long list as well as a short one', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(m('in', many, 'f')).toBe(true);
    expect(m('in', many, 'g')).toBe(false);
  });

  it('never matches objects with `in`', () => {
    expect(m('in', [{ a: 1 }], { a: 1 })).toBe(false);
  });

  it('makes positive operators false on a missing attribute, and negate turns that into true', () => {
    expect(m('in', ['US'], undefined)).toBe(false);
    expect(m('in', ['US'], null)).toBe(false);
    expect(m('in', ['US'], undefined, true)).toBe(true);
    expect(m('greaterThan', [1], undefined)).toBe(false);
  });

  it('treats negative operators as exact negations, so notIn matches a missing attribute', () => {
    expect(m('notIn', ['US'], undefined)).toBe(true);
    expect(m('notIn', ['US'], 'US')).toBe(false);
    expect(m('notIn', ['US'], 'FR')).toBe(true);
    expect(m('notContains', ['x'], 'abc')).toBe(true);
    expect(m('notMatches', ['^a'], 'abc')).toBe(false);
  });

  it('matches an array attribute when any element matches, and notIn only when none does', () => {
    expect(m('in', ['b'], ['a', 'b'])).toBe(true);
    expect(m('in', ['z'], ['a', 'b'])).toBe(false);
    expect(m('notIn', ['b'], ['a', 'b'])).toBe(false);
    expect(m('notIn', ['z'], ['a', 'b'])).toBe(true);
  });

  it('compares numbers with numbers only: a numeric string is not a number', () => {
    expect(m('greaterThan', [10], 11)).toBe(true);
    expect(m('greaterThan', [10], '11')).toBe(false);
    expect(m('lessThanOrEqual', [10], 10)).toBe(true);
    expect(m('lessThan', [10], 10)).toBe(false);
    expect(m('greaterThanOrEqual', [10], 10)).toBe(true);
  });

  it('applies string operators to strings only, case-sensitively', () => {
    expect(m('startsWith', ['ab'], 'abc')).toBe(true);
    expect(m('endsWith', ['bc'], 'abc')).toBe(true);
    expect(m('contains', ['B'], 'abc')).toBe(false);
    expect(m('contains', ['1'], 123)).toBe(false);
  });

  it('matches regular expressions, and an invalid one never matches', () => {
    expect(m('matches', ['^user-\\d+$'], 'user-42')).toBe(true);
    expect(m('matches', ['('], '(')).toBe(false);
  });

  it('compares dates given as epoch numbers or RFC 3339 strings', () => {
    expect(m('before', ['2024-01-01T00:00:00Z'], Date.UTC(2023, 5, 1))).toBe(true);
    expect(m('after', [Date.UTC(2023, 0, 1)], '2024-01-01T00:00:00Z')).toBe(true);
    expect(m('after', ['2024-01-01T00:00:00Z'], 'yesterday')).toBe(false);
  });

  it('compares semantic versions with padding and pre-releases', () => {
    expect(m('semVerEqual', ['1.0.0'], '1')).toBe(true);
    expect(m('semVerLessThan', ['2.0.0'], '2.0.0-rc.1')).toBe(true);
    expect(m('semVerGreaterThan', ['2.0.0'], '2.1')).toBe(true);
    expect(m('semVerLessThanOrEqual', ['2.0.0'], '2.0.0')).toBe(true);
    expect(m('semVerGreaterThanOrEqual', ['2.0.0'], '1.9.9')).toBe(false);
    expect(m('semVerEqual', ['1.0.0'], 'v1.0.0')).toBe(false);
  });

  it('tests existence, and negated existence', () => {
    expect(m('exists', [], 0)).toBe(true);
    expect(m('exists', [], undefined)).toBe(false);
    expect(m('exists', [], null, true)).toBe(true);
  });

  it('compares sets: equals, contains all, contains any, and their negations', () => {
    expect(m('setEquals', ['a', 'b'], ['b', 'a', 'a'])).toBe(true);
    expect(m('setEquals', ['a', 'b'], ['a'])).toBe(false);
    expect(m('setContainsAll', ['a', 'b'], ['c', 'b', 'a'])).toBe(true);
    expect(m('setContainsAll', ['a', 'b'], ['a'])).toBe(false);
    expect(m('setContainsAny', ['x', 'b'], ['a', 'b'])).toBe(true);
    expect(m('setNotContainsAny', ['x'], ['a', 'b'])).toBe(true);
    expect(m('setNotEquals', ['a'], ['a'])).toBe(false);
    expect(m('setNotContainsAll', ['a', 'z'], ['a'])).toBe(true);
  });

  it('reads a scalar as a one-element set', () => {
    expect(m('setEquals', ['a'], 'a')).toBe(true);
    expect(m('setContainsAny', ['a', 'b'], 'b')).toBe(true);
  });

  it('makes negate the exact opposite of the plain leaf for every present value', () => {
    const ops: Operator[] = ['in', 'notIn', 'contains', 'startsWith', 'greaterThan', 'semVerEqual', 'setContainsAny', 'matches'];
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.oneof(fc.string(), fc.integer())));
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }), value, (op, values, v) => {
        expect(m(op, values, v, true)).toBe(!m(op, values, v, false));
      }),
      { numRuns: 200 },
    );
  });
});
