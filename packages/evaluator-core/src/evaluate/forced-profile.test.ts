// Forced decisions (Optimizely setForcedDecision) and sticky bucketing through the user-profile port.
import type { Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import type { UserProfile, UserProfileStore } from '../types.js';
import { evaluateFlag } from './evaluate-flag.js';

describe('forced decisions', () => {
  const f = boolFlag('f', {
    rules: [
      { id: 'r0', key: 'first', conditions: { attribute: 'never', op: 'exists', values: [] }, serve: { variation: 'on' } },
      { id: 'r1', key: 'second', serve: { variation: 'on' } },
    ],
  });
  const c = compile([f]);

  it('forces the whole flag with a flag-level decision', () => {
    const r = evaluateFlag(c, user('u'), 'f', { forcedDecisions: [{ flagKey: 'f', variationKey: 'off' }] });
    expect(r).toMatchObject({ variationKey: 'off', ruleKey: null, reason: { kind: 'TARGET_MATCH', forced: true } });
  });

  it('forces a rule when evaluation reaches it, even if its conditions would not match', () => {
    const r = evaluateFlag(c, user('u'), 'f', { forcedDecisions: [{ flagKey: 'f', ruleKey: 'first', variationKey: 'off' }] });
    expect(r).toMatchObject({ variationKey: 'off', ruleKey: 'first', reason: { kind: 'RULE_MATCH', ruleIndex: 0, forced: true } });
  });

  it('ignores a forced variation the flag lacks, with a reason message, and decides normally', () => {
    const r = evaluateFlag(c, user('u'), 'f', { forcedDecisions: [{ flagKey: 'f', variationKey: 'ghost' }], includeReasons: true });
    expect(r.variationKey).toBe('on');
    expect(r.reasons).toContain('Invalid variation is mapped to flag (f) and user (u) in the forced decision map.');
  });

  it('uses the last entry when several force the same flag', () => {
    const r = evaluateFlag(c, user('u'), 'f', {
      forcedDecisions: [
        { flagKey: 'f', variationKey: 'on' },
        { flagKey: 'f', variationKey: 'off' },
      ],
    });
    expect(r.variationKey).toBe('off');
  });
});

describe('sticky bucketing', () => {
  const experiment: Flag = {
    key: 'exp',
    on: true,
    variations: [
      { key: 'control', id: 'v-control', value: 'control' },
      { key: 'treatment', id: 'v-treatment', value: 'treatment' },
    ],
    rules: [
      {
        id: 'rule-1',
        kind: 'experiment',
        experiment: { key: 'exp-key', id: 'exp-1' },
        conditions: { attribute: 'eligible', op: 'in', values: [true] },
        serve: { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'control', weight: 50000 }, { variation: 'treatment', weight: 50000 }] } },
      },
    ],
  };
  const c = compile([experiment]);

  function memoryStore(initial?: UserProfile): UserProfileStore & { saved: UserProfile[] } {
    const saved: UserProfile[] = [];
    return {
      saved,
      lookup: (id) => (initial && initial.user_id === id ? initial : null),
      save: (p) => {
        saved.push(p);
      },
    };
  }

  it('returns the variation saved in the profile, before the audience is checked', () => {
    const profile: UserProfile = { user_id: 'u', experiment_bucket_map: { 'exp-1': { variation_id: 'v-treatment' } } };
    const r = evaluateFlag(c, user('u', { eligible: false }), 'exp', { userProfile: profile });
    expect(r).toMatchObject({ variationKey: 'treatment', experimentKey: 'exp-key', reason: { kind: 'RULE_MATCH', inExperiment: true } });
  });

  it('ignores the profile when asked to', () => {
    const profile: UserProfile = { user_id: 'u', experiment_bucket_map: { 'exp-1': { variation_id: 'v-treatment' } } };
    expect(evaluateFlag(c, user('u', { eligible: false }), 'exp', { userProfile: profile, ignoreUserProfile: true }).variationKey).toBeNull();
  });

  it('saves a fresh experiment decision to the store and returns the update', () => {
    const store = memoryStore();
    const r = evaluateFlag(c, user('u', { eligible: true }), 'exp', { userProfileStore: store });
    const id = r.variationKey === 'control' ? 'v-control' : 'v-treatment';
    const expected = { user_id: 'u', experiment_bucket_map: { 'exp-1': { variation_id: id } } };
    expect(r.userProfileUpdate).toEqual(expected);
    expect(store.saved).toEqual([expected]);
  });

  it('keeps other experiments of the looked-up profile when it saves', () => {
    const store = memoryStore({ user_id: 'u', experiment_bucket_map: { other: { variation_id: 'x' } } });
    evaluateFlag(c, user('u', { eligible: true }), 'exp', { userProfileStore: store });
    expect(Object.keys(store.saved[0]?.experiment_bucket_map ?? {}).sort()).toEqual(['exp-1', 'other']);
  });

  it('survives a store that throws, and decides as without one', () => {
    const failing: UserProfileStore = {
      lookup: () => {
        throw new Error('down');
      },
      save: () => {
        throw new Error('down');
      },
    };
    const plain = evaluateFlag(c, user('u', { eligible: true }), 'exp');
    expect(evaluateFlag(c, user('u', { eligible: true }), 'exp', { userProfileStore: failing }).variationKey).toBe(plain.variationKey);
  });

  it('produces an update for a profile looked up in advance, without a store', () => {
    expect(evaluateFlag(c, user('u', { eligible: true }), 'exp', { userProfile: null }).userProfileUpdate?.user_id).toBe('u');
  });
});
