/// <reference path="../../types/murmurhash3js-revisited.d.ts" />
import fc from 'fast-check';
import murmurHash3 from 'murmurhash3js-revisited';
import { describe, expect, it } from 'vitest';
import { murmur3, murmur3Amplitude, murmur3Prefix, murmur3WithPrefix } from './murmur3.js';

/**
 * MurmurHash3_x86_32 written straight from the reference C++ (aappleby/smhasher `MurmurHash3.cpp`), independently
 * of the library: blocks read little-endian, 32-bit products through Math.imul, rotations by hand.
 */
function referenceMurmur3(bytes: ArrayLike<number>, seed: number): number {
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h1 = seed >>> 0;
  const nblocks = Math.floor(bytes.length / 4);
  for (let b = 0; b < nblocks; b++) {
    const i = b * 4;
    let k1 = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k1 = Math.imul(k1, c1);
    k1 = rotl(k1, 15);
    k1 = Math.imul(k1, c2);
    h1 ^= k1;
    h1 = rotl(h1, 13);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  }
  const tail = nblocks * 4;
  let k1 = 0;
  const rest = bytes.length & 3;
  if (rest >= 3) k1 ^= bytes[tail + 2]! << 16;
  if (rest >= 2) k1 ^= bytes[tail + 1]! << 8;
  if (rest >= 1) {
    k1 ^= bytes[tail]!;
    k1 = Math.imul(k1, c1);
    k1 = rotl(k1, 15);
    k1 = Math.imul(k1, c2);
    h1 ^= k1;
  }
  h1 ^= bytes.length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

/** Amplitude's bytes, written as a code-point encoder (a lone surrogate is its own 3-byte code point). */
function amplitudeBytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

const utf8 = new TextEncoder();
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
);
const seed = fc.oneof(fc.constantFrom(0, 1, 0x7f3a21ea), fc.nat({ max: 0xffffffff }));

describe('murmur3 (UTF-8 via TextEncoder)', () => {
  // Amplitude experiment-core test/evaluation/murmur3.test.ts
  it('hashes "My hovercraft is full of eels." to 2953494853 at seed 0', () => {
    expect(murmur3('My hovercraft is full of eels.')).toBe(2953494853);
  });

  it('hashes the emoji and CJK vectors of Amplitude at seed 0', () => {
    expect(murmur3('My 🚀 is full of 🦎.')).toBe(1818098979);
    expect(murmur3('吉 星 高 照')).toBe(3435142074);
  });

  it('hashes "brian" to 3948467465 at seed 0x7f3a21ea', () => {
    expect(murmur3('brian', 0x7f3a21ea)).toBe(3948467465);
  });

  // vendor-formats §1.4: the raw seed-1 hashes behind Optimizely's published buckets 5254 and 4299
  it('hashes Optimizely keys at seed 1', () => {
    expect(murmur3('ppid11886780721', 1)).toBe(2256854705);
    expect(murmur3('ppid21886780721', 1)).toBe(1846603100);
  });

  it('defaults to seed 0 and hashes the empty string to 0 there', () => {
    expect(murmur3('')).toBe(0);
    expect(murmur3('abc')).toBe(murmur3('abc', 0));
  });

  it('agrees with an independent reference implementation over TextEncoder bytes', () => {
    fc.assert(
      fc.property(anyText, seed, (text, s) => {
        expect(murmur3(text, s)).toBe(referenceMurmur3(utf8.encode(text), s));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same hash on the ASCII fast path (up to 16 characters) as on the generic path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 16 }), seed, (text, s) => {
        const viaFastPath = murmur3(text, s);
        // the generic path is TextEncoder's bytes; Amplitude's encoder is a third, hand-written loop
        expect(viaFastPath).toBe(referenceMurmur3(utf8.encode(text), s));
        expect(viaFastPath).toBe(murmur3Amplitude(text, s));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes a non-string as the empty string instead of throwing', () => {
    expect(murmur3(undefined as unknown as string, 1)).toBe(murmur3('', 1));
  });

  // The library the design card names stays the reference implementation of the in-house arithmetic.
  it('agrees with murmurhash3js-revisited over TextEncoder bytes', () => {
    fc.assert(
      fc.property(anyText, seed, (text, s) => {
        expect(murmur3(text, s)).toBe(murmurHash3.x86.hash32(utf8.encode(text), s));
      }),
      { numRuns: 200 },
    );
  });
});

describe('murmur3WithPrefix', () => {
  it('hashes prefix + value as murmur3 hashes the joined string', () => {
    fc.assert(
      fc.property(anyText, anyText, seed, (prefix, value, s) => {
        expect(murmur3WithPrefix(murmur3Prefix(prefix, s), value)).toBe(murmur3(prefix + value, s));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes prefix + value as murmur3Amplitude does in the amplitude flavour', () => {
    fc.assert(
      fc.property(anyText, anyText, seed, (prefix, value, s) => {
        expect(murmur3WithPrefix(murmur3Prefix(prefix, s, 'amplitude'), value)).toBe(murmur3Amplitude(prefix + value, s));
      }),
      { numRuns: 200 },
    );
  });

  it('pairs a prefix ending in a high surrogate with a value starting with a low one, as the joined string does', () => {
    expect(murmur3WithPrefix(murmur3Prefix('a\uD83D'), '\uDE80b')).toBe(murmur3('a🚀b'));
    expect(murmur3WithPrefix(murmur3Prefix('a\uD83D', 0, 'amplitude'), '\uDE80b')).toBe(murmur3Amplitude('a🚀b'));
  });

  it('hashes "salt-1/" + "user-42" as murmurhash3js-revisited hashes "salt-1/user-42"', () => {
    expect(murmur3WithPrefix(murmur3Prefix('salt-1/'), 'user-42')).toBe(murmurHash3.x86.hash32(utf8.encode('salt-1/user-42'), 0));
  });
});

describe('murmur3Amplitude (Amplitude encoder)', () => {
  it('matches murmur3 on well-formed strings', () => {
    expect(murmur3Amplitude('My 🚀 is full of 🦎.')).toBe(1818098979);
    expect(murmur3Amplitude('xdfrewd/1')).toBe(3523137818);
  });

  // vendor-formats §0: TextEncoder (Optimizely) and stringToUtf8ByteArray (Amplitude) diverge on lone surrogates only
  it('hashes "a\\uD800b" to 2770460380 where TextEncoder bytes give 3412674851', () => {
    expect(murmur3Amplitude('a\uD800b')).toBe(2770460380);
    expect(murmur3('a\uD800b')).toBe(3412674851);
  });

  it('agrees with an independent reference implementation over code-point bytes', () => {
    fc.assert(
      fc.property(anyText, seed, (text, s) => {
        expect(murmur3Amplitude(text, s)).toBe(referenceMurmur3(amplitudeBytes(text), s));
      }),
      { numRuns: 200 },
    );
  });
});
