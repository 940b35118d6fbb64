import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestPrefix60, sha1Fraction, sha1Prefix60 } from './sha1.js';

/** What the LaunchDarkly Node SDK does: hex digest, first 15 characters, parseInt. */
function viaHex(text: string): number {
  return parseInt(bytesToHex(sha1(new TextEncoder().encode(text))).substring(0, 15), 16);
}

/** 8 digest bytes whose first 15 hex digits are `hex15` (the 16th digit is `last`). */
function bytesOf(hex15: string, last = '0'): Uint8Array {
  const hex = hex15 + last;
  return Uint8Array.from({ length: 8 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

describe('sha1Prefix60', () => {
  // FIPS 180-2 appendix A.1: SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
  it('reads the first 15 hex digits of SHA-1("abc") = a9993e364706816…', () => {
    expect(sha1Prefix60('abc')).toBe(parseInt('a9993e364706816', 16));
  });

  // vendor-formats §2.4: sha1[0:15] of LaunchDarkly's hash inputs
  it('reads 6bec658111d6ad9 for "hashKey.saltyA.userKeyA"', () => {
    expect(sha1Prefix60('hashKey.saltyA.userKeyA')).toBe(parseInt('6bec658111d6ad9', 16));
  });

  it('equals parseInt of the hex digest prefix for any input (the Node SDK path)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(sha1Prefix60(text)).toBe(viaHex(text));
      }),
      { numRuns: 100 },
    );
  });
});

describe('digestPrefix60', () => {
  it('equals parseInt(hex15, 16) for any 8 leading digest bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        expect(digestPrefix60(bytes)).toBe(parseInt(bytesToHex(bytes).substring(0, 15), 16));
      }),
      { numRuns: 200 },
    );
  });

  // A 60-bit value keeps 53 significant bits in float64: its low 7 bits are rounded away. 0x40 in them is a tie.
  it('rounds ties to even exactly as parseInt does', () => {
    for (const hex of ['800000000000040', '8000000000000c0', '8000000000000bf', '800000000000041', '000000000000040']) {
      expect(digestPrefix60(bytesOf(hex)), hex).toBe(parseInt(hex, 16));
    }
    expect(digestPrefix60(bytesOf('800000000000040'))).toBe(2 ** 59); // tie, even neighbour below
    expect(digestPrefix60(bytesOf('8000000000000c0'))).toBe(2 ** 59 + 256); // tie, even neighbour above
  });

  it('ignores the 16th hex digit', () => {
    expect(digestPrefix60(bytesOf('123456789abcdef', 'f'))).toBe(digestPrefix60(bytesOf('123456789abcdef', '0')));
  });

  it('rounds the all-ones prefix up to 2^60', () => {
    expect(digestPrefix60(bytesOf('fffffffffffffff'))).toBe(2 ** 60);
  });
});

describe('sha1Fraction', () => {
  it('divides by 0xFFFFFFFFFFFFFFF, which is 2^60 as a double', () => {
    // eslint-disable-next-line @typescript-eslint/no-loss-of-precision
    expect(0xfffffffffffffff).toBe(2 ** 60);
    expect(sha1Fraction('abc')).toBe(parseInt('a9993e364706816', 16) / 2 ** 60);
  });

  it('lies in [0, 1] and equals the Node SDK expression for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const f = sha1Fraction(text);
        // eslint-disable-next-line @typescript-eslint/no-loss-of-precision
        expect(f).toBe(viaHex(text) / 0xfffffffffffffff);
        expect(f >= 0 && f <= 1).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('hashes a non-string as the empty string instead of throwing', () => {
    expect(sha1Fraction(null as unknown as string)).toBe(sha1Fraction(''));
  });
});
