// MurmurHash3 x86 32-bit over UTF-8 bytes: the hash of Optimizely (seed 1), Amplitude (seed 0) and Ensign's native
// mode (seed 0). The arithmetic is ./murmur3-x86.ts (proven equal to `murmurhash3js-revisited`, the reference
// implementation, in the tests); this module chooses the bytes. See ./utf8.ts for why there are two encoders.
import { murmur3PrefixState, murmur3x86Ascii, murmur3x86Bytes, type Murmur3PrefixState } from './murmur3-x86.js';
import { encodeUtf8, encodeUtf8Amplitude } from './utf8.js';

/** Which UTF-8 encoder gives the bytes of non-ASCII text: `TextEncoder`'s, or Amplitude's (lone surrogates kept). */
export type Utf8Flavour = 'standard' | 'amplitude';

/**
 * A fixed prefix of hash inputs (such as a rollout's `${seed}/`), hashed once: {@link murmur3WithPrefix} then reads
 * only the rest of each input.
 */
export interface Murmur3Prefix {
  /** The prefix text. */
  readonly text: string;
  readonly seed: number;
  readonly flavour: Utf8Flavour;
  /** The murmur state after the prefix's bytes; null when the prefix ends with a high surrogate (it could pair). */
  readonly state: Murmur3PrefixState | null;
}

const EMPTY_STATES = new Map<number, Murmur3PrefixState>();

function emptyState(seed: number): Murmur3PrefixState {
  let state = EMPTY_STATES.get(seed);
  if (state === undefined) {
    state = murmur3PrefixState([], seed);
    if (EMPTY_STATES.size < 16) EMPTY_STATES.set(seed, state);
  }
  return state;
}

/**
 * MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as the unsigned integer the vendors use.
 *
 * Bytes are those of `TextEncoder`: a lone surrogate is encoded as U+FFFD, as in Optimizely's `murmurhash@2.0.1`.
 * ASCII text is hashed straight from the string; other text is encoded into a reused buffer first. The seed is used
 * as an unsigned 32-bit integer (other numbers are reduced as `ToInt32` does; a missing or NaN seed is 0).
 * Never throws: a non-string `text` hashes as the empty string.
 *
 * @param text - The string to hash.
 * @param seed - The hash seed. Default 0 (Amplitude and Ensign); Optimizely uses 1.
 * @returns An integer in [0, 2^32).
 * @example
 * murmur3('My hovercraft is full of eels.'); // 2953494853
 * murmur3('ppid11886780721', 1); // 2256854705 (Optimizely bucket 5254)
 */
export function murmur3(text: string, seed = 0): number {
  const s = seed | 0;
  if (typeof text === 'string') {
    const h = murmur3x86Ascii(emptyState(s), text);
    if (h >= 0) return h;
  }
  return murmur3x86Bytes(encodeUtf8(text), s);
}

/**
 * MurmurHash3 x86 32-bit of `text` encoded as Amplitude's `stringToUtf8ByteArray` does: identical to
 * {@link murmur3} on well-formed strings, but a lone surrogate is encoded as the 3-byte form of its code unit
 * (`'a\uD800b'` hashes to 2770460380 here and 3412674851 with {@link murmur3}, both at seed 0).
 * Never throws: a non-string `text` hashes as the empty string.
 *
 * @param text - The string to hash.
 * @param seed - The hash seed. Default 0, as Amplitude's `hash32x86`.
 * @returns An integer in [0, 2^32).
 * @example
 * murmur3Amplitude('xdfrewd/1'); // 3523137818
 * murmur3Amplitude('吉 星 高 照'); // 3435142074
 */
export function murmur3Amplitude(text: string, seed = 0): number {
  const s = seed | 0;
  if (typeof text === 'string') {
    const h = murmur3x86Ascii(emptyState(s), text);
    if (h >= 0) return h;
  }
  return murmur3x86Bytes(encodeUtf8Amplitude(text), s);
}

/**
 * Hashes a fixed prefix once, for {@link murmur3WithPrefix}. Built at compile time (a rollout's `${seed}/`).
 *
 * @param text - The prefix.
 * @param seed - The hash seed (as for {@link murmur3}).
 * @param flavour - The encoder of non-ASCII text: `standard` as {@link murmur3}, `amplitude` as {@link murmur3Amplitude}.
 * @example
 * const prefix = murmur3Prefix('xdfrewd/', 0, 'amplitude');
 * murmur3WithPrefix(prefix, '1'); // 3523137818, as murmur3Amplitude('xdfrewd/1')
 */
export function murmur3Prefix(text: string, seed = 0, flavour: Utf8Flavour = 'standard'): Murmur3Prefix {
  const s = seed | 0;
  const last = text.length === 0 ? 0 : text.charCodeAt(text.length - 1);
  const pairs = (last & 0xfc00) === 0xd800;
  const bytes = flavour === 'amplitude' ? encodeUtf8Amplitude(text) : encodeUtf8(text);
  const state = pairs ? null : murmur3PrefixState(bytes, s);
  return Object.freeze({ text, seed: s, flavour, state });
}

/**
 * The hash of `prefix.text + value`, equal to {@link murmur3} (or {@link murmur3Amplitude} for the `amplitude`
 * flavour) of the concatenation, without building it when `value` is ASCII (the common case: keys and ids).
 *
 * @example
 * murmur3WithPrefix(murmur3Prefix('salt-1/'), 'user-42') === murmur3('salt-1/user-42'); // true
 */
export function murmur3WithPrefix(prefix: Murmur3Prefix, value: string): number {
  if (prefix.state !== null && typeof value === 'string') {
    const h = murmur3x86Ascii(prefix.state, value);
    if (h >= 0) return h;
  }
  const text = prefix.text + value;
  return prefix.flavour === 'amplitude' ? murmur3Amplitude(text, prefix.seed) : murmur3(text, prefix.seed);
}
