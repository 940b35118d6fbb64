import { describe, expect, it } from 'vitest';
import { attributeRefProblem, contextKindProblem, isDateValue, isVersion } from './value-syntax.js';

describe('isVersion', () => {
  it('reads ensign and LaunchDarkly versions as SemVer with missing parts padded', () => {
    for (const v of ['1', '1.2', '1.2.3', '1.2.3-beta.1', '1.2.3+build.5', '0.0.0-0']) expect(isVersion(v, 'ensign'), v).toBe(true);
    for (const v of ['v1.2.3', '1.2.3.4', '01.2.3', '1.2.3-', '1..2', '', '1.2.3-01']) expect(isVersion(v, 'launchdarkly'), v).toBe(false);
  });

  it("reads Optimizely versions by its splitVersion rules (condition '2' matches '2.12')", () => {
    for (const v of ['2', '2.9', '2.9.1', '2.9.9-beta', '2.1.3+build', '01.1']) expect(isVersion(v, 'optimizely'), v).toBe(true);
    for (const v of ['1.2.3.4', '1 .2', 'a.b', '1..2', '']) expect(isVersion(v, 'optimizely'), v).toBe(false);
  });

  it('reads Amplitude versions by its SemanticVersion pattern, without its backtracking', () => {
    for (const v of ['10.2', '10.2.33', '10.2.33-alpha.1', '1.0.0-x-y_z']) expect(isVersion(v, 'amplitude'), v).toBe(true);
    for (const v of ['10', '10.2.', 'a.2.3', '1.2.3-.a', '1.2.3-a..b']) expect(isVersion(v, 'amplitude'), v).toBe(false);
    // A hang guard, not a timing: a backtracking reading of this input would outlast the test's timeout.
    expect(isVersion(`1.2.3-${'a.'.repeat(50_000)}!`, 'amplitude')).toBe(false);
  });
});

describe('isDateValue', () => {
  it('takes finite epoch milliseconds and RFC 3339 date-times', () => {
    expect(isDateValue(0)).toBe(true);
    expect(isDateValue('2024-02-29T23:59:59Z')).toBe(true);
    expect(isDateValue('2024-02-29T23:59:59.5-07:00')).toBe(true);
    expect(isDateValue('2024-02-29')).toBe(false);
    expect(isDateValue(Number.NaN)).toBe(false);
  });
});

describe('attributeRefProblem', () => {
  it('accepts literal names and well-formed paths', () => {
    for (const ref of ['email', 'a/b', '/address/city', '/a~1b', '/~0x']) expect(attributeRefProblem(ref), ref).toBeNull();
  });

  it('explains what is wrong with a path', () => {
    expect(attributeRefProblem('')).toBe('it is empty');
    expect(attributeRefProblem('/')).toBe('it has no component');
    expect(attributeRefProblem('/a/')).toBe('it has an empty component');
    expect(attributeRefProblem('/a~')).toBe('a "~" is not followed by 0 or 1');
    expect(attributeRefProblem('/_meta/x')).toBe('"_meta" is reserved');
  });
});

describe('contextKindProblem', () => {
  it('accepts LaunchDarkly kind names and rejects reserved or odd ones', () => {
    expect(contextKindProblem('org.team_1-a')).toBeNull();
    expect(contextKindProblem('multi')).toBe('"multi" is reserved');
    expect(contextKindProblem('my kind')).toMatch(/only ASCII letters/);
  });
});
