import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gbChooseVariation, gbGetBucketRanges, gbGetEqualWeights, gbHash, gbInNamespace, gbInRange } from './growthbook.js';

describe('gbHash', () => {
  // growthbook/growthbook packages/sdk-js/test/cases.json, table "hash" (specVersion 0.8.0)
  it("hashes ['', 'a'] to 0.22 and ['b', 'a'] to 0.946 with version 1", () => {
    expect(gbHash('', 'a', 1)).toBe(0.22);
    expect(gbHash('', 'b', 1)).toBe(0.077);
    expect(gbHash('b', 'a', 1)).toBe(0.946);
  });

  it("hashes ['seed', 'a'] to 0.0505 and ['89123klj', '8952klfjas09ujkasdf'] to 0.124 with version 2", () => {
    expect(gbHash('seed', 'a', 2)).toBe(0.0505);
    expect(gbHash('seed', 'b', 2)).toBe(0.2696);
    expect(gbHash('89123klj', '8952klfjas09ujkasdf', 2)).toBe(0.124);
  });

  it('returns null for an unknown hash version', () => {
    expect(gbHash('abc', 'def', 99)).toBeNull();
    expect(gbHash('abc', 'def', 0)).toBeNull();
  });

  it('puts the value first in version 1 and the seed first in version 2', () => {
    // v1 hashes value + seed: ('b', 'a') is 'ab', the same string as ('', 'ab')
    expect(gbHash('b', 'a', 1)).toBe(gbHash('', 'ab', 1));
    // v2 hashes seed + value: ('a', 'b') is 'ab'
    expect(gbHash('a', 'b', 2)).toBe(gbHash('', 'ab', 2));
  });

  it('concatenates a number attribute with + as GrowthBook does', () => {
    expect(gbHash('seed', 123, 2)).toBe(gbHash('seed', '123', 2));
    expect(gbHash('', 123, 1)).toBe(gbHash('', '123', 1));
  });

  it('returns null instead of throwing when the value cannot be concatenated', () => {
    expect(gbHash('seed', Symbol('x'), 2)).toBeNull();
    expect(gbHash('seed', Object.create(null), 1)).toBeNull();
  });

  it('gives multiples of 1/1000 in [0, 1) for version 1 and of 1/10000 for version 2', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (seed, value) => {
        for (const [version, steps] of [
          [1, 1000],
          [2, 10000],
        ] as const) {
          const n = gbHash(seed, value, version)!;
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThan(1);
          expect(Math.abs(n * steps - Math.round(n * steps))).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('gbGetEqualWeights', () => {
  it('splits evenly, and gives [] for n <= 0', () => {
    expect(gbGetEqualWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(gbGetEqualWeights(3)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(gbGetEqualWeights(0)).toEqual([]);
    expect(gbGetEqualWeights(-1)).toEqual([]);
  });

  it('gives [] where GrowthBook would throw (NaN, fractions, 2^32)', () => {
    expect(gbGetEqualWeights(Number.NaN)).toEqual([]);
    expect(gbGetEqualWeights(1.5)).toEqual([]);
    expect(gbGetEqualWeights(2 ** 32)).toEqual([]);
  });
});

describe('gbGetBucketRanges', () => {
  it('halves each slice at 50% coverage', () => {
    expect(gbGetBucketRanges(2, 0.5)).toEqual([
      [0, 0.25],
      [0.5, 0.75],
    ]);
  });

  it('defaults coverage to 1 and clamps it to [0, 1]', () => {
    expect(gbGetBucketRanges(2)).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(gbGetBucketRanges(2, 1.5)).toEqual(gbGetBucketRanges(2, 1));
    expect(gbGetBucketRanges(2, -0.2)).toEqual([
      [0, 0],
      [0.5, 0.5],
    ]);
  });

  it('keeps weights that sum to within [0.99, 1.01], as given', () => {
    expect(gbGetBucketRanges(2, 1, [0.4, 0.5999])).toEqual([
      [0, 0.4],
      [0.4, 0.9999],
    ]);
  });

  it('falls back to equal weights for weights of the wrong length or sum', () => {
    const equal = gbGetBucketRanges(2, 1);
    expect(gbGetBucketRanges(2, 1, [0.4, 0.1])).toEqual(equal);
    expect(gbGetBucketRanges(2, 1, [0.7, 0.6])).toEqual(equal);
    expect(gbGetBucketRanges(4, 1, [0.4, 0.4, 0.2])).toEqual(gbGetBucketRanges(4, 1));
    expect(gbGetBucketRanges(2, 1, null)).toEqual(equal);
  });

  it('uses the same float operations as GrowthBook: start + coverage * weight', () => {
    const ranges = gbGetBucketRanges(3, 0.2, [0.2, 0.3, 0.5]);
    expect(ranges).toEqual([
      [0, 0 + 0.2 * 0.2],
      [0.2, 0.2 + 0.2 * 0.3],
      [0.2 + 0.3, 0.2 + 0.3 + 0.2 * 0.5],
    ]);
  });

  it('gives no ranges for no variations', () => {
    expect(gbGetBucketRanges(0, 1)).toEqual([]);
  });
});

describe('gbChooseVariation and gbInRange', () => {
  it('picks the first range holding n, half-open', () => {
    expect(gbChooseVariation(0.5, [[0, 0.5], [0.5, 1]])).toBe(1);
    expect(gbChooseVariation(0, [[0, 0.5], [0.5, 1]])).toBe(0);
    expect(gbInRange(0.25, [0, 0.25])).toBe(false);
    expect(gbInRange(0.25, [0.25, 0.5])).toBe(true);
  });

  it('returns -1 outside every range (reduced coverage)', () => {
    expect(gbChooseVariation(0.4, [[0, 0.25], [0.5, 0.75]])).toBe(-1);
    expect(gbChooseVariation(0.4, [])).toBe(-1);
  });

  it('skips an empty range', () => {
    expect(gbChooseVariation(0.5, [[0, 0.5], [0.5, 0.5], [0.5, 1]])).toBe(2);
  });
});

describe('gbInNamespace', () => {
  // cases.json "inNamespace": user 3 is in namespace2 [0, 0.4) and not in [0.4, 1)
  it('puts user "3" in namespace2 [0, 0.4) but user "1" in [0.4, 1)', () => {
    expect(gbInNamespace('3', ['namespace2', 0, 0.4])).toBe(true);
    expect(gbInNamespace('3', ['namespace2', 0.4, 1])).toBe(false);
    expect(gbInNamespace('1', ['namespace2', 0, 0.4])).toBe(false);
    expect(gbInNamespace('1', ['namespace2', 0.4, 1])).toBe(true);
  });

  it("hashes '__' + id with version 1", () => {
    const n = gbHash('__namespace1', '4', 1)!;
    expect(gbInNamespace('4', ['namespace1', n, n + 0.001])).toBe(true);
    expect(gbInNamespace('4', ['namespace1', 0, n])).toBe(false);
  });
});
