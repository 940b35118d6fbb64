// FNV-1a 32 over UTF-16 code units, as GrowthBook's `hashFnv32a` (sdk-js `src/util.ts`). Hand-written: the npm FNV
// packages hash UTF-8 bytes, and GrowthBook hashes `charCodeAt` values (so a code unit above 0xFF is XORed whole).

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193; // 16777619

/**
 * FNV-1a 32-bit of the UTF-16 code units of `text`: for each unit, `h ^= unit; h *= 16777619 (mod 2^32)`.
 *
 * This is GrowthBook's `hashFnv32a`, whose shift-and-add multiply (`h += (h<<1)+(h<<4)+(h<<7)+(h<<8)+(h<<24)`)
 * equals `Math.imul(h, 16777619)` modulo 2^32. It is not the byte-wise FNV-1a of the UTF-8 encoding: `'é'` is one
 * unit (0xE9) here, and a character outside the BMP is two surrogate units. Never throws: a non-string hashes as
 * the empty string (the offset basis, 2166136261), which is also what GrowthBook returns for a non-string.
 *
 * @param text - The string to hash.
 * @returns An integer in [0, 2^32).
 * @example
 * fnv1a32(''); // 2166136261
 * fnv1a32('a'); // 3826002220
 */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET_BASIS;
  if (typeof text !== 'string') return h;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}
