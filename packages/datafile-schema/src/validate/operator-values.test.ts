import { describe, expect, it } from 'vitest';
import { datafile, errorsOf, flag, warningsOf, withConditions } from '../fixtures.test-helpers.js';

const leaf = (op: string, values: unknown[], extra: Record<string, unknown> = {}) => withConditions({ attribute: 'a', op, values, ...extra });
const path = 'flags[0].rules[0].conditions.values[0]';

describe('operator values', () => {
  it('warn that a non-string never matches a string operator', () => {
    expect(warningsOf(leaf('startsWith', [5]))).toEqual([{ path, message: '"startsWith" compares strings; number never matches' }]);
  });

  it('let Amplitude string operators take any value (Amplitude compares String(value))', () => {
    expect(warningsOf(leaf('contains', [5], { semantics: 'amplitude' }))).toEqual([]);
  });

  it('warn about a non-number for numeric operators, except numeric strings under Amplitude', () => {
    expect(warningsOf(leaf('lessThan', ['10']))).toEqual([{ path, message: '"lessThan" compares numbers under ensign semantics; "10" never matches' }]);
    expect(warningsOf(leaf('lessThan', ['10'], { semantics: 'amplitude' }))).toEqual([]);
    expect(warningsOf(leaf('lessThan', ['ten'], { semantics: 'amplitude' }))).toHaveLength(1);
  });

  it('follow Amplitude\'s rules under Amplitude semantics: "" is 0, "(none)" matches a missing property, versions fall back to strings', () => {
    expect(warningsOf(leaf('lessThan', [''], { semantics: 'amplitude' }))).toEqual([]);
    expect(warningsOf(leaf('lessThan', ['(none)'], { semantics: 'amplitude' }))).toEqual([]);
    expect(warningsOf(leaf('semVerLessThan', ['abc'], { semantics: 'amplitude' }))).toEqual([]);
    expect(warningsOf(leaf('lessThan', ['']))).toHaveLength(1);
    expect(warningsOf(leaf('semVerLessThan', ['abc']))).toHaveLength(1);
  });

  it('warn about numbers beyond 2^53 under Optimizely semantics', () => {
    expect(warningsOf(leaf('greaterThan', [2 ** 54], { semantics: 'optimizely' }))).toHaveLength(1);
    expect(warningsOf(leaf('greaterThan', [2 ** 53], { semantics: 'optimizely' }))).toEqual([]);
  });

  it('take epoch milliseconds or RFC 3339 dates for before and after', () => {
    expect(warningsOf(leaf('before', [1_700_000_000_000, '2024-01-01T00:00:00.123+02:00']))).toEqual([]);
    expect(warningsOf(leaf('after', ['yesterday']))).toEqual([
      { path, message: '"after" takes epoch milliseconds or RFC 3339 dates; "yesterday" never matches' },
    ]);
  });

  it('check versions by the semantics in force', () => {
    expect(warningsOf(leaf('semVerEqual', ['1.2']))).toEqual([]);
    expect(warningsOf(leaf('semVerEqual', ['v1.2.3']))).toEqual([{ path, message: '"v1.2.3" is not a version under ensign semantics; it never matches' }]);
    expect(warningsOf(leaf('semVerLessThan', ['10'], { semantics: 'launchdarkly' }))).toEqual([]);
    expect(warningsOf(leaf('semVerLessThan', ['1.a'], { semantics: 'launchdarkly' }))).toHaveLength(1);
    expect(warningsOf(leaf('semVerLessThan', ['1.2.3.4'], { semantics: 'optimizely' }))).toHaveLength(1);
  });

  it("use the datafile's default semantics when the leaf names none", () => {
    const d = leaf('semVerGreaterThan', ['10.2']);
    expect(warningsOf(d)).toEqual([]);
    expect(warningsOf({ ...d, semantics: 'amplitude' })).toEqual([]);
    expect(warningsOf({ ...leaf('semVerGreaterThan', ['v10']), semantics: 'launchdarkly' })).toHaveLength(1);
    expect(warningsOf({ ...leaf('semVerGreaterThan', ['v10']), semantics: 'amplitude' })).toEqual([]);
  });

  it('reject a segment or cohort reference that is not a string', () => {
    expect(errorsOf(withConditions({ op: 'segmentMatch', values: [3] }))).toEqual([{ path, message: 'segment keys are strings, got number' }]);
  });

  it('require an attribute, except for segmentMatch, qualified and inCohort', () => {
    expect(errorsOf(withConditions({ op: 'in', values: ['x'] }))).toEqual([{ path: 'flags[0].rules[0].conditions.attribute', message: 'is required' }]);
    const d = datafile([flag('f', { rules: [{ id: 'r', conditions: { op: 'qualified', values: ['odp-1'] }, serve: { variation: 'on' } }] })]);
    expect(errorsOf(d)).toEqual([]);
  });

  it('reject an invalid attribute reference', () => {
    expect(errorsOf(leaf('in', ['x'], { attribute: '/a/~2' }))).toEqual([
      { path: 'flags[0].rules[0].conditions.attribute', message: 'invalid attribute reference "/a/~2": a "~" is not followed by 0 or 1' },
    ]);
  });
});
