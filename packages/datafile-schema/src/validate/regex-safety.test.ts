import { describe, expect, it } from 'vitest';
import { errorsOf, withConditions, warningsOf } from '../fixtures.test-helpers.js';
import { compilePattern } from '../pattern.js';
import { checkPattern } from './regex-safety.js';

const check = (pattern: string) => checkPattern(pattern, '', 1000);

describe('checkPattern', () => {
  it('accepts ordinary patterns', () => {
    for (const p of ['^[a-z]+$', '@example\\.com$', '^user-\\d{1,6}$', '(Mobile|Tablet)', '^(?<word>\\w+) (?:x|y)$', '(?<=@)example', '[\\]]+', '(.|\\n)*', '(a|b)*c']) {
      expect(check(p), p).toBeNull();
    }
  });

  it('accepts patterns that backtrack catastrophically in a backtracking engine: the evaluator runs them in linear time', () => {
    for (const p of ['(a+)+$', '^(\\d+\\.)*$', '^a*a*a*a*a*a*a*a*a*a*a*a*$', '.*.*.*.*.*x', '(a|ab)*', 'a?'.repeat(40)]) {
      expect(check(p), p).toBeNull();
    }
  });

  it('reports a pattern that does not compile', () => {
    expect(check('([a-z]')).toMatch(/^pattern does not compile: Invalid regular expression/);
  });

  it('reports look-ahead and back-references, which Ensign cannot run in linear time', () => {
    for (const p of ['^(?!test)', 'a(?=b)', '(a)\\1', '(?<x>a)\\k<x>']) {
      expect(check(p), p).toBe('pattern needs look-ahead or a back-reference, which Ensign cannot run in linear time');
    }
  });

  it('reports a pattern longer than the limit', () => {
    expect(checkPattern('a'.repeat(11), '', 10)).toBe('pattern is 11 characters long; the limit is 10 (maxPatternLength)');
  });
});

describe('patterns in a datafile', () => {
  it('are warnings with their path when they will not run (their condition never matches), in matches leaves and $regex', () => {
    const d = withConditions({ or: [{ attribute: 'a', op: 'matches', values: ['^(?!x)'] }, { mongo: { ua: { $regexi: '(' } } }, { attribute: 'b', op: 'matches', values: ['(a+)+'] }] });
    expect(errorsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].rules[0].conditions.or[0].values[0]', message: 'pattern needs look-ahead or a back-reference, which Ensign cannot run in linear time; this condition never matches' },
      { path: 'flags[0].rules[0].conditions.or[1].mongo.ua.$regexi', message: expect.stringMatching(/^pattern does not compile: .*; this condition never matches$/) },
    ]);
  });

  it('respect maxPatternLength (an error: the flag is quarantined)', () => {
    const d = withConditions({ attribute: 'a', op: 'notMatches', values: ['x'.repeat(40)] });
    expect(errorsOf(d, { maxPatternLength: 30 })[0]?.message).toBe('pattern is 40 characters long; the limit is 30 (maxPatternLength)');
    expect(errorsOf(d)).toEqual([]);
  });
});

describe('compilePattern', () => {
  it('runs a pattern of optional escaped characters in linear time (it is not a fixed sequence)', () => {
    const p = compilePattern('\\(?'.repeat(30) + '\\('.repeat(30), false);
    expect(typeof p).toBe('object');
    expect(typeof p !== 'string' && p.test('('.repeat(29))).toBe(false);
  });
});
