// MurmurHash3 (x86, 32-bit) of `prefix + text` for many prefixes and one text: the bucketing of every flag of a
// datafile for one context (`evaluateFlags`). In MurmurHash3 a 4-byte block is mixed on its own (`k1`) before it
// meets the running state (`h1`), so the text's blocks at a given alignment mix to the same `k1` values whatever the
// prefix: they are mixed once per text and alignment (at most four: the prefix's length modulo 4) and each flag
// only folds them into its own state. The hash is bit-identical to `murmur3x86AsciiPacked` (tests compare both).
import { finish, mixK1, murmur3x86AsciiPacked } from './murmur3-x86.js';

/** Longer texts are hashed the plain way (the scratch arrays stay small). */
const MAX_LENGTH = 256;

/** One text's mixed blocks for each alignment: reused by every flag of one call, then by the next text. */
export class KeyMix {
  private text = '';
  /** Bit `s` set: alignment `s` (the text's first `s` characters complete the prefix's last block) is mixed. */
  private ready = 0;
  /** -1 unknown, 0 not ASCII, 1 ASCII. */
  private ascii = -1;
  private readonly mixed: Int32Array[] = [new Int32Array(MAX_LENGTH >> 2), new Int32Array(MAX_LENGTH >> 2), new Int32Array(MAX_LENGTH >> 2), new Int32Array(MAX_LENGTH >> 2)];
  private readonly tails = new Int32Array(4);

  /**
   * The same number as `murmur3x86AsciiPacked(state, text)`: the hash of the prefix whose packed state is `state`,
   * followed by `text`; -1 when `text` is not ASCII.
   */
  hash(state: Int32Array, text: string): number {
    const n = text.length;
    const tailBytes = state[2] as number;
    const s = (4 - tailBytes) & 3;
    if (n > MAX_LENGTH || n < s) return murmur3x86AsciiPacked(state, text);
    if (text !== this.text) {
      this.text = text;
      this.ready = 0;
      this.ascii = -1;
    }
    if (this.ascii === -1) this.ascii = isAscii(text) ? 1 : 0;
    if (this.ascii === 0) return -1;
    const mixed = this.mixed[s] as Int32Array;
    if ((this.ready & (1 << s)) === 0) this.prepare(text, s, mixed);
    let h1 = state[0] as number;
    let tail = state[1] as number;
    // The text's first `s` characters complete the prefix's last block.
    if (s !== 0) {
      for (let i = 0, shift = tailBytes << 3; i < s; i++, shift += 8) tail |= text.charCodeAt(i) << shift;
      h1 = fold(h1, mixK1(tail));
      tail = 0;
    }
    const blocks = (n - s) >> 2;
    for (let b = 0; b < blocks; b++) h1 = fold(h1, mixed[b] as number);
    return finish(h1, this.tails[s] as number, (n - s) & 3, (state[3] as number) + n);
  }

  private prepare(text: string, s: number, mixed: Int32Array): void {
    const n = text.length;
    let i = s;
    let b = 0;
    for (const end = s + ((n - s) & ~3); i < end; i += 4, b++) {
      mixed[b] = mixK1(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8) | (text.charCodeAt(i + 2) << 16) | (text.charCodeAt(i + 3) << 24));
    }
    let tail = 0;
    for (let shift = 0; i < n; i++, shift += 8) tail |= text.charCodeAt(i) << shift;
    this.tails[s] = tail;
    this.ready |= 1 << s;
  }
}

function fold(h1: number, k1: number): number {
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}
