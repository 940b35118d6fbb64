import { describe, expect, it } from 'vitest';
import { errorsOf, withConditions, warningsOf } from '../fixtures.test-helpers.js';
import { checkPattern } from './regex-safety.js';
import { scanPattern } from './regex-scan.js';

const check = (pattern: string) => checkPattern(pattern, '', 1000);

describe('checkPattern', () => {
  it('accepts ordinary patterns', () => {
    for (const p of ['^[a-z]+$', '@example\\.com$', '^user-\\d{1,6}$', '(Mobile|Tablet)', '^(?<word>\\w+) (?:x|y)$', '(?<=@)example', '[\\]]+', '(.|\\n)*', '(a|b)*c']) {
      expect(check(p), p).toBeNull();
    }
  });

  it('rejects a pattern that does not compile', () => {
    expect(check('([a-z]')).toMatch(/^pattern does not compile: Invalid regular expression/);
  });

  it('rejects a pattern longer than the limit', () => {
    expect(checkPattern('a'.repeat(11), '', 10)).toBe('pattern is 11 characters long; the limit is 10 (maxPatternLength)');
  });

  it('rejects nested quantifiers (star height above 1), as safe-regex2 does', () => {
    for (const p of ['(a+)+$', '^(\\d+\\.)*$', '(x*y?)*', '((ab)*c)+']) {
      expect(check(p), p).toBe('pattern can backtrack catastrophically: a quantifier inside a quantified group (star height above 1)');
    }
  });

  it('applies the same rule to patterns with lookbehind, which safe-regex2 cannot read', () => {
    expect(check('(?<=x)(a+)+')).toMatch(/star height above 1/);
    expect(check('(?<=x)a+')).toBeNull();
  });

  it('rejects more than 25 quantifiers', () => {
    expect(check('a?'.repeat(26))).toBe('pattern has more than 25 quantifiers, which can backtrack catastrophically');
  });

  it('rejects a repeated group whose alternatives overlap or can be empty', () => {
    for (const p of ['(a|ab)*', '^(\\w|\\d)+$', '(a|)+', '(?:x|[a-z])*!', '(ab|a){2,}']) {
      expect(check(p), p).toMatch(/^pattern can backtrack catastrophically: the alternatives of the repeated group/);
    }
    expect(checkPattern('(A|a)+', 'i', 1000)).toMatch(/alternatives/);
    expect(checkPattern('(A|a)+', '', 1000)).toBeNull();
  });

  it('finishes quickly on what it rejects (the pattern is never run)', () => {
    const started = performance.now();
    expect(check('^(a|a)*$')).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('scanPattern', () => {
  it('measures star height and counts quantifiers', () => {
    expect(scanPattern('a+b*(c?d)+', false)).toEqual({ starHeight: 2, quantifiers: 4, overlapping: null });
  });

  it('reads character classes, escapes and ranges for first characters', () => {
    expect(scanPattern('([a-c]|d)+', false).overlapping).toBeNull();
    expect(scanPattern('([a-c]|b)+', false).overlapping).toBe('([a-c]|b)+');
    expect(scanPattern('(\\x41|B)+', false).overlapping).toBeNull();
    expect(scanPattern('(\\x41|A)+', false).overlapping).toBe('(\\x41|A)+');
    expect(scanPattern('([^a]|b)+', false).overlapping).toBe('([^a]|b)+');
  });
});

describe('patterns in a datafile', () => {
  it('are errors in matches leaves and GrowthBook $regex when unsafe, warnings when they do not compile, at the value', () => {
    const d = withConditions({ or: [{ attribute: 'a', op: 'matches', values: ['(a+)+'] }, { mongo: { ua: { $regexi: '(' } } }] });
    expect(errorsOf(d)).toEqual([{ path: 'flags[0].rules[0].conditions.or[0].values[0]', message: expect.stringContaining('star height above 1') }]);
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].rules[0].conditions.or[1].mongo.ua.$regexi', message: expect.stringMatching(/^pattern does not compile: .*; this condition never matches$/) },
    ]);
  });

  it('respect maxPatternLength', () => {
    const d = withConditions({ attribute: 'a', op: 'notMatches', values: ['x'.repeat(40)] });
    expect(errorsOf(d, { maxPatternLength: 30 })[0]?.message).toBe('pattern is 40 characters long; the limit is 30 (maxPatternLength)');
    expect(errorsOf(d)).toEqual([]);
  });
});
