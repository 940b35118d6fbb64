import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a32 } from './fnv1a.js';

/** GrowthBook's `hashFnv32a` as written in sdk-js `src/util.ts`: shift-and-add multiply, float sum, final `>>> 0`. */
function growthbookFnv32a(str: string): number {
  let hval = 0x811c9dc5;
  const l = str.length;
  for (let i = 0; i < l; i++) {
    hval ^= str.charCodeAt(i);
    hval += (hval << 1) + (hval << 4) + (hval << 7) + (hval << 8) + (hval << 24);
  }
  return hval >>> 0;
}

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));

describe('fnv1a32', () => {
  // FNV-1a 32 test vectors of Landon Curt Noll's reference suite (also in draft-eastlake-fnv): "" and "a", "foobar"
  it('hashes "" to the offset basis 0x811c9dc5 and "a" to 0xe40c292c, "foobar" to 0xbf9cf968', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it("agrees with GrowthBook's shift-and-add implementation on any UTF-16 string", () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 50 }), (text) => {
        expect(fnv1a32(text)).toBe(growthbookFnv32a(text));
      }),
      { numRuns: 200 },
    );
  });

  it('hashes code units, not UTF-8 bytes: "é" is the single unit 0xE9', () => {
    expect(fnv1a32('é')).toBe(Math.imul(0x811c9dc5 ^ 0xe9, 16777619) >>> 0);
    // the UTF-8 bytes C3 A9 would give another value
    const bytewise = Math.imul(Math.imul(0x811c9dc5 ^ 0xc3, 16777619) ^ 0xa9, 16777619) >>> 0;
    expect(fnv1a32('é')).not.toBe(bytewise);
  });

  it('hashes a non-string as the offset basis, as GrowthBook does, instead of throwing', () => {
    expect(fnv1a32(123 as unknown as string)).toBe(growthbookFnv32a(123 as unknown as string));
    expect(fnv1a32(null as unknown as string)).toBe(0x811c9dc5);
  });
});
