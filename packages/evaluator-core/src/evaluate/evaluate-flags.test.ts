import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';

describe('evaluateFlags', () => {
  const flags = [
    boolFlag('a', { fallthrough: { variation: 'on' } }),
    boolFlag('b', { prerequisites: [{ flagKey: 'a', variation: 'on' }], fallthrough: { variation: 'on' } }),
    boolFlag('c', { on: false }),
  ];
  const c = compile(flags);

  it('evaluates every flag in datafile order by default, each as evaluateFlag would', () => {
    const all = evaluateFlags(c, user('u'));
    expect(Object.keys(all)).toEqual(['a', 'b', 'c']);
    for (const key of ['a', 'b', 'c']) expect(all[key]).toEqual(evaluateFlag(c, user('u'), key));
  });

  it('evaluates only the requested keys, and answers FLAG_NOT_FOUND for unknown ones', () => {
    const some = evaluateFlags(c, user('u'), { flagKeys: ['b', 'ghost'] });
    expect(Object.keys(some)).toEqual(['b', 'ghost']);
    expect(some['ghost']?.reason).toEqual({ kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' });
  });

  it('keeps only enabled results when asked', () => {
    expect(Object.keys(evaluateFlags(c, user('u'), { enabledOnly: true }))).toEqual(['a', 'b']);
  });

  it('answers USER_NOT_SPECIFIED for every key when the context is invalid', () => {
    const all = evaluateFlags(c, { kind: 'user', key: 42 } as never);
    expect(Object.values(all).map((r) => r.reason.errorKind)).toEqual(['USER_NOT_SPECIFIED', 'USER_NOT_SPECIFIED', 'USER_NOT_SPECIFIED']);
  });

  it('evaluates a prerequisite once and reuses it', () => {
    let lookups = 0;
    const exp = boolFlag('x', {
      rules: [{ id: 'r', kind: 'experiment', serve: { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'on', weight: 100000 }] } } }],
    });
    const d = compile([exp, boolFlag('y', { prerequisites: [{ flagKey: 'x', variation: 'on' }], fallthrough: { variation: 'on' } })]);
    const store = { lookup: () => (lookups++, null), save: () => undefined };
    const out = evaluateFlags(d, user('u'), { flagKeys: ['y', 'x'] }, { userProfileStore: store });
    expect(out['y']?.variationKey).toBe('on');
    expect(lookups).toBe(1);
  });

  it('reuses a flag evaluated earlier in the call when a later flag needs it as a prerequisite', () => {
    let asked = 0;
    const cohorts = { isMember: () => (asked++, true) };
    const member = boolFlag('member', { rules: [{ id: 'r', conditions: { op: 'inCohort', values: ['beta'] }, serve: { variation: 'on' } }] });
    const d = compile([member, boolFlag('gated', { prerequisites: [{ flagKey: 'member', variation: 'on' }], fallthrough: { variation: 'on' } })]);
    const out = evaluateFlags(d, user('u'), undefined, { cohorts });
    expect(out['gated']?.variationKey).toBe('on');
    expect(out['gated']?.reason.kind).toBe('FALLTHROUGH');
    // `member` was evaluated once, at the top level; `gated` took that result instead of asking the port again.
    expect(asked).toBe(1);
  });

  it('reuses earlier results for a dependency met only after several independent flags', () => {
    let asked = 0;
    const cohorts = { isMember: () => (asked++, false) };
    const member = boolFlag('member', {
      rules: [{ id: 'r', conditions: { op: 'inCohort', values: ['beta'] }, serve: { variation: 'on' } }],
      fallthrough: { variation: 'off' },
    });
    const free = ['a', 'b', 'c'].map((k) => boolFlag(k, { fallthrough: { variation: 'on' } }));
    const reader = boolFlag('reader', {
      rules: [{ id: 'r', conditions: { flag: 'member', op: 'in', values: ['off'] }, serve: { variation: 'on' } }],
    });
    const d = compile([member, ...free, reader]);
    const out = evaluateFlags(d, user('u'), undefined, { cohorts });
    expect(Object.keys(out)).toEqual(['member', 'a', 'b', 'c', 'reader']);
    expect(out['reader']?.reason).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r' });
    expect(asked).toBe(1);
    for (const key of Object.keys(out)) expect(out[key]).toEqual(evaluateFlag(d, user('u'), key, { cohorts }));
  });

  it('evaluates a single requested key as evaluateFlag does', () => {
    for (const key of ['a', 'b', 'c', 'ghost']) {
      expect(evaluateFlags(c, user('u'), { flagKeys: [key] })[key]).toEqual(evaluateFlag(c, user('u'), key));
    }
  });

  it('stores a flag key named __proto__ as plain data', () => {
    const d = compile([boolFlag('__proto__', { fallthrough: { variation: 'on' } })]);
    const out = evaluateFlags(d, user('u'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
