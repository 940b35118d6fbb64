import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyMix } from './murmur3-key-mix.js';
import { murmur3PrefixState, murmur3x86AsciiPacked, packPrefixState } from './murmur3-x86.js';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

describe('KeyMix', () => {
  it('hashes prefix + text exactly as murmur3x86AsciiPacked, for many prefixes sharing one text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 11 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x')), { minLength: 1, maxLength: 8 }),
        fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), fc.string({ minLength: 250, maxLength: 270 }), fc.string({ unit: 'grapheme', maxLength: 8 })),
        fc.integer(),
        (prefixes, text, seed) => {
          const mix = new KeyMix();
          for (const prefix of prefixes) {
            const state = packPrefixState(murmur3PrefixState(ascii(prefix), seed | 0));
            expect(mix.hash(state, text)).toBe(murmur3x86AsciiPacked(state, text));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('starts over for each new text, and goes on for the same text across alignments', () => {
    const mix = new KeyMix();
    const states = ['flag-0/', 'flag-10/', 'f/', 'abcde/'].map((p) => packPrefixState(murmur3PrefixState(ascii(p), 0)));
    for (const text of ['7f3c1a2e-1b2c-4d3e-8f40-123456789abc', 'user-1', '', 'é-not-ascii', 'user-1']) {
      for (const state of states) expect(mix.hash(state, text)).toBe(murmur3x86AsciiPacked(state, text));
    }
  });
});
