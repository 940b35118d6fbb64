// MurmurHash3 x86 32-bit arithmetic, written with Math.imul after the reference C++ (aappleby/smhasher
// `MurmurHash3.cpp`). Proven equal to `murmurhash3js-revisited` (kept as the oracle in murmur3-x86.test.ts) and to
// an independent reference over random inputs.
//
// Why not call the library on the hot path: measured on Node 20 (2 vCPUs), its per-call input validation (every byte
// checked with Number.isInteger) costs about as much as the hash itself, and it needs an exact-length byte array.
// More important, hashing `${seed}/${value}` through any byte API first builds the concatenation, which V8 keeps as a
// rope and must flatten (a runtime call, ~100 ns) before encoding it. Here the seed's part of the state is computed
// once (`murmur3PrefixState`) and the value's characters are read straight from the string while they are ASCII,
// so a bucketing hash allocates nothing and costs a few nanoseconds per character.

// The constants c1 = 0xcc9e2d51 and c2 = 0x1b873593 are written as int32 literals in `mixK1`, not read from module
// constants: optimized code (Node 20) loads a module constant from its context slot on every block and takes it
// through a double before `Math.imul` (~20 instructions per 4 characters, measured with callgrind), while a literal
// is folded into the multiplication.

/** The murmur state after a fixed byte prefix: everything the hash of `prefix + rest` needs from the prefix. */
export interface Murmur3PrefixState {
  /** h1 after the prefix's whole 4-byte blocks. */
  readonly h1: number;
  /** The prefix's last 0–3 bytes, little-endian, waiting for the rest to complete a block. */
  readonly tail: number;
  /** How many bytes `tail` holds (0–3). */
  readonly tailBytes: number;
  /** The prefix length in bytes. */
  readonly length: number;
}

export function mixK1(k1: number): number {
  k1 = Math.imul(k1, -862048943); // 0xcc9e2d51 | 0
  k1 = (k1 << 15) | (k1 >>> 17);
  return Math.imul(k1, 461845907); // 0x1b873593
}

function mixH1(h1: number, k1: number): number {
  h1 ^= mixK1(k1);
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

export function finish(h1: number, tail: number, tailBytes: number, length: number): number {
  if (tailBytes > 0) h1 ^= mixK1(tail);
  h1 ^= length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

/** Mixes the whole 4-byte blocks of `bytes[0 .. blocks)` into the seed: the body shared by both entry points. */
function mixBlocks(bytes: ArrayLike<number>, blocks: number, seed: number): number {
  let h1 = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    h1 = mixH1(h1, (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24));
  }
  return h1;
}

/**
 * MurmurHash3 x86 32 of `bytes` with `seed` (reduced as ToInt32, as the library does): an integer in [0, 2^32).
 *
 * @example
 * murmur3x86Bytes(new TextEncoder().encode('My hovercraft is full of eels.'), 0); // 2953494853
 */
export function murmur3x86Bytes(bytes: ArrayLike<number>, seed: number): number {
  const n = bytes.length;
  const i = n & ~3;
  const h1 = mixBlocks(bytes, i, seed);
  let tail = 0;
  const rest = n & 3;
  if (rest === 3) tail = (bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16);
  else if (rest === 2) tail = (bytes[i] as number) | ((bytes[i + 1] as number) << 8);
  else if (rest === 1) tail = bytes[i] as number;
  return finish(h1, tail, rest, n);
}

/**
 * The state after hashing the bytes of a prefix with `seed`, for {@link murmur3x86Ascii}.
 *
 * @example
 * const state = murmur3PrefixState(new TextEncoder().encode('salt-1/'), 0);
 * murmur3x86Ascii(state, 'user-42') === murmur3x86Bytes(new TextEncoder().encode('salt-1/user-42'), 0); // true
 */
export function murmur3PrefixState(bytes: ArrayLike<number>, seed: number): Murmur3PrefixState {
  const n = bytes.length;
  let i = n & ~3;
  const h1 = mixBlocks(bytes, i, seed);
  let tail = 0;
  for (let shift = 0; i < n; i++, shift += 8) tail |= (bytes[i] as number) << shift;
  return Object.freeze({ h1, tail, tailBytes: n & 3, length: n });
}

/**
 * The hash of the prefix (given by its state) followed by the UTF-8 bytes of `text`, when `text` is all ASCII
 * (every UTF-8 encoder gives the same bytes for it); -1 as soon as a character is not, so that the caller encodes
 * the input instead. Reads the characters from the string: no allocation.
 *
 * @example
 * murmur3x86Ascii(murmur3PrefixState([], 0), 'My hovercraft is full of eels.'); // 2953494853
 * murmur3x86Ascii(murmur3PrefixState([], 0), 'café'); // -1
 */
export function murmur3x86Ascii(state: Murmur3PrefixState, text: string): number {
  return murmur3x86AsciiFrom(state.h1, state.tail, state.tailBytes, state.length, text);
}

/** One 4-byte block mixed into the hash; its answer is truncated (`| 0`) where it is taken, see below. */
function mixBlock(h1: number, k1: number): number {
  k1 = Math.imul(k1, -862048943); // c1 = 0xcc9e2d51 as an int32 literal
  k1 = Math.imul((k1 << 15) | (k1 >>> 17), 461845907); // c2 = 0x1b873593
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

/**
 * The hash of a prefix, given by its state as four numbers (see {@link murmur3PrefixState}), followed by the bytes of
 * `text` when `text` is all ASCII; -1 otherwise. The body of every ASCII entry point, exported for the lean evaluator,
 * which passes a packed state's numbers itself (one call fewer).
 *
 * Every block goes through `mixBlock` and its answer is truncated (`| 0`) where it is taken: when V8 does not inline
 * a call (the caller's inlining budget spent), its answer is any number to it, and the running hash would otherwise
 * stay a tagged value through the whole block loop (a tag, an untag and a check on every 4 characters, ~7
 * instructions each, measured with callgrind). Characters are OR-ed together (a block's in two 16-bit halves) and
 * tested once at the end (a text with a character from 0x80 up answers -1 wherever it is). Kept under V8's 460 bytes
 * of bytecode, so that it can be inlined into its caller.
 *
 * @example
 * const s = murmur3PrefixState([], 0);
 * murmur3x86AsciiFrom(s.h1, s.tail, s.tailBytes, s.length, 'My hovercraft is full of eels.'); // 2953494853
 */
export function murmur3x86AsciiFrom(h1: number, tail: number, tailBytes: number, prefixLength: number, text: string): number {
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
    // Characters 0 and 2, and 1 and 3, paired in 16-bit halves: the block is `even | (odd << 8)` (for characters
    // under 0x100; any other answers -1 anyway), and `even | odd` carries each character whole for the test below
    // (two operations per block fewer than OR-ing the four characters apart).
    const even = text.charCodeAt(i) | (text.charCodeAt(i + 2) << 16);
    const odd = text.charCodeAt(i + 1) | (text.charCodeAt(i + 3) << 16);
    high |= even | odd;
    h1 = mixBlock(h1, even | (odd << 8)) | 0;
  }
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    high |= c;
    tail |= c << (tailBytes << 3);
    tailBytes++;
  }
  // A character from 0x80 up sets a bit of 0xff80 in its half.
  return (high & 0xff80ff80) !== 0 ? -1 : finish(h1, tail, tailBytes, prefixLength + n);
}

/**
 * A prefix state packed as `[h1, tail, tailBytes, length]` in an Int32Array: read with plain element loads, whatever
 * the value of `h1` (as object fields, `h1` is a small integer for some prefixes and a heap number for others, which
 * gives the objects holding them several shapes and makes every read site megamorphic).
 */
export function packPrefixState(state: Murmur3PrefixState): Int32Array {
  return Int32Array.of(state.h1, state.tail, state.tailBytes, state.length);
}

/**
 * {@link murmur3x86Ascii} with a state from {@link packPrefixState}: the same hash, or -1 when `text` is not ASCII.
 *
 * @example
 * murmur3x86AsciiPacked(packPrefixState(murmur3PrefixState([], 0)), 'My hovercraft is full of eels.'); // 2953494853
 */
export function murmur3x86AsciiPacked(state: Int32Array, text: string): number {
  return murmur3x86AsciiFrom(state[0] as number, state[1] as number, state[2] as number, state[3] as number, text);
}
