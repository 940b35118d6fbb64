import { describe, expect, it } from 'vitest';
import { ldBucket, ldBucketableValue, ldChooseWeighted, ldHashInput, ldInSegmentWeight } from './launchdarkly.js';

const base = { flagOrSegmentKey: 'hashKey', salt: 'saltyA' } as const;

/** The test harness's integer bucket (sdk-test-harness helpers.go#computeExpectedBucketValue). */
const integerBucket = (bucket: number) => Math.floor(bucket * 100000);

describe('ldBucket', () => {
  // go-server-sdk-evaluation evaluator_bucketing_testdata_test.go and ruby-server-sdk evaluator_bucketing_spec.rb
  // (float32 values, compared within 1e-7 as LaunchDarkly's own specs do); integers from sdk-test-harness
  // helpers_test.go#TestComputeExpectedBucketValue; float64 digits from vendor-formats §2.4.
  it('puts hashKey.saltyA.userKeyA at 0.42157587… (harness bucket 42157)', () => {
    const bucket = ldBucket({ ...base, value: 'userKeyA' });
    expect(Math.abs(bucket - 0.42157587)).toBeLessThanOrEqual(1e-7);
    expect(bucket).toBeCloseTo(0.42157587433924, 13);
    expect(integerBucket(bucket)).toBe(42157);
  });

  it('puts userKeyB at 0.6708485 (67084) and userKeyC at 0.10343106 (10343)', () => {
    const b = ldBucket({ ...base, value: 'userKeyB' });
    const c = ldBucket({ ...base, value: 'userKeyC' });
    expect(Math.abs(b - 0.6708485)).toBeLessThanOrEqual(1e-7);
    expect(Math.abs(c - 0.10343106)).toBeLessThanOrEqual(1e-7);
    expect(integerBucket(b)).toBe(67084);
    expect(integerBucket(c)).toBe(10343);
  });

  it('hashes seed 61 as "61.userKeyA" (0.09801207, bucket 9801), ignoring key and salt', () => {
    const bucket = ldBucket({ ...base, seed: 61, value: 'userKeyA' });
    expect(ldHashInput({ ...base, seed: 61, value: 'userKeyA' })).toBe('61.userKeyA');
    expect(Math.abs(bucket - 0.09801207)).toBeLessThanOrEqual(1e-7);
    expect(integerBucket(bucket)).toBe(9801);
    expect(ldBucket({ flagOrSegmentKey: 'other', salt: 'other', seed: 61, value: 'userKeyA' })).toBe(bucket);
  });

  it('buckets the integer attribute 33333 as the string "33333" (0.54771423)', () => {
    const asInt = ldBucket({ ...base, value: 33333 });
    expect(asInt).toBe(ldBucket({ ...base, value: '33333' }));
    expect(Math.abs(asInt - 0.54771423)).toBeLessThanOrEqual(1e-7);
  });

  it('puts floats, booleans, null, arrays and objects in bucket 0', () => {
    for (const value of [33.5, true, null, undefined, ['a'], { key: 'a' }, Number.NaN]) {
      expect(ldBucket({ ...base, value })).toBe(0);
    }
  });

  // Node SDK `seed ? Number(seed) : ...`; the Go SDK would hash "0.userKeyA"
  it('ignores a seed of 0, as the Node SDK does', () => {
    expect(ldHashInput({ ...base, seed: 0, value: 'userKeyA' })).toBe('hashKey.saltyA.userKeyA');
    expect(ldBucket({ ...base, seed: 0, value: 'userKeyA' })).toBe(ldBucket({ ...base, value: 'userKeyA' }));
  });

  it('reads a numeric string seed as a number, as Number(seed) does', () => {
    expect(ldHashInput({ ...base, seed: '61', value: 'userKeyA' })).toBe('61.userKeyA');
    expect(ldHashInput({ ...base, seed: '061', value: 'userKeyA' })).toBe('61.userKeyA');
  });

  it("hashes a missing salt as '' (the SDK's flag.salt || '')", () => {
    expect(ldHashInput({ flagOrSegmentKey: 'flag-key', value: 'is-key' })).toBe('flag-key..is-key');
    expect(ldHashInput({ flagOrSegmentKey: 'flag-key', salt: null, value: 17 })).toBe('flag-key..17');
  });
});

describe('ldBucketableValue', () => {
  it('keeps strings, stringifies integers and rejects everything else', () => {
    expect(ldBucketableValue('')).toBe('');
    expect(ldBucketableValue(-7)).toBe('-7');
    expect(ldBucketableValue(1e21)).toBe('1e+21');
    expect(ldBucketableValue(0.5)).toBeNull();
    expect(ldBucketableValue(Number.POSITIVE_INFINITY)).toBeNull();
    expect(ldBucketableValue(10n)).toBeNull();
  });
});

describe('ldChooseWeighted', () => {
  it('puts a bucket equal to a slice end in the next slice (bucket < sum)', () => {
    expect(ldChooseWeighted(0.49999, [50000, 50000])).toBe(0);
    expect(ldChooseWeighted(0.5, [50000, 50000])).toBe(1);
  });

  // 0.1 + 0.2 = 0.30000000000000004 in float64: exact arithmetic would pick slice 2
  it('sums weight / 100000 in float64, in order, as the SDK does', () => {
    expect(ldChooseWeighted(0.3, [10000, 20000, 70000])).toBe(1);
  });

  it('sends a bucket past the last slice to the last slice', () => {
    expect(ldChooseWeighted(0.99, [10000, 10000])).toBe(1);
    expect(ldChooseWeighted(1, [50000, 50000])).toBe(1);
    expect(ldChooseWeighted(0.5, [0, 0, 0])).toBe(2);
  });

  it('places bucket 0.42157587 past a slice ending at 42157 and inside one ending at 42158', () => {
    const bucket = ldBucket({ ...base, value: 'userKeyA' });
    expect(ldChooseWeighted(bucket, [42157, 100000 - 42157])).toBe(1);
    expect(ldChooseWeighted(bucket, [42158, 100000 - 42158])).toBe(0);
  });

  it('returns -1 for an empty rollout (LaunchDarkly: malformed flag)', () => {
    expect(ldChooseWeighted(0.5, [])).toBe(-1);
  });
});

describe('ldInSegmentWeight', () => {
  // sdk-test-harness segment-match.yml: bucket 0.14950212 for segment3.salty.user-key, "weight: 14955 = bucket + 5"
  it('includes segment3.salty.user-key (bucket 0.14950212) at weight 14955, not at 14950', () => {
    const bucket = ldBucket({ flagOrSegmentKey: 'segment3', salt: 'salty', value: 'user-key' });
    expect(integerBucket(bucket)).toBe(14950);
    expect(ldInSegmentWeight(bucket, 14955)).toBe(true);
    expect(ldInSegmentWeight(bucket, 14950)).toBe(false);
  });
});
