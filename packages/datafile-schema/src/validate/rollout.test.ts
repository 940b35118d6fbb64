import { describe, expect, it } from 'vitest';
import type { HashMode } from '../types.js';
import { BUCKET_SPACE } from '../types.js';
import { datafile, errorsOf, flag, warningsOf } from '../fixtures.test-helpers.js';

function withRollout(rollout: Record<string, unknown>) {
  return datafile([flag('f', { fallthrough: { rollout } })]);
}
const split = (hash: HashMode, weights: number[], extra: Record<string, unknown> = {}) =>
  withRollout({ bucketing: { hash }, variations: weights.map((weight, i) => ({ variation: i % 2 === 0 ? 'off' : 'on', weight })), ...extra });

describe('weights', () => {
  it('accept a sum of exactly the bucket space in every hash mode', () => {
    for (const hash of Object.keys(BUCKET_SPACE) as HashMode[]) {
      const space = BUCKET_SPACE[hash];
      const half = hash.startsWith('growthbook') ? 0.5 : Math.floor(space / 2);
      expect(errorsOf(split(hash, [half, space - half]))).toEqual([]);
    }
  });

  it('reject a sum above the bucket space of the mode', () => {
    expect(errorsOf(split('optimizely', [5000, 5001]))).toEqual([
      { path: 'flags[0].fallthrough.rollout.variations', message: 'weights add up to 10001, more than the 10000 units of the "optimizely" bucket space' },
    ]);
    expect(errorsOf(split('ensign', [100_000, 1]))[0]?.message).toMatch(/more than the 100000 units/);
    expect(errorsOf(split('amplitude', [42_949_673, 1]))[0]?.message).toMatch(/more than the 42949673 units/);
  });

  it('tolerate GrowthBook fractions up to 1.01, as GrowthBook does', () => {
    expect(errorsOf(split('growthbook-v2', [0.334, 0.334, 0.334]))).toEqual([]);
    expect(errorsOf(split('growthbook-v1', [0.6, 0.42]))[0]?.message).toMatch(/weights add up to 1.02, more than the 1 units/);
  });

  it('reject negative weights', () => {
    expect(errorsOf(split('ensign', [-1, 100]))).toEqual([
      { path: 'flags[0].fallthrough.rollout.variations[0].weight', message: 'must not be negative, got -1' },
    ]);
  });

  it('warn when LaunchDarkly weights do not add up to 100000 (the overflow goes to the last slice)', () => {
    const d = split('launchdarkly', [30_000, 30_000]);
    expect(errorsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([
      {
        path: 'flags[0].fallthrough.rollout.variations',
        message: 'weights add up to 60000, not 100000: LaunchDarkly sends contexts past the last slice to the last slice',
      },
    ]);
  });

  it('accept a sum below the space in the other modes: the rest is a miss', () => {
    expect(errorsOf(split('optimizely', [2000, 2000]))).toEqual([]);
    expect(warningsOf(split('optimizely', [2000, 2000]))).toEqual([]);
  });
});

describe('ranges and allocations', () => {
  it('reject an explicit range outside the bucket space', () => {
    const d = withRollout({ bucketing: { hash: 'amplitude' }, variations: [{ variation: 'on', weight: 10, range: [42_949_670, 42_949_680] }] });
    expect(errorsOf(d)).toEqual([
      {
        path: 'flags[0].fallthrough.rollout.variations[0].range',
        message: 'must be a range [start, end) with 0 <= start <= end <= 42949673, got [42949670, 42949680]',
      },
    ]);
  });

  it('warn when a weight differs from the size of its range', () => {
    const d = withRollout({ bucketing: { hash: 'growthbook-v2' }, variations: [{ variation: 'on', weight: 0.5, range: [0, 0.25] }] });
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].fallthrough.rollout.variations[0].weight', message: 'weight 0.5 differs from the size of its range (0.25); the range decides' },
    ]);
  });

  it('check allocations against the allocation space (Amplitude: hash % 100)', () => {
    expect(errorsOf(split('amplitude', [1, 1], { allocation: [0, 100] }))).toEqual([]);
    expect(errorsOf(split('amplitude', [1, 1], { allocation: [50, 101] }))[0]).toEqual({
      path: 'flags[0].fallthrough.rollout.allocation',
      message: 'must be a range [start, end) with 0 <= start <= end <= 100, got [50, 101]',
    });
    expect(errorsOf(split('ensign', [1, 1], { allocation: [60_000, 40_000] }))[0]?.message).toMatch(/0 <= start <= end <= 100000/);
  });

  it('reject a coverage outside 0..1 and a malformed pair', () => {
    expect(errorsOf(split('growthbook-v1', [0.5, 0.5], { coverage: 1.5, allocation: [0] }))).toEqual([
      { path: 'flags[0].fallthrough.rollout.allocation', message: 'must be a pair [start, end], got an array of 1' },
      { path: 'flags[0].fallthrough.rollout.coverage', message: 'must be at most 1, got 1.5' },
    ]);
  });
});

describe('bucketing', () => {
  it('requires a known hash mode', () => {
    expect(errorsOf(withRollout({ bucketing: { hash: 'md5' }, variations: [] }))[0]).toEqual({
      path: 'flags[0].fallthrough.rollout.bucketing.hash',
      message: expect.stringContaining('must be one of "ensign", "optimizely", "launchdarkly", "amplitude", "growthbook-v1", "growthbook-v2", got "md5"'),
    });
  });

  it('checks the seed, attribute references, context kind, namespace and filters', () => {
    const d = withRollout({
      bucketing: {
        hash: 'growthbook-v2',
        seed: true,
        bucketBy: '/a//b',
        contextKind: 'kind',
        namespace: { id: 'ns', range: [0, 2] },
        filters: [{ seed: 's', ranges: [[0, 1]], hashVersion: 3 }],
      },
      variations: [],
    });
    const base = 'flags[0].fallthrough.rollout.bucketing';
    expect(errorsOf(d)).toEqual([
      { path: `${base}.bucketBy`, message: 'invalid attribute reference "/a//b": it has an empty component' },
      { path: `${base}.contextKind`, message: 'invalid context kind "kind": "kind" is reserved' },
      { path: `${base}.seed`, message: 'must be a string or a finite number, got boolean' },
      { path: `${base}.namespace.range`, message: 'must be a range [start, end) with 0 <= start <= end <= 1, got [0, 2]' },
      { path: `${base}.filters[0].hashVersion`, message: 'must be 1 or 2, got 3' },
    ]);
  });
});

describe('serve', () => {
  it('needs exactly one of variation and rollout', () => {
    const d = datafile([
      flag('f', { fallthrough: {} }),
      flag('g', { fallthrough: { variation: 'on', rollout: { bucketing: { hash: 'ensign' }, variations: [] } } }),
    ]);
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].fallthrough', message: 'needs "variation" or "rollout"' },
      { path: 'flags[1].fallthrough', message: 'serves either "variation" or "rollout", not both' },
    ]);
  });

  it('reads onMiss as "next", "last" or a variation', () => {
    const rules = [
      { id: 'a', serve: { variation: 'on' }, onMiss: 'last' },
      { id: 'b', serve: { variation: 'on' }, onMiss: { variation: 'off' } },
      { id: 'c', serve: { variation: 'on' }, onMiss: 'skip' },
    ];
    expect(errorsOf(datafile([flag('f', { rules })]))).toEqual([
      { path: 'flags[0].rules[2].onMiss', message: 'must be "next", "last" or { "variation": key }, got "skip"' },
    ]);
  });
});

describe('groups', () => {
  it("reject member weights above the group's bucket space", () => {
    const d = datafile([flag('f', { rules: [{ id: 'r', serve: { variation: 'on' }, group: 'g' }] })], {
      groups: [{ key: 'g', bucketing: { hash: 'optimizely' }, members: [{ flag: 'f', rule: 'r', weight: 6000 }, { rule: null, weight: 6000 }] }],
    });
    expect(errorsOf(d)).toEqual([{ path: 'groups[0].members', message: 'member weights add up to 12000, more than the 10000 units of the "optimizely" bucket space' }]);
  });
});
