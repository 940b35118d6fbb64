import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { compileLaunchDarklyMatcher } from './operators-launchdarkly.js';

const m = (op: Operator, values: JsonValue[], value: unknown, negate = false) => compileLaunchDarklyMatcher(op, values, negate)(value);

describe('launchdarkly semantics', () => {
  it('keeps a missing or null attribute false even when the clause is negated', () => {
    expect(m('in', ['US'], undefined, true)).toBe(false);
    expect(m('in', ['US'], null, true)).toBe(false);
  });

  it('applies negate last for present values', () => {
    expect(m('in', ['US'], 'FR', true)).toBe(true);
    expect(m('in', ['US'], 'US', true)).toBe(false);
  });

  it('matches an array attribute when any element matches any value', () => {
    expect(m('in', ['a'], ['b', 'a'])).toBe(true);
    expect(m('startsWith', ['x'], ['abc', 'xyz'])).toBe(true);
  });

  it('uses strict === for in (no coercion between "1" and 1)', () => {
    expect(m('in', ['1'], 1)).toBe(false);
    expect(m('in', [true], true)).toBe(true);
  });

  it('takes numbers only in numeric operators', () => {
    expect(m('lessThan', [5], 4)).toBe(true);
    expect(m('lessThan', [5], '4')).toBe(false);
    expect(m('lessThan', ['5'], 4)).toBe(false);
  });

  it('compares semantic versions with padding and no leading v', () => {
    expect(m('semVerEqual', ['2.0.0'], '2')).toBe(true);
    expect(m('semVerGreaterThan', ['2.0.0'], 'v3.0.0')).toBe(false);
    expect(m('semVerLessThan', ['2.0.0'], '2.0.0-beta')).toBe(true);
  });

  it('compares RFC 3339 and epoch dates', () => {
    expect(m('before', [1_000], 999)).toBe(true);
    expect(m('after', ['2020-01-01T00:00:00Z'], '2021-06-01T12:00:00.5+02:00')).toBe(true);
  });

  it('uses JavaScript regular expressions for matches', () => {
    expect(m('matches', ['^[a-z]+$'], 'abc')).toBe(true);
    expect(m('matches', ['^[a-z]+$'], 'ABC')).toBe(false);
  });

  it('keeps its missing rule for operators it lacks (notIn of a missing attribute is false)', () => {
    expect(m('notIn', ['US'], undefined)).toBe(false);
    expect(m('notIn', ['US'], 'FR')).toBe(true);
  });
});
