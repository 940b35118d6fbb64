// MurmurHash3 (x86, 32-bit) of `prefix + text` for many prefixes and one text: the bucketing of every flag of a
// datafile for one context (`evaluateFlags`). In MurmurHash3 a 4-byte block is mixed on its own (`k1`) before it
// meets the running state (`h1`), so the text's blocks at a given alignment mix to the same `k1` values whatever the
// prefix: they are mixed once per text and alignment (at most four: the prefix's length modulo 4) and each flag
// only folds them into its own state. The hash is bit-identical to `murmur3x86AsciiPacked` (tests compare both).
import { finish, mixK1, murmur3x86AsciiPacked } from './murmur3-x86.js';

/**
 * Longer texts are hashed the plain way (the scratch arrays stay small). `hash` writes both numbers as literals: a
 * module constant is loaded from its context slot on every use in optimized code (see murmur3-x86.ts).
 */
const MAX_LENGTH = 256;
const BLOCKS_PER_ALIGNMENT = MAX_LENGTH >> 2;

/** One text's mixed blocks for each alignment: reused by every flag of one call, then by the next text. */
export class KeyMix {
  private text = '';
  /** Bit `s` set: alignment `s` (the text's first `s` characters complete the prefix's last block) is mixed. */
  private ready = 0;
  /** -1 unknown, 0 not ASCII, 1 ASCII. */
  private ascii = -1;
  /** The mixed blocks of alignment `s` at `s * BLOCKS_PER_ALIGNMENT` (one flat array: one load per block). */
  private readonly mixed = new Int32Array(4 * BLOCKS_PER_ALIGNMENT);
  /**
   * By alignment `s`: at `s`, the text's first `s` characters placed where they complete a prefix's last block (the
   * prefix's 4 - s bytes below them); at `4 + s`, the text's last bytes after the whole blocks, already mixed (`mixK1`
   * of 0 is 0: nothing to fold when there are none).
   */
  private readonly edges = new Int32Array(8);

  /**
   * The same number as `murmur3x86AsciiPacked(state, text)`: the hash of the prefix whose packed state is `state`,
   * followed by `text`; -1 when `text` is not ASCII.
   */
  hash(state: Int32Array, text: string): number {
    const n = text.length;
    const s = (4 - (state[2] as number)) & 3;
    if (n > 256 || n < s) return murmur3x86AsciiPacked(state, text); // 256: MAX_LENGTH, inline (see murmur3-x86.ts)
    if (text !== this.text) {
      this.text = text;
      this.ready = 0;
      this.ascii = -1;
    }
    if (this.ascii === -1) this.ascii = isAscii(text) ? 1 : 0;
    if (this.ascii === 0) return -1;
    if ((this.ready & (1 << s)) === 0) this.prepare(text, s);
    const mixed = this.mixed;
    const edges = this.edges;
    let h1 = state[0] as number;
    // The text's first `s` characters complete the prefix's last block.
    if (s !== 0) h1 = fold(h1, mixK1((state[1] as number) | (edges[s] as number)));
    // The fold written out, not called: a call to a module function, even inlined, checks the function on each block.
    for (let b = s * 64, end = b + ((n - s) >> 2); b < end; b++) {
      h1 ^= mixed[b] as number; // 64: BLOCKS_PER_ALIGNMENT
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) - 430675100) | 0;
    }
    // The last bytes are mixed already (`edges[4 + s]`): folded in here, so `finish` has no tail left to mix.
    return finish(h1 ^ (edges[4 + s] as number), 0, 0, (state[3] as number) + n);
  }

  private prepare(text: string, s: number): void {
    const n = text.length;
    const mixed = this.mixed;
    let head = 0;
    for (let i = 0, shift = (4 - s) << 3; i < s; i++, shift += 8) head |= text.charCodeAt(i) << shift;
    this.edges[s] = head;
    let i = s;
    let b = s * BLOCKS_PER_ALIGNMENT;
    for (const end = s + ((n - s) & ~3); i < end; i += 4, b++) {
      mixed[b] = mixK1(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24));
    }
    let tail = 0;
    for (let shift = 0; i < n; i++, shift += 8) tail |= text.charCodeAt(i) << shift;
    this.edges[4 + s] = mixK1(tail);
    this.ready |= 1 << s;
  }
}

function fold(h1: number, k1: number): number {
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) - 430675100) | 0; // + 0xe6546b64, as an int32 (2^32 apart: the same after `| 0`)
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}
