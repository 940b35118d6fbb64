// Each hash mode end to end through evaluateFlag, with the vendors' published figures (vendor-formats.md §1.4,
// §2.4, §3.3, §4 and the vendors' tests named there).
import type { Flag, Rollout } from '@ensign/datafile-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { ensignBucket, ensignTrafficBucket } from '../bucketing/index.js';
import { evaluateFlag } from './evaluate-flag.js';

const abc: Flag['variations'] = [
  { key: 'a', value: 'a' },
  { key: 'b', value: 'b' },
  { key: 'c', value: 'c' },
];

function withFallthrough(key: string, rollout: Rollout, extra: Partial<Flag> = {}): Flag {
  return { key, on: true, variations: abc, fallthrough: { rollout }, ...extra };
}

describe('optimizely rollouts', () => {
  // opt lib/core/bucketer/index.spec.ts, experiment 111127: [111128 < 4000, 111129 < 9000].
  const experiment: Flag = {
    key: 'exp-flag',
    on: true,
    variations: [
      { key: 'control', id: '111128', value: 'control' },
      { key: 'variation', id: '111129', value: 'variation' },
    ],
    rules: [
      {
        id: '111127',
        kind: 'experiment',
        serve: {
          rollout: {
            bucketing: { hash: 'optimizely' },
            variations: [
              { variation: 'control', weight: 4000 },
              { variation: 'variation', weight: 5000 },
            ],
          },
        },
      },
    ],
  };

  it('puts bucketing id "123456789" in 111129 (bucket 5764)', () => {
    const r = evaluateFlag(compile([experiment]), user('123456789'), 'exp-flag', { trace: true });
    expect(r.variationKey).toBe('variation');
    expect(r.trace?.steps[0]?.bucket).toEqual({ hash: 'optimizely', value: 5764, range: [4000, 9000], variation: 'variation' });
  });

  it('puts user "testBucketingIdControl" in 111128 (bucket 1383)', () => {
    expect(evaluateFlag(compile([experiment]), user('testBucketingIdControl'), 'exp-flag').variationKey).toBe('control');
  });

  it('buckets by the $opt_bucketing_id attribute when it is a string', () => {
    const c = compile([experiment]);
    expect(evaluateFlag(c, user('someone-else', { $opt_bucketing_id: '123456789' }), 'exp-flag').variationKey).toBe('variation');
    expect(evaluateFlag(c, user('testBucketingIdControl', { $opt_bucketing_id: 42 }), 'exp-flag').variationKey).toBe('control');
  });

  it('serves nothing past the last endOfRange (the 9000..10000 hole) and marks experiment decisions', () => {
    const c = compile([experiment]);
    let holes = 0;
    for (let i = 0; i < 300; i++) {
      const r = evaluateFlag(c, user(`u${i}`), 'exp-flag');
      if (r.variationKey === null) {
        holes++;
        expect(r.reason).toEqual({ kind: 'FALLTHROUGH' });
      } else expect(r.reason).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: '111127', inExperiment: true });
    }
    expect(holes).toBeGreaterThan(10);
    expect(holes).toBeLessThan(60);
  });
});

describe('launchdarkly rollouts', () => {
  // ldgo evaluator_bucketing_testdata_test.go: hashKey.saltyA.userKeyA = 0.42157587, userKeyB = 0.6708485,
  // userKeyC = 0.10343106; with seed 61: userKeyA = 0.09801207.
  const tight: Rollout = {
    bucketing: { hash: 'launchdarkly', salt: 'saltyA' },
    variations: [
      { variation: 'a', weight: 42157 },
      { variation: 'b', weight: 1 },
      { variation: 'c', weight: 57842 },
    ],
  };

  it('puts userKeyA at 0.42157587, inside the one-unit slice [0.42157, 0.42158)', () => {
    const c = compile([withFallthrough('hashKey', tight)]);
    expect(evaluateFlag(c, user('userKeyA'), 'hashKey').variationKey).toBe('b');
    expect(evaluateFlag(c, user('userKeyB'), 'hashKey').variationKey).toBe('c');
    expect(evaluateFlag(c, user('userKeyC'), 'hashKey').variationKey).toBe('a');
  });

  it('uses the hashKey and salt of the bucketing, defaulting to the flag key and salt', () => {
    const c = compile([withFallthrough('other-key', { ...tight, bucketing: { hash: 'launchdarkly' } }, { salt: 'saltyA' })]);
    expect(evaluateFlag(c, user('userKeyA'), 'other-key').variationKey).not.toBe('b');
    const d = compile([withFallthrough('other-key', { ...tight, bucketing: { hash: 'launchdarkly', hashKey: 'hashKey' } }, { salt: 'saltyA' })]);
    expect(evaluateFlag(d, user('userKeyA'), 'other-key').variationKey).toBe('b');
  });

  it('replaces key and salt with a truthy seed: seed 61 puts userKeyA at 0.09801207', () => {
    const seeded: Rollout = {
      kind: 'experiment',
      bucketing: { hash: 'launchdarkly', seed: 61 },
      variations: [
        { variation: 'a', weight: 9801 },
        { variation: 'b', weight: 1 },
        { variation: 'c', weight: 90198 },
      ],
    };
    const r = evaluateFlag(compile([withFallthrough('whatever', seeded)]), user('userKeyA'), 'whatever');
    expect(r.variationKey).toBe('b');
    expect(r.reason).toEqual({ kind: 'FALLTHROUGH', inExperiment: true });
  });

  it('does not count untracked slices as in the experiment', () => {
    const rollout: Rollout = { kind: 'experiment', bucketing: { hash: 'launchdarkly' }, variations: [{ variation: 'a', weight: 100000, untracked: true }] };
    expect(evaluateFlag(compile([withFallthrough('f', rollout)]), user('u'), 'f').reason).toEqual({ kind: 'FALLTHROUGH' });
  });

  it('buckets an integer attribute like its string: hashKey.saltyA.33333 = 0.54771423', () => {
    const rollout: Rollout = {
      bucketing: { hash: 'launchdarkly', salt: 'saltyA', bucketBy: 'n' },
      variations: [
        { variation: 'a', weight: 54771 },
        { variation: 'b', weight: 1 },
        { variation: 'c', weight: 45228 },
      ],
    };
    const c = compile([withFallthrough('hashKey', rollout)]);
    expect(evaluateFlag(c, user('x', { n: 33333 }), 'hashKey').variationKey).toBe('b');
    expect(evaluateFlag(c, user('x', { n: '33333' }), 'hashKey').variationKey).toBe('b');
    // A float is not bucketable: bucket 0, the first slice.
    expect(evaluateFlag(c, user('x', { n: 3.5 }), 'hashKey').variationKey).toBe('a');
  });

  it('sends a bucket past the last slice to the last slice', () => {
    const rollout: Rollout = { bucketing: { hash: 'launchdarkly' }, variations: [{ variation: 'a', weight: 1 }, { variation: 'b', weight: 1 }] };
    expect(evaluateFlag(compile([withFallthrough('f', rollout)]), user('u'), 'f').variationKey).toBe('b');
  });
});

describe('amplitude rollouts', () => {
  // vendor-formats §3.3: "xdfrewd/1" hashes to 3523137818: allocation 18, distribution 35231378.
  const rollout = (allocation: [number, number]): Rollout => ({
    bucketing: { hash: 'amplitude', salt: 'xdfrewd' },
    allocation,
    variations: [
      { variation: 'a', weight: 21474837 },
      { variation: 'b', weight: 21474836 },
    ],
  });

  it('puts "1" in the second distribution slice when allocation 18 is inside [0, 50)', () => {
    const r = evaluateFlag(compile([withFallthrough('f', rollout([0, 50]))]), user('1'), 'f', { trace: true });
    expect(r.variationKey).toBe('b');
    expect(r.trace?.steps[0]?.bucket).toEqual({ hash: 'amplitude', value: 35231378, range: [21474837, 42949673], variation: 'b' });
  });

  it('leaves "1" out of an allocation [0, 18), and the rule falls back to its onMiss variation', () => {
    const f: Flag = { key: 'f', on: true, variations: abc, rules: [{ id: 'seg', serve: { rollout: rollout([0, 18]) }, onMiss: { variation: 'c' } }] };
    const r = evaluateFlag(compile([f]), user('1'), 'f');
    expect(r.variationKey).toBe('c');
    expect(r.reason).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'seg' });
  });

  it('does not bucket an empty value', () => {
    const r = evaluateFlag(compile([withFallthrough('f', { ...rollout([0, 100]), bucketing: { hash: 'amplitude', salt: 'x', bucketBy: 'device_id' } })]), user('1', { device_id: '' }), 'f');
    expect(r.variationKey).toBeNull();
  });
});

describe('growthbook rollouts', () => {
  // gb packages/sdk-js/test/cases.json "hash": ['seed','a',2] → 0.0505, ['seed','b',2] → 0.2696,
  // ['','a',1] → 0.22, ['','b',1] → 0.077, ['b','a',1] → 0.946.
  it('hashes v2 as GrowthBook: "a" at 0.0505 falls below 0.051, "b" at 0.2696 above', () => {
    const rollout: Rollout = { kind: 'experiment', bucketing: { hash: 'growthbook-v2', seed: 'seed' }, variations: [{ variation: 'a', weight: 0.051 }, { variation: 'b', weight: 0.949 }] };
    const c = compile([withFallthrough('f', rollout)]);
    expect(evaluateFlag(c, user('a'), 'f').variationKey).toBe('a');
    expect(evaluateFlag(c, user('b'), 'f').variationKey).toBe('b');
  });

  it('hashes v1 value-first, and applies coverage to each slice', () => {
    const rollout = (seed: string): Rollout => ({
      kind: 'experiment',
      bucketing: { hash: 'growthbook-v1', seed },
      coverage: 0.5,
      variations: [{ variation: 'a', weight: 0.5 }, { variation: 'b', weight: 0.5 }],
    });
    // Ranges [0, 0.25) and [0.5, 0.75).
    expect(evaluateFlag(compile([withFallthrough('f', rollout(''))]), user('a'), 'f').variationKey).toBe('a');
    expect(evaluateFlag(compile([withFallthrough('f', rollout('b'))]), user('a'), 'f').variationKey).toBeNull();
  });

  it('uses the fallback attribute when the hash attribute is empty', () => {
    const rollout: Rollout = {
      kind: 'experiment',
      bucketing: { hash: 'growthbook-v2', seed: 'seed', bucketBy: 'id', fallbackAttribute: 'deviceId' },
      variations: [{ variation: 'a', weight: 0.051 }, { variation: 'b', weight: 0.949 }],
    };
    const c = compile([withFallthrough('f', rollout)]);
    expect(evaluateFlag(c, user('x', { id: '', deviceId: 'b' }), 'f').variationKey).toBe('b');
    expect(evaluateFlag(c, user('x', { id: 'a', deviceId: 'b' }), 'f').variationKey).toBe('a');
  });

  it('requires the namespace: "1" is inside namespace1 [0.4, 1) and outside [0, 0.4)', () => {
    const rollout = (range: [number, number]): Rollout => ({ kind: 'experiment', bucketing: { hash: 'growthbook-v2', namespace: { id: 'namespace1', range } }, variations: [{ variation: 'a', weight: 1 }] });
    expect(evaluateFlag(compile([withFallthrough('f', rollout([0.4, 1]))]), user('1'), 'f').variationKey).toBe('a');
    expect(evaluateFlag(compile([withFallthrough('f', rollout([0, 0.4]))]), user('1'), 'f').variationKey).toBeNull();
  });

  it('uses explicit ranges when the slices give them', () => {
    const rollout: Rollout = {
      kind: 'experiment',
      bucketing: { hash: 'growthbook-v2', seed: 'seed' },
      variations: [{ variation: 'a', weight: 0, range: [0.2, 0.3] }, { variation: 'b', weight: 0, range: [0, 0.06] }],
    };
    const c = compile([withFallthrough('f', rollout)]);
    expect(evaluateFlag(c, user('a'), 'f').variationKey).toBe('b');
    expect(evaluateFlag(c, user('b'), 'f').variationKey).toBe('a');
  });

  it('includes a force rule when the hash is at most its coverage, inclusive (isIncludedInRollout)', () => {
    const force = (coverage: number): Rollout => ({ kind: 'rollout', coverage, bucketing: { hash: 'growthbook-v2', seed: 'seed' }, variations: [{ variation: 'c', weight: 1 }] });
    expect(evaluateFlag(compile([withFallthrough('f', force(0.0505))]), user('a'), 'f').variationKey).toBe('c');
    expect(evaluateFlag(compile([withFallthrough('f', force(0.05))]), user('a'), 'f').variationKey).toBeNull();
    expect(evaluateFlag(compile([withFallthrough('f', force(0))]), user('a'), 'f').variationKey).toBeNull();
  });

  it('includes a force rule with a range when the hash lies in it, and everyone without range or coverage', () => {
    const ranged: Rollout = { kind: 'rollout', allocation: [0.05, 0.06], bucketing: { hash: 'growthbook-v2', seed: 'seed' }, variations: [{ variation: 'c', weight: 1 }] };
    expect(evaluateFlag(compile([withFallthrough('f', ranged)]), user('a'), 'f').variationKey).toBe('c');
    expect(evaluateFlag(compile([withFallthrough('f', ranged)]), user('b'), 'f').variationKey).toBeNull();
    const all: Rollout = { kind: 'rollout', bucketing: { hash: 'growthbook-v2', bucketBy: 'nothing' }, variations: [{ variation: 'c', weight: 1 }] };
    expect(evaluateFlag(compile([withFallthrough('f', all)]), user('a'), 'f').variationKey).toBe('c');
  });

  it('applies hash filters instead of the namespace', () => {
    const filtered: Rollout = {
      kind: 'experiment',
      bucketing: { hash: 'growthbook-v2', seed: 'other', filters: [{ seed: 'seed', ranges: [[0, 0.06]] }], namespace: { id: 'namespace1', range: [0, 0.01] } },
      variations: [{ variation: 'a', weight: 1 }],
    };
    const c = compile([withFallthrough('f', filtered)]);
    expect(evaluateFlag(c, user('a'), 'f').variationKey).toBe('a');
    expect(evaluateFlag(c, user('b'), 'f').variationKey).toBeNull();
  });
});

describe('ensign rollouts', () => {
  const fifty: Rollout = { bucketing: { hash: 'ensign' }, variations: [{ variation: 'off', weight: 50000 }, { variation: 'on', weight: 50000 }] };

  it('serves the slice of ensignBucket(seed, key), with the flag key as the default seed', () => {
    const c = compile([boolFlag('checkout', { fallthrough: { rollout: fifty } })]);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (key) => {
        const expected = ensignBucket('checkout', key) < 50000 ? 'off' : 'on';
        expect(evaluateFlag(c, user(key), 'checkout').variationKey).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('seeds with the flag salt when there is one, and with the bucketing seed above all', () => {
    const salted = compile([boolFlag('f', { salt: 'pepper', fallthrough: { rollout: fifty } })]);
    const seeded = compile([boolFlag('f', { salt: 'pepper', fallthrough: { rollout: { ...fifty, bucketing: { hash: 'ensign', seed: 's1' } } } })]);
    for (const key of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      expect(evaluateFlag(salted, user(key), 'f').variationKey).toBe(ensignBucket('pepper', key) < 50000 ? 'off' : 'on');
      expect(evaluateFlag(seeded, user(key), 'f').variationKey).toBe(ensignBucket('s1', key) < 50000 ? 'off' : 'on');
    }
  });

  it('admits only contexts whose traffic bucket is inside the allocation', () => {
    const c = compile([boolFlag('f', { fallthrough: { rollout: { ...fifty, allocation: [0, 30000] } } })]);
    for (let i = 0; i < 100; i++) {
      const key = `user-${i}`;
      const r = evaluateFlag(c, user(key), 'f');
      if (ensignTrafficBucket('f', key) < 30000) expect(r.variationKey).not.toBeNull();
      else expect(r.variationKey).toBeNull();
    }
  });

  it('buckets by another attribute or another context kind when asked', () => {
    const byOrg: Rollout = { bucketing: { hash: 'ensign', contextKind: 'org' }, variations: [{ variation: 'on', weight: 100000 }] };
    const c = compile([boolFlag('f', { fallthrough: { rollout: byOrg } })]);
    expect(evaluateFlag(c, user('u'), 'f').variationKey).toBeNull();
    expect(evaluateFlag(c, { kind: 'multi', user: { key: 'u' }, org: { key: 'o' } }, 'f').variationKey).toBe('on');
  });
});
