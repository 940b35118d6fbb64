// Patterns run in linear time wherever a condition can sit, under every semantics that has them.
import type { Condition, Datafile, Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { user } from '../../test/helpers/datafile.js';
import { compileDatafile } from '../compile/compile-datafile.js';
import { evaluateFlag } from '../evaluate/evaluate-flag.js';
import { evalMongoCondition } from './mongo.js';
import { compilePattern } from '@ensign/datafile-schema';

const VARIATIONS = [
  { key: 'no', value: false },
  { key: 'yes', value: true },
];

/** Flags that serve `yes` when `pattern` matches the `text` attribute, with the condition in each place it can sit. */
function placements(pattern: string): Datafile {
  const rule = (conditions: Condition): Flag['rules'] => [{ id: 'r', conditions, serve: { variation: 'yes' } }];
  const flag = (key: string, extra: Partial<Flag>): Flag => ({ key, on: true, variations: VARIATIONS, fallthrough: { variation: 'no' }, ...extra });
  const leaf = (semantics: 'ensign' | 'launchdarkly' | 'amplitude'): Condition => ({ attribute: 'text', op: 'matches', values: [pattern], semantics });
  return {
    schemaVersion: 1,
    revision: 'r',
    environment: 'test',
    flags: [
      flag('ensign', { rules: rule(leaf('ensign')) }),
      flag('launchdarkly', { rules: rule(leaf('launchdarkly')) }),
      flag('amplitude', { rules: rule(leaf('amplitude')) }),
      flag('segment', { rules: rule({ op: 'segmentMatch', values: ['s'] }) }),
      flag('audience', { rules: rule({ audience: 'a' }) }),
      flag('mongo', { rules: rule({ mongo: { text: { $regex: pattern } } }) }),
      flag('gate', { rules: [{ id: 'r', gate: leaf('ensign'), serve: { variation: 'yes' } }] }),
    ],
    segments: [{ key: 's', rules: [{ conditions: leaf('launchdarkly') }] }],
    audiences: [{ id: 'a', conditions: leaf('ensign') }],
  };
}

const PLACES = ['ensign', 'launchdarkly', 'amplitude', 'segment', 'audience', 'mongo', 'gate'];

describe('patterns', () => {
  it('stay linear for every family of backtracking patterns, in every place a condition can sit (a hang guard)', () => {
    const long = 1000;
    const families: [pattern: string, input: string][] = [
      ['^a*a*a*a*a*a*a*a*a*a*a*a*$', 'a'.repeat(22) + '!'],
      ['^a*a*a*a*a*a*a*a*a*a*a*a*$', 'a'.repeat(long) + '!'],
      ['.*.*.*.*.*.*.*.*.*.*x', 'y'.repeat(long)],
      ['[\\s\\S]*[\\s\\S]*[\\s\\S]*[\\s\\S]*[\\s\\S]*y', 'x'.repeat(long)],
      ['^\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*$', '1'.repeat(long) + 'a'],
      ['\\s+$', ' '.repeat(long) + 'a'],
      ['(a|aa)+b', 'a'.repeat(long)],
    ];
    const cases = families.map(([pattern, input]) => ({ pattern, input, compiled: compileDatafile(placements(pattern), { eager: true }) }));
    for (const { pattern, input, compiled } of cases) {
      for (const place of PLACES) {
        const r = evaluateFlag(compiled, user('u', { text: input }), place);
        // No match: the fallthrough (`no`), or nothing for a closed gate.
        expect(r.variationKey, `${pattern} in ${place}`).not.toBe('yes');
      }
    }
    // No wall-clock assertion: the families take milliseconds, a backtracking engine would take minutes on the first one
    // and so outlast the test's timeout.
  });

  it('still match what they should, in every place', () => {
    const compiled = compileDatafile(placements('^a+b$'), { eager: true });
    for (const place of PLACES) expect(evaluateFlag(compiled, user('u', { text: 'aaab' }), place).variationKey, place).toBe('yes');
  });

  it('read JavaScript syntax: named groups, [^], escaped slashes, case-insensitive $regexi, lookbehind', () => {
    const run = (p: string, s: string, i = false) => {
      const c = compilePattern(p, i);
      return typeof c === 'string' ? c : c.test(s);
    };
    expect(run('^(?<year>\\d{4})-', '2024-05')).toBe(true);
    expect(run('a[^]b', 'a\nb')).toBe(true);
    expect(run('^https?:\\/\\/x', 'https://x')).toBe(true);
    expect(run('MOBILE', 'a mobile phone', true)).toBe(true);
    expect(run('(?<=@)example\\.com$', 'ann@example.com')).toBe(true);
    expect(evalMongoCondition({ ua: 'Mobile Safari' }, { ua: { $regexi: 'mobile' } })).toBe(true);
    expect(evalMongoCondition({ n: 42 }, { n: { $regex: '^4' } })).toBe(true);
  });

  it('do not run look-ahead or back-references, nor what does not compile: the condition never matches', () => {
    expect(compilePattern('^(?=.*x)', false)).toBe('unsupported');
    expect(compilePattern('(a)\\1', false)).toBe('unsupported');
    expect(compilePattern('(unclosed', false)).toBe('syntax');
    const compiled = compileDatafile(placements('^(?=x)x'), { eager: true });
    for (const place of PLACES) expect(evaluateFlag(compiled, user('u', { text: 'x' }), place).variationKey, place).not.toBe('yes');
  });
});
