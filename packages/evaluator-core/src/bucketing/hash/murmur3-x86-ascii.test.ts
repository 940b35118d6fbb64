// The ASCII entry points (`murmur3x86AsciiFrom`, `murmur3x86AsciiPacked`) against the byte hash over the encoded
// prefix and text (itself proven equal to murmurhash3js-revisited in murmur3-x86.test.ts): equal for every prefix
// length (0 to 3 bytes left open), every text length around the block size, ASCII or not, and random inputs.
import { describe, expect, it } from 'vitest';
import { murmur3PrefixState, murmur3x86AsciiFrom, murmur3x86AsciiPacked, murmur3x86Bytes, packPrefixState } from './murmur3-x86.js';

/** murmur3x86AsciiFrom over a packed state, as the lean evaluator's `bucket` calls it. */
function asciiHash(state: Int32Array, text: string): number {
  return murmur3x86AsciiFrom(state[0] as number, state[1] as number, state[2] as number, state[3] as number, text);
}

const encoder = new TextEncoder();

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4_294_967_296;
  };
}

describe('murmur3x86AsciiFrom', () => {
  it('answers as murmur3x86AsciiPacked (and the byte hash) for every prefix and text length', () => {
    const texts: string[] = [];
    for (let n = 0; n <= 41; n++) texts.push(Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7) % 94))).join(''));
    texts.push('7f3c2a9e-1b4d-4c8e-9f21-0a6b5c3d2e1f', 'My hovercraft is full of eels.');
    for (const prefix of ['', 'a/', 'ab/', 'abc/', 'flag-042/', 'checkout-redesign/', '12345678/']) {
      for (const seed of [0, 1, -7, 0x7fffffff]) {
        const state = packPrefixState(murmur3PrefixState(encoder.encode(prefix), seed));
        for (const text of texts) {
          const h = asciiHash(state, text);
          expect(h).toBe(murmur3x86AsciiPacked(state, text));
          expect(h).toBe(murmur3x86Bytes(encoder.encode(prefix + text), seed));
        }
      }
    }
  });

  it('answers -1 for a text that is not ASCII, wherever the character is, as murmur3x86AsciiPacked does', () => {
    const state = packPrefixState(murmur3PrefixState(encoder.encode('flag-1/'), 0));
    for (const odd of ['é', '\u0080', '\u00ff', '\u0100', '\u4e2d', '\ud83d\ude00', '\uffff']) {
      for (let at = 0; at <= 9; at++) {
        const text = `${'k'.repeat(at)}${odd}${'x'.repeat(9 - at)}`;
        expect(asciiHash(state, text)).toBe(-1);
        expect(murmur3x86AsciiPacked(state, text)).toBe(-1);
      }
    }
  });

  it('answers as murmur3x86AsciiPacked on random prefixes and texts', () => {
    const next = random(42);
    const char = (ascii: boolean) => String.fromCharCode(Math.floor(next() * (ascii ? 128 : 0x3000)));
    for (let round = 0; round < 2_000; round++) {
      const prefix = encoder.encode(Array.from({ length: Math.floor(next() * 12) }, () => char(true)).join(''));
      const state = packPrefixState(murmur3PrefixState(prefix, Math.floor(next() * 2 ** 32) | 0));
      const ascii = next() < 0.8;
      const text = Array.from({ length: Math.floor(next() * 50) }, () => char(ascii || next() < 0.9)).join('');
      expect(asciiHash(state, text)).toBe(murmur3x86AsciiPacked(state, text));
    }
  });
});
