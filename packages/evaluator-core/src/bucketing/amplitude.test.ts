import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AMPLITUDE_DISTRIBUTION_SPACE,
  amplitudeAllocationValue,
  amplitudeBucket,
  amplitudeCoerceString,
  amplitudeDistributionValue,
  amplitudeHash,
  amplitudeHashOf,
  amplitudeSalt,
} from './amplitude.js';
import type { AmplitudeBucketSpec } from './amplitude.js';
import { murmur3, murmur3Amplitude } from './hash/murmur3.js';

// vendor-formats §3.3 (computed with Amplitude's own hash32x86): "xdfrewd/1" → 3523137818 → allocation 18,
// distribution 35231378; "Rpr5h4vy/device_id" → 93477911 → allocation 11, distribution 934779.
const XDFREWD_1 = 3523137818;

function spec(allocations: AmplitudeBucketSpec['allocations']): AmplitudeBucketSpec {
  return { salt: 'xdfrewd', allocations };
}

describe('amplitudeHashOf (precomputed salt)', () => {
  it('hashes value "1" of salt "xdfrewd" to 3523137818, as amplitudeHash', () => {
    expect(amplitudeHashOf(amplitudeSalt('xdfrewd'), '1')).toBe(XDFREWD_1);
  });

  it("gives amplitudeHash's result for any salt and value, lone surrogates included", () => {
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((u) => String.fromCharCode(u)), maxLength: 6 }));
    fc.assert(
      fc.property(text, text, (salt, value) => {
        expect(amplitudeHashOf(amplitudeSalt(salt), value)).toBe(amplitudeHash(salt, value));
      }),
      { numRuns: 200 },
    );
  });
});

describe('amplitudeHash', () => {
  it('hashes "xdfrewd/1" to 3523137818 (allocation 18, distribution 35231378)', () => {
    const h = amplitudeHash('xdfrewd', '1');
    expect(h).toBe(XDFREWD_1);
    expect(amplitudeAllocationValue(h)).toBe(18);
    expect(amplitudeDistributionValue(h)).toBe(35231378);
  });

  it('hashes "Rpr5h4vy/device_id" to 93477911 (allocation 11, distribution 934779)', () => {
    const h = amplitudeHash('Rpr5h4vy', 'device_id');
    expect(h).toBe(93477911);
    expect(amplitudeAllocationValue(h)).toBe(11);
    expect(amplitudeDistributionValue(h)).toBe(934779);
  });

  it("encodes a lone surrogate with Amplitude's encoder, not as U+FFFD", () => {
    expect(amplitudeHash('s', 'a\uD800b')).toBe(murmur3Amplitude('s/a\uD800b'));
    expect(amplitudeHash('s', 'a\uD800b')).not.toBe(murmur3('s/a\uD800b'));
  });

  it('keeps the largest distribution value below the documented 100% range end', () => {
    expect(amplitudeDistributionValue(0xffffffff)).toBe(42949672);
    expect(AMPLITUDE_DISTRIBUTION_SPACE).toBe(42949673);
  });
});

describe('amplitudeBucket', () => {
  const everyone = [{ variant: 'on', range: [0, AMPLITUDE_DISTRIBUTION_SPACE] as const }];

  it('serves the variant whose distribution range holds the value', () => {
    const split = spec([
      {
        range: [0, 100],
        distributions: [
          { variant: 'control', range: [0, 21474837] },
          { variant: 'treatment', range: [21474837, 42949673] },
        ],
      },
    ]);
    expect(amplitudeBucket(split, '1')).toBe('treatment');
  });

  it('treats allocation ranges as half-open: 18 is outside [0, 18) and inside [18, 19)', () => {
    expect(amplitudeBucket(spec([{ range: [0, 18], distributions: everyone }]), '1')).toBeUndefined();
    expect(amplitudeBucket(spec([{ range: [18, 19], distributions: everyone }]), '1')).toBe('on');
  });

  it('treats distribution ranges as half-open at 35231378', () => {
    const cut = (at: number) =>
      spec([
        {
          range: [0, 100],
          distributions: [
            { variant: 'low', range: [0, at] },
            { variant: 'high', range: [at, AMPLITUDE_DISTRIBUTION_SPACE] },
          ],
        },
      ]);
    expect(amplitudeBucket(cut(35231378), '1')).toBe('high');
    expect(amplitudeBucket(cut(35231379), '1')).toBe('low');
  });

  it('walks on to a later allocation when a matching one has no matching distribution', () => {
    const walk = spec([
      { range: [0, 100], distributions: [{ variant: 'never', range: [0, 1] }] },
      { range: [10, 20], distributions: everyone },
    ]);
    expect(amplitudeBucket(walk, '1')).toBe('on');
  });

  it('does not bucket a missing or empty value', () => {
    const all = spec([{ range: [0, 100], distributions: everyone }]);
    expect(amplitudeBucket(all, undefined)).toBeUndefined();
    expect(amplitudeBucket(all, null)).toBeUndefined();
    expect(amplitudeBucket(all, '')).toBeUndefined();
    expect(amplitudeBucket(all, 'anyone')).toBe('on');
  });

  it('buckets a number as its string form', () => {
    const all = spec([{ range: [18, 19], distributions: everyone }]);
    expect(amplitudeBucket(all, 1)).toBe('on');
  });

  it('returns undefined instead of throwing on malformed specs', () => {
    expect(amplitudeBucket(null as unknown as AmplitudeBucketSpec, '1')).toBeUndefined();
    expect(amplitudeBucket({ salt: 'x', allocations: null } as unknown as AmplitudeBucketSpec, '1')).toBeUndefined();
    const broken = { salt: 'xdfrewd', allocations: [null, { range: [0, 100], distributions: [null] }] };
    expect(amplitudeBucket(broken as unknown as AmplitudeBucketSpec, '1')).toBeUndefined();
  });
});

describe('amplitudeCoerceString', () => {
  it('stringifies objects and arrays as JSON and everything else with String', () => {
    expect(amplitudeCoerceString({ a: 1 })).toBe('{"a":1}');
    expect(amplitudeCoerceString(['a', 1])).toBe('["a",1]');
    expect(amplitudeCoerceString(true)).toBe('true');
    expect(amplitudeCoerceString(12.5)).toBe('12.5');
    expect(amplitudeCoerceString('x')).toBe('x');
  });

  it('returns undefined for null and undefined', () => {
    expect(amplitudeCoerceString(null)).toBeUndefined();
    expect(amplitudeCoerceString(undefined)).toBeUndefined();
  });

  it('returns undefined where the SDK would throw (a cyclic object, a BigInt inside an object)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(amplitudeCoerceString(cyclic)).toBeUndefined();
    expect(amplitudeCoerceString({ n: 1n })).toBeUndefined();
    expect(amplitudeCoerceString(1n)).toBe('1');
  });
});
