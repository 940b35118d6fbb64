import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { compileAmplitudeMatcher } from './operators-amplitude.js';

const m = (op: Operator, values: JsonValue[], value: unknown, negate = false) => compileAmplitudeMatcher(op, values, negate)(value);

describe('amplitude semantics', () => {
  it('matches a missing property with positive operators only when the values include "(none)"', () => {
    expect(m('in', ['(none)'], undefined)).toBe(true);
    expect(m('in', ['US'], undefined)).toBe(false);
    expect(m('lessThan', ['(none)'], null)).toBe(true);
    expect(m('setContainsAny', ['(none)'], undefined)).toBe(true);
  });

  it('matches a missing property with negative operators only when the values lack "(none)"', () => {
    expect(m('notIn', ['US'], undefined)).toBe(true);
    expect(m('notIn', ['(none)'], undefined)).toBe(false);
    expect(m('setNotContainsAny', ['a'], undefined)).toBe(true);
  });

  it('never matches a missing property with regex or set-is-not operators', () => {
    expect(m('matches', ['.*'], undefined)).toBe(false);
    expect(m('notMatches', ['x'], undefined)).toBe(false);
    expect(m('setNotEquals', ['a'], undefined)).toBe(false);
  });

  it('compares `is` as strings, case-insensitively for booleans only', () => {
    expect(m('in', ['42'], 42)).toBe(true);
    expect(m('in', ['true'], 'TRUE')).toBe(true);
    expect(m('in', ['true'], true)).toBe(true);
    expect(m('in', ['us'], 'US')).toBe(false);
  });

  it('matches contains case-insensitively', () => {
    expect(m('contains', ['ELL'], 'hello')).toBe(true);
    expect(m('notContains', ['ELL'], 'hello')).toBe(false);
  });

  it('compares numbers with Number(), so numeric strings compare and junk never matches', () => {
    expect(m('greaterThan', ['10'], '11')).toBe(true);
    expect(m('greaterThan', ['10'], 11)).toBe(true);
    expect(m('greaterThan', ['10'], 'abc')).toBe(false);
    expect(m('lessThan', ['1'], '')).toBe(true);
  });

  it('compares versions, falling back to string comparison when one side does not parse', () => {
    expect(m('semVerLessThan', ['20.20'], '20.9')).toBe(true);
    expect(m('semVerGreaterThan', ['1.0'], 'abc')).toBe(true);
  });

  it('needs a list for set operators: a plain string is not one, a JSON array string is', () => {
    expect(m('setContainsAll', ['a'], 'a')).toBe(false);
    expect(m('setContainsAll', ['a'], '["a","b"]')).toBe(true);
    expect(m('setEquals', ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(m('setNotEquals', ['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('matches non-set operators on a list when any element matches', () => {
    expect(m('in', ['b'], ['a', 'b'])).toBe(true);
    expect(m('notIn', ['b'], ['a', 'b'])).toBe(true);
  });

  it('matches regular expressions with exec, and ignores invalid ones', () => {
    expect(m('matches', ['^a.c$'], 'abc')).toBe(true);
    expect(m('matches', ['('], '(')).toBe(false);
  });

  it('adds case-insensitive startsWith / endsWith, exists and negate', () => {
    expect(m('startsWith', ['AB'], 'abc')).toBe(true);
    expect(m('endsWith', ['BC'], 'abc')).toBe(true);
    expect(m('exists', [], 'x')).toBe(true);
    expect(m('in', ['a'], 'a', true)).toBe(false);
  });
});
