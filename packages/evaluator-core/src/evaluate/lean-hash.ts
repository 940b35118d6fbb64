// The lean evaluator's bucketing hash: `murmur3x86AsciiPacked` (../bucketing/hash/murmur3-x86.ts) for the one hash
// of a single-flag evaluation.
//
// Why a copy: in the shared version the block that completes the prefix's last bytes takes `mixH1`'s answer as it is;
// when V8 does not inline that call (bucket's inlining budget is spent), the answer is any number to it, and the
// running hash then stays a tagged value through the whole block loop (a tag, an untag and a check of it on every 4
// characters, about 7 instructions each, measured with callgrind). Here every block goes through `mixBlock`, whose
// answer is truncated (`| 0`), so the hash stays a 32-bit integer whether V8 inlines it (the loop's calls, hot, are)
// or not (the head's). Characters are OR-ed together and tested once at the end:
// a text with any character from 0x80 up answers -1 as the shared version does (it stops at the first one; the
// answer is the same). The shared `finish` ends it (called after the loop, it does not touch the loop's hash). Kept
// under V8's 460 bytes of bytecode for inlining into `bucket`. Proven equal to `murmur3x86AsciiPacked` in
// lean-hash.test.ts.

import { finish } from '../bucketing/hash/murmur3-x86.js';

/** One 4-byte block mixed into the hash; its answer is truncated (`| 0`) where it is taken, see the module comment. */
function mixBlock(h1: number, k1: number): number {
  k1 = Math.imul(k1, -862048943); // c1 = 0xcc9e2d51 as an int32 literal
  k1 = Math.imul((k1 << 15) | (k1 >>> 17), 461845907); // c2 = 0x1b873593
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3 x86 32 of a prefix, given by its state (`h1`, the `tailBytes` bytes of `tail` left open, its byte
 * length: see `murmur3PrefixState`), followed by the bytes of `text`, when `text` is all ASCII; -1 otherwise.
 *
 * @example
 * const s = murmur3PrefixState([], 0);
 * leanHash(s.h1, s.tail, s.tailBytes, s.length, 'My hovercraft is full of eels.'); // 2953494853
 */
export function leanHash(h1: number, tail: number, tailBytes: number, prefixLength: number, text: string): number {
  const n = text.length;
  let i = 0;
  // Every character read, OR-ed: 0x80 or more means a character that is not ASCII.
  let high = 0;
  // Complete the block the prefix left open.
  while (tailBytes !== 0 && i < n) {
    const c = text.charCodeAt(i++);
    high |= c;
    tail |= c << (tailBytes << 3);
    if (++tailBytes === 4) {
      h1 = mixBlock(h1, tail) | 0;
      tail = 0;
      tailBytes = 0;
    }
  }
  for (const blocks = i + ((n - i) & ~3); i < blocks; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    high |= c0 | c1 | c2 | c3;
    h1 = mixBlock(h1, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)) | 0;
  }
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    high |= c;
    tail |= c << (tailBytes << 3);
    tailBytes++;
  }
  return high >= 0x80 ? -1 : finish(h1, tail, tailBytes, prefixLength + n);
}
