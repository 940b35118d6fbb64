// Holdouts and mutual-exclusion groups (Optimizely order, vendor-formats 1.4–1.7).
import type { Datafile, Flag, Holdout } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { evaluateFlag } from './evaluate-flag.js';

const everyone = (variation: string) => ({ bucketing: { hash: 'ensign' as const }, variations: [{ variation, weight: 100000 }] });

function holdout(key: string, scope: Partial<Holdout> = {}): Holdout {
  return { key, id: `${key}-id`, variations: [{ key: `${key}-var`, value: null, enabled: false }], rollout: everyone(`${key}-var`), ...scope };
}

describe('holdouts', () => {
  const flag = boolFlag('f', { rules: [{ id: 'r1', serve: { variation: 'on' } }] });

  it('holds a context out with a global holdout: holdout variation key, off value, enabled false', () => {
    const r = evaluateFlag(compile([flag], { holdouts: [holdout('global')] }), user('u'), 'f');
    expect(r).toMatchObject({
      value: false,
      variationKey: 'global-var',
      variationIndex: null,
      enabled: false,
      ruleKey: 'global',
      ruleId: 'global-id',
      reason: { kind: 'RULE_MATCH', holdoutKey: 'global', inExperiment: true },
    });
  });

  it('serves the caller default when the flag has no off variation', () => {
    const f = boolFlag('f', { offVariation: null, rules: [{ id: 'r1', serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f], { holdouts: [holdout('h')] }), user('u'), 'f', { defaultValue: 'd' }).value).toBe('d');
  });

  it('applies flag-scoped holdouts to their flags only', () => {
    const other = boolFlag('g', { fallthrough: { variation: 'on' } });
    const c = compile([flag, other], { holdouts: [holdout('scoped', { flags: ['g'] })] });
    expect(evaluateFlag(c, user('u'), 'f').variationKey).toBe('on');
    expect(evaluateFlag(c, user('u'), 'g').reason.holdoutKey).toBe('scoped');
  });

  it('applies a holdout the flag lists in its own holdouts', () => {
    const f = boolFlag('f', { holdouts: ['listed'], rules: [{ id: 'r1', serve: { variation: 'on' } }] });
    const c = compile([f, boolFlag('g', { fallthrough: { variation: 'on' } })], { holdouts: [holdout('listed', { flags: [] })] });
    expect(evaluateFlag(c, user('u'), 'f').reason.holdoutKey).toBe('listed');
    expect(evaluateFlag(c, user('u'), 'g').variationKey).toBe('on');
  });

  it('applies rule-scoped holdouts when that rule is reached, after earlier rules', () => {
    const f = boolFlag('f', {
      rules: [
        { id: 'r0', conditions: { attribute: 'vip', op: 'in', values: [true] }, serve: { variation: 'on' } },
        { id: 'r1', serve: { variation: 'on' } },
      ],
    });
    const c = compile([f], { holdouts: [holdout('local', { rules: ['r1'] })] });
    expect(evaluateFlag(c, user('u', { vip: true }), 'f').ruleId).toBe('r0');
    expect(evaluateFlag(c, user('u'), 'f').reason.holdoutKey).toBe('local');
  });

  it('skips holdouts that are not running or whose conditions do not match, or that bucket nobody', () => {
    const c = compile([flag], {
      holdouts: [
        holdout('draft', { status: 'draft' }),
        holdout('adults', { conditions: { attribute: 'age', op: 'greaterThan', values: [17] } }),
        holdout('empty', { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'empty-var', weight: 0 }] } }),
      ],
    });
    expect(evaluateFlag(c, user('u', { age: 10 }), 'f').variationKey).toBe('on');
    expect(evaluateFlag(c, user('u', { age: 30 }), 'f').reason.holdoutKey).toBe('adults');
  });

  it('comes after individual targets and flag-level forced decisions', () => {
    const f = boolFlag('f', { targets: [{ values: ['vip'], variation: 'on' }], rules: [{ id: 'r1', serve: { variation: 'off' } }] });
    const c = compile([f], { holdouts: [holdout('h')] });
    expect(evaluateFlag(c, user('vip'), 'f').reason.kind).toBe('TARGET_MATCH');
    expect(evaluateFlag(c, user('u'), 'f', { forcedDecisions: [{ flagKey: 'f', variationKey: 'on' }] }).reason.forced).toBe(true);
  });
});

describe('mutual-exclusion groups', () => {
  // opt bucketer index.spec.ts: group 666 is [442 < 3000, 443 < 6000]; bucket("123456789666") = 4825 selects 443,
  // then bucket("123456789443") = 3725 falls in 111127's allocation [111128 < 4000, 111129 < 9000]: 111128.
  const allocation = { bucketing: { hash: 'optimizely' as const }, variations: [{ variation: 'control', weight: 4000 }, { variation: 'variation', weight: 5000 }] };
  const flag: Flag = {
    key: 'f',
    on: true,
    variations: [
      { key: 'control', id: '111128', value: 'control' },
      { key: 'variation', id: '111129', value: 'variation' },
    ],
    rules: [
      { id: '442', kind: 'experiment', group: '666', serve: { rollout: allocation } },
      { id: '443', kind: 'experiment', group: '666', serve: { rollout: allocation } },
    ],
  };
  const groups: Datafile['groups'] = [
    { key: '666', bucketing: { hash: 'optimizely' }, members: [{ rule: '442', weight: 3000 }, { rule: '443', weight: 3000 }, { rule: null, weight: 4000 }] },
  ];

  it('enters only the member the group bucket selects: 123456789 is in 443, then in 111128', () => {
    const r = evaluateFlag(compile([flag], { groups }), user('123456789'), 'f', { trace: true });
    expect(r).toMatchObject({ ruleId: '443', variationKey: 'control' });
    const groupSteps = r.trace?.steps.filter((s) => s.step === 'group');
    expect(groupSteps?.map((s) => [s.matched, s.bucket?.value])).toEqual([
      [false, 4825],
      [true, 4825],
    ]);
  });

  it('keeps contexts in the group hole out of every member', () => {
    const c = compile([flag], { groups });
    let inNone = 0;
    for (let i = 0; i < 200; i++) {
      const r = evaluateFlag(c, user(`user-${i}`), 'f');
      if (r.ruleId === null) inNone++;
    }
    expect(inNone).toBeGreaterThan(40);
    expect(inNone).toBeLessThan(130);
  });

  it('answers MALFORMED_FLAG for a rule whose group is missing', () => {
    expect(evaluateFlag(compile([flag]), user('u'), 'f').reason.errorKind).toBe('MALFORMED_FLAG');
  });
});
