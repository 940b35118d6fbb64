import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENSIGN_BUCKET_SPACE,
  ensignBucket,
  ensignBucketOf,
  ensignChooseWeighted,
  ensignInAllocation,
  ensignSeed,
  ensignTrafficBucket,
  ensignTrafficBucketOf,
} from './ensign.js';
import { murmur3 } from './hash/murmur3.js';

const users = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
const seeds = fc.oneof(fc.string({ maxLength: 12 }), fc.integer());
const variationOf = (seed: string, user: string) => ensignChooseWeighted(ensignBucket(seed, user), [50_000, 50_000]);

describe('ensignBucket', () => {
  // murmur3_x86_32("xdfrewd/1", 0) = 3523137818 (vendor-formats §3.3); 3523137818 / 2^32 * 100000 = 82029.4…
  it('puts value "1" of seed "xdfrewd" in bucket 82029', () => {
    expect(ensignBucket('xdfrewd', '1')).toBe(82029);
  });

  it('hashes `${seed}/${value}` with MurmurHash3 seed 0 and scales to [0, 100000)', () => {
    fc.assert(
      fc.property(seeds, fc.string({ unit: 'binary', maxLength: 20 }), (seed, value) => {
        const bucket = ensignBucket(seed, value);
        expect(bucket).toBe(Math.floor((murmur3(`${seed}/${value}`) / 2 ** 32) * 100000));
        expect(Number.isInteger(bucket) && bucket >= 0 && bucket < ENSIGN_BUCKET_SPACE).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('splits 20 000 users near 50/50 between "control" and "treatment"', () => {
    const inTreatment = users.filter((u) => variationOf('checkout-redesign', u) === 1).length;
    // 20 000 fair coin flips: 5 standard deviations is ±354
    expect(Math.abs(inTreatment - 10_000)).toBeLessThan(354);
  });

  it('reshuffles contexts when the seed changes', () => {
    const moved = users.slice(0, 1000).filter((u) => ensignBucket('seed-a', u) !== ensignBucket('seed-b', u)).length;
    expect(moved).toBeGreaterThan(990);
  });
});

describe('ensignBucketOf / ensignTrafficBucketOf (precomputed seeds)', () => {
  it('puts value "1" of seed "xdfrewd" in bucket 82029, as ensignBucket', () => {
    expect(ensignBucketOf(ensignSeed('xdfrewd'), '1')).toBe(82029);
  });

  it('gives the buckets of ensignBucket and ensignTrafficBucket for any seed and value', () => {
    fc.assert(
      fc.property(seeds, fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme-ascii', maxLength: 30 })), (seed, value) => {
        const precomputed = ensignSeed(seed);
        expect(ensignBucketOf(precomputed, value)).toBe(ensignBucket(seed, value));
        expect(ensignTrafficBucketOf(precomputed, value)).toBe(ensignTrafficBucket(seed, value));
      }),
      { numRuns: 200 },
    );
  });
});

describe('ensignTrafficBucket', () => {
  it('hashes `${seed}/traffic/${value}`, a key independent of the variation bucket', () => {
    expect(ensignTrafficBucket('s', 'u')).toBe(Math.floor((murmur3('s/traffic/u') / 2 ** 32) * 100000));
    expect(ensignTrafficBucket('s', 'u')).not.toBe(ensignBucket('s', 'u'));
  });

  it('keeps the variation split even among the contexts admitted by a 20% allocation', () => {
    const admitted = users.filter((u) => ensignInAllocation(ensignTrafficBucket('flag', u), [0, 20_000]));
    // about 4 000 of 20 000; with one shared hash they would all sit in the lower variation
    expect(Math.abs(admitted.length - 4_000)).toBeLessThan(300);
    const inTreatment = admitted.filter((u) => variationOf('flag', u) === 1).length;
    expect(Math.abs(inTreatment / admitted.length - 0.5)).toBeLessThan(0.04);
  });

  // The variation never depends on the allocation (ensignBucket does not take it), so growth only adds contexts.
  it('only adds contexts when the allocation grows from 20% to 50%', () => {
    const at20 = users.filter((u) => ensignInAllocation(ensignTrafficBucket('flag', u), [0, 20_000]));
    const at50 = new Set(users.filter((u) => ensignInAllocation(ensignTrafficBucket('flag', u), [0, 50_000])));
    expect(at50.size).toBeGreaterThan(at20.length);
    for (const u of at20) expect(at50.has(u)).toBe(true);
  });
});

describe('ensignChooseWeighted', () => {
  it('uses half-open integer ranges laid end to end', () => {
    expect(ensignChooseWeighted(0, [50_000, 50_000])).toBe(0);
    expect(ensignChooseWeighted(49_999, [50_000, 50_000])).toBe(0);
    expect(ensignChooseWeighted(50_000, [50_000, 50_000])).toBe(1);
    expect(ensignChooseWeighted(99_999, [50_000, 50_000])).toBe(1);
  });

  it('sums integers exactly where float sums would drift (ten slices of 10 000)', () => {
    const tenths = new Array<number>(10).fill(10_000);
    expect(ensignChooseWeighted(29_999, tenths)).toBe(2);
    expect(ensignChooseWeighted(30_000, tenths)).toBe(3);
    expect(ensignChooseWeighted(99_999, tenths)).toBe(9);
  });

  it('returns -1 in the hole past the last slice', () => {
    expect(ensignChooseWeighted(95_000, [45_000, 45_000])).toBe(-1);
    expect(ensignChooseWeighted(0, [])).toBe(-1);
  });

  it('skips zero-weight slices and counts non-finite or negative weights as 0', () => {
    expect(ensignChooseWeighted(0, [0, 100_000])).toBe(1);
    expect(ensignChooseWeighted(10, [Number.NaN, -5, 100_000])).toBe(2);
    expect(ensignChooseWeighted(10, [Number.POSITIVE_INFINITY, 100_000])).toBe(1);
  });
});

describe('ensignInAllocation', () => {
  it('admits [start, end), and [0, 100000] admits every bucket', () => {
    expect(ensignInAllocation(19_999, [0, 20_000])).toBe(true);
    expect(ensignInAllocation(20_000, [0, 20_000])).toBe(false);
    expect(ensignInAllocation(99_999, [0, 100_000])).toBe(true);
    expect(ensignInAllocation(0, [0, 0])).toBe(false);
  });
});
