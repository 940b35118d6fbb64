// GrowthBook gates and parent conditions, datafile saved groups, LaunchDarkly big segments, Optimizely CMAB rules.
import type { Datafile, Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import type { BigSegmentStore } from '../types.js';
import { evaluateFlag } from './evaluate-flag.js';

describe('GrowthBook parent conditions', () => {
  const parent = boolFlag('parent', { rules: [{ id: 'r', conditions: { attribute: 'beta', op: 'in', values: [true] }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } });

  it('stops at a closed gate: no variation, PREREQUISITE_FAILED naming the parent', () => {
    const child = boolFlag('child', {
      rules: [{ id: 'g', gate: { mongo: { value: true }, flag: 'parent' }, serve: { variation: 'on' } }, { id: 'later', serve: { variation: 'on' } }],
    });
    const c = compile([parent, child]);
    expect(evaluateFlag(c, user('u'), 'child', { defaultValue: 'd' })).toMatchObject({
      value: 'd',
      variationKey: null,
      reason: { kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'parent' },
    });
    expect(evaluateFlag(c, user('u', { beta: true }), 'child').variationKey).toBe('on');
  });

  it('reads { value } of the parent flag in a non-gating parent condition', () => {
    const child = boolFlag('child', { rules: [{ id: 'r', conditions: { mongo: { value: { $eq: true } }, flag: 'parent' }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } });
    const c = compile([parent, child]);
    expect(evaluateFlag(c, user('u', { beta: true }), 'child').variationKey).toBe('on');
    expect(evaluateFlag(c, user('u'), 'child').variationKey).toBe('off');
  });

  it('reads the saved groups of the datafile, unless the caller gives others', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { mongo: { key: { $inGroup: 'staff' } } }, serve: { variation: 'on' } }] });
    const c = compile([f], { savedGroups: { staff: ['u'] } });
    expect(evaluateFlag(c, user('u'), 'f').variationKey).toBe('on');
    expect(evaluateFlag(c, user('u'), 'f', { savedGroups: { staff: [] } }).variationKey).toBeNull();
  });
});

describe('LaunchDarkly big segments', () => {
  const segments: Datafile['segments'] = [
    { key: 'big', unbounded: true, generation: 2, included: [{ values: ['listed'] }], rules: [{ conditions: { attribute: 'vip', op: 'in', values: [true] } }] },
    { key: 'unconfigured', unbounded: true },
  ];
  const flag = (segment: string): Flag => boolFlag('f', { rules: [{ id: 'r', conditions: { op: 'segmentMatch', values: [segment] }, serve: { variation: 'on' } }] });
  const store = (membership: Record<string, boolean> | null, status: 'HEALTHY' | 'STALE' = 'HEALTHY'): BigSegmentStore => ({
    getMembership: (key) => (key === 'u' ? membership : null),
    status: () => status,
  });

  it('takes membership from the store under key.g<generation>, and reports the store status', () => {
    const c = compile([flag('big')], { segments });
    expect(evaluateFlag(c, user('u'), 'f', { bigSegments: store({ 'big.g2': true }) }).reason).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r', bigSegmentsStatus: 'HEALTHY' });
    expect(evaluateFlag(c, user('u', { vip: true }), 'f', { bigSegments: store({ 'big.g2': false }, 'STALE') })).toMatchObject({ variationKey: null, reason: { bigSegmentsStatus: 'STALE' } });
  });

  it('falls back to the rules, not the listed keys, when the store knows nothing', () => {
    const c = compile([flag('big')], { segments });
    expect(evaluateFlag(c, user('u', { vip: true }), 'f', { bigSegments: store(null) }).variationKey).toBe('on');
    expect(evaluateFlag(c, user('listed'), 'f', { bigSegments: store(null) }).variationKey).toBeNull();
  });

  it('reports NOT_CONFIGURED without a store or without a generation, and STORE_ERROR when the store throws', () => {
    const c = compile([flag('big'), boolFlag('g', { rules: [{ id: 'r', conditions: { op: 'segmentMatch', values: ['unconfigured'] }, serve: { variation: 'on' } }] })], { segments });
    expect(evaluateFlag(c, user('u', { vip: true }), 'f').reason.bigSegmentsStatus).toBe('NOT_CONFIGURED');
    expect(evaluateFlag(c, user('u'), 'g', { bigSegments: store({}) }).reason.bigSegmentsStatus).toBe('NOT_CONFIGURED');
    const failing: BigSegmentStore = {
      getMembership: () => {
        throw new Error('down');
      },
    };
    expect(evaluateFlag(c, user('u'), 'f', { bigSegments: failing }).reason.bigSegmentsStatus).toBe('STORE_ERROR');
  });
});

describe('Optimizely contextual bandits', () => {
  it('skips CMAB rules, as Optimizely does in synchronous decisions', () => {
    const f = boolFlag('f', {
      rules: [{ id: 'bandit', kind: 'experiment', experiment: { key: 'b', cmab: { trafficAllocation: 10000, attributeIds: [] } }, serve: { variation: 'on' } }],
      fallthrough: { variation: 'off' },
    });
    const r = evaluateFlag(compile([f]), user('u'), 'f', { includeReasons: true });
    expect(r.variationKey).toBe('off');
    expect(r.reasons).toContain('CMAB is not supported in sync mode.');
  });
});
