import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { compileOptimizelyMatcher } from './operators-optimizely.js';

const m = (op: Operator, values: JsonValue[], value: unknown, negate = false) => compileOptimizelyMatcher(op, values, negate)(value);

describe('optimizely semantics', () => {
  it('gives null (unknown) for a missing attribute, also when negated', () => {
    expect(m('in', ['US'], undefined)).toBeNull();
    expect(m('in', ['US'], undefined, true)).toBeNull();
    expect(m('greaterThan', [1], undefined)).toBeNull();
  });

  it('evaluates exists even for a missing attribute, never null', () => {
    expect(m('exists', [], undefined)).toBe(false);
    expect(m('exists', [], 'x')).toBe(true);
    expect(m('exists', [], null)).toBe(false);
  });

  it('matches exact values of the same type only, else unknown', () => {
    expect(m('in', ['US'], 'US')).toBe(true);
    expect(m('in', ['US'], 'FR')).toBe(false);
    expect(m('in', [1], '1')).toBeNull();
    expect(m('in', [true], 'true')).toBeNull();
    expect(m('in', ['x'], null)).toBeNull();
  });

  it('refuses numbers beyond 2^53 on either side', () => {
    expect(m('in', [2 ** 53 + 2], 2 ** 53 + 2)).toBeNull();
    expect(m('greaterThan', [1], 2 ** 54)).toBeNull();
    expect(m('greaterThan', [2 ** 54], 1)).toBeNull();
    expect(m('greaterThan', [1], 2 ** 53)).toBe(true);
  });

  it('compares numbers, floats included, and gives null for non-numbers', () => {
    expect(m('greaterThan', [2.5], 3)).toBe(true);
    expect(m('lessThanOrEqual', [3], 3)).toBe(true);
    expect(m('lessThan', [3], '2')).toBeNull();
    expect(m('greaterThanOrEqual', [3], Number.NaN)).toBeNull();
  });

  it('reads contains as substring on strings only', () => {
    expect(m('contains', ['ell'], 'hello')).toBe(true);
    expect(m('contains', ['ELL'], 'hello')).toBe(false);
    expect(m('contains', ['1'], 123)).toBeNull();
  });

  it('compares versions with Optimizely quirks: condition "2" equals user "2.12"', () => {
    expect(m('semVerEqual', ['2'], '2.12')).toBe(true);
    expect(m('semVerGreaterThan', ['2.0.0'], '2.0.1')).toBe(true);
    expect(m('semVerLessThan', ['2.1.3'], '2.1.3-beta')).toBe(true);
    expect(m('semVerEqual', ['2.1.0'], '3.x')).toBeNull();
  });

  it('ORs several values three-valued: a true wins over an unknown', () => {
    expect(m('in', [1, 'US'], 'US')).toBe(true);
    expect(m('in', [1, 'FR'], 'US')).toBeNull();
  });

  it('keeps null as null under negate and inverts the rest', () => {
    expect(m('in', ['US'], 'FR', true)).toBe(true);
    expect(m('in', [1], 'FR', true)).toBeNull();
    expect(m('notIn', ['US'], 'US')).toBe(false);
  });

  it('follows the ensign definition for operators Optimizely lacks, with unknown for missing', () => {
    expect(m('startsWith', ['a'], 'abc')).toBe(true);
    expect(m('startsWith', ['a'], undefined)).toBeNull();
  });
});
