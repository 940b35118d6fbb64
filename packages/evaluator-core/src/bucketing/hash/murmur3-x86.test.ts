/// <reference path="../../types/murmurhash3js-revisited.d.ts" />
import fc from 'fast-check';
import murmurHash3 from 'murmurhash3js-revisited';
import { describe, expect, it } from 'vitest';
import { murmur3PrefixState, murmur3x86Ascii, murmur3x86AsciiPacked, murmur3x86Bytes, packPrefixState } from './murmur3-x86.js';

// The oracle: `murmurhash3js-revisited`, the library the design card names (and the bench's baseline uses). The
// in-house arithmetic must give its result for every input.
const oracle = (bytes: ArrayLike<number>, seed: number): number => murmurHash3.x86.hash32(bytes, seed) as number;

const bytes = fc.uint8Array({ maxLength: 64 });
const seed = fc.oneof(fc.constantFrom(0, 1, 0x7f3a21ea, 0xffffffff), fc.nat({ max: 0xffffffff }));
const ascii = fc.string({ unit: 'binary-ascii', maxLength: 40 });
const asciiBytes = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

describe('murmur3x86Bytes', () => {
  // Amplitude experiment-core test/evaluation/murmur3.test.ts
  it('hashes "My hovercraft is full of eels." to 2953494853 at seed 0', () => {
    expect(murmur3x86Bytes(asciiBytes('My hovercraft is full of eels.'), 0)).toBe(2953494853);
  });

  it('gives the result of murmurhash3js-revisited for any bytes and seed', () => {
    fc.assert(
      fc.property(bytes, seed, (b, s) => {
        expect(murmur3x86Bytes(b, s)).toBe(oracle(b, s));
      }),
      { numRuns: 200 },
    );
  });

  it('reduces seeds as the library does (ToInt32): 2^32 + 5 hashes as 5, -1 as 0xffffffff', () => {
    const b = asciiBytes('brian');
    expect(murmur3x86Bytes(b, 2 ** 32 + 5)).toBe(oracle(b, 5));
    expect(murmur3x86Bytes(b, -1)).toBe(oracle(b, 0xffffffff));
    expect(murmur3x86Bytes(b, Number.NaN)).toBe(oracle(b, 0));
  });
});

describe('murmur3x86Ascii', () => {
  it('hashes any prefix followed by ASCII text as the library hashes the joined bytes', () => {
    fc.assert(
      fc.property(bytes, ascii, seed, (prefix, text, s) => {
        const joined = [...prefix, ...asciiBytes(text)];
        expect(murmur3x86Ascii(murmur3PrefixState(prefix, s), text)).toBe(oracle(joined, s));
      }),
      { numRuns: 200 },
    );
  });

  it('completes the block a 1-, 2- or 3-byte prefix leaves open', () => {
    for (const prefix of [[0x61], [0x61, 0x62], [0x61, 0x62, 0x63]]) {
      for (const text of ['', 'x', 'xy', 'xyz', 'xyzw', 'user-42']) {
        expect(murmur3x86Ascii(murmur3PrefixState(prefix, 0), text)).toBe(oracle([...prefix, ...asciiBytes(text)], 0));
      }
    }
  });

  it('answers -1 for text with a character past ASCII, wherever it is', () => {
    const state = murmur3PrefixState(asciiBytes('salt/'), 0);
    expect(murmur3x86Ascii(state, 'é')).toBe(-1);
    expect(murmur3x86Ascii(state, 'abcé')).toBe(-1);
    expect(murmur3x86Ascii(state, 'abcdefgé')).toBe(-1);
    expect(murmur3x86Ascii(murmur3PrefixState([1], 0), 'é')).toBe(-1);
  });

  it('answers -1 for any character past ASCII at any place of a block, for every prefix alignment', () => {
    // The block loop tests characters in pairs (0 with 2, 1 with 3): each place and each high range is tried.
    for (const prefix of ['', 's', 'sa', 'sal']) {
      const state = murmur3PrefixState(asciiBytes(prefix), 0);
      for (const c of [0x80, 0xff, 0x100, 0x7ff, 0x800, 0x4e2d, 0x8000, 0xffff]) {
        for (let at = 0; at < 12; at++) {
          const text = 'abcdefghijkl'.slice(0, at) + String.fromCharCode(c) + 'mnopqrst'.slice(0, 8 - (at % 4));
          expect(murmur3x86Ascii(state, text)).toBe(-1);
        }
      }
    }
  });
});

describe('murmur3x86AsciiPacked', () => {
  it('hashes a packed prefix state followed by ASCII text as the plain hash of all the bytes, for any prefix and seed', () => {
    fc.assert(
      fc.property(bytes, ascii, seed, (prefix, text, s) => {
        const packed = packPrefixState(murmur3PrefixState(prefix, s));
        expect(murmur3x86AsciiPacked(packed, text)).toBe(oracle([...prefix, ...asciiBytes(text)], s));
        expect(murmur3x86AsciiPacked(packed, text)).toBe(murmur3x86Ascii(murmur3PrefixState(prefix, s), text));
      }),
      { numRuns: 300 },
    );
  });

  it('answers -1 for text with a character past ASCII', () => {
    const packed = packPrefixState(murmur3PrefixState(asciiBytes('flag-7/'), 0));
    expect(murmur3x86AsciiPacked(packed, 'é')).toBe(-1);
    expect(murmur3x86AsciiPacked(packed, 'abcdefgé')).toBe(-1);
  });
});
