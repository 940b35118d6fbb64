import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8, encodeUtf8Amplitude } from './utf8.js';

const reference = new TextEncoder();

/** Generalised UTF-8 of each code point, lone surrogates included: what Amplitude's encoder does, written differently. */
function codePointBytes(text: string): number[] {
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

/** Byte-wise equality that stays cheap to report on large inputs (a failing toEqual diff of 60 000 items is slow). */
function sameBytes(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return false;
  return true;
}

/** Any UTF-16 code unit, so strings may hold lone surrogates as well as pairs. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
);

describe('encodeUtf8', () => {
  it('copies short ASCII strings byte for byte (the fast path)', () => {
    expect([...encodeUtf8('user-42')]).toEqual([117, 115, 101, 114, 45, 52, 50]);
    expect(encodeUtf8('').length).toBe(0);
  });

  it('encodes a lone surrogate as U+FFFD, as TextEncoder does', () => {
    expect([...encodeUtf8('a\uD800b')]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
  });

  it('falls back to the encoder when a short string turns out not to be ASCII', () => {
    expect([...encodeUtf8('abé')]).toEqual([0x61, 0x62, 0xc3, 0xa9]);
  });

  it('gives the bytes of TextEncoder for any string, short or long, ASCII or not', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect([...encodeUtf8(text)]).toEqual([...reference.encode(text)]);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes inputs too long for the scratch buffer correctly', () => {
    const long = 'é'.repeat(20_000) + 'x';
    expect(sameBytes(encodeUtf8(long), reference.encode(long))).toBe(true);
  });

  it('treats a non-string as the empty string instead of throwing', () => {
    expect(encodeUtf8(null as unknown as string).length).toBe(0);
    expect(encodeUtf8(42 as unknown as string).length).toBe(0);
  });
});

describe('encodeUtf8Amplitude', () => {
  it('encodes a lone high surrogate as its own three bytes (ED A0 80), not U+FFFD', () => {
    expect([...encodeUtf8Amplitude('a\uD800b')]).toEqual([0x61, 0xed, 0xa0, 0x80, 0x62]);
  });

  it('encodes a lone low surrogate and a reversed pair unit by unit', () => {
    expect([...encodeUtf8Amplitude('\uDC00\uD800')]).toEqual([0xed, 0xb0, 0x80, 0xed, 0xa0, 0x80]);
  });

  it('encodes a surrogate pair as one 4-byte character', () => {
    expect([...encodeUtf8Amplitude('🚀')]).toEqual([0xf0, 0x9f, 0x9a, 0x80]);
  });

  it('agrees with a code-point encoder on any string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect([...encodeUtf8Amplitude(text)]).toEqual(codePointBytes(text));
      }),
      { numRuns: 200 },
    );
  });

  it('takes the native path for long well-formed strings and still matches', () => {
    const text = 'a long, well-formed key with ünïcödé and 🦎 in it';
    expect([...encodeUtf8Amplitude(text)]).toEqual([...reference.encode(text)]);
    const broken = `${text}\uDFFF`;
    expect([...encodeUtf8Amplitude(broken)]).toEqual(codePointBytes(broken));
  });

  it('encodes inputs too long for the scratch buffer correctly', () => {
    const long = '\uD800'.repeat(20_000);
    expect(sameBytes(encodeUtf8Amplitude(long), codePointBytes(long))).toBe(true);
  });
});
