/// <reference path="../../types/murmurhash3js-revisited.d.ts" />
// MurmurHash3 x86 32-bit over UTF-8 bytes: the hash of Optimizely (seed 1), Amplitude (seed 0) and Ensign's native
// mode (seed 0). The arithmetic is `murmurhash3js-revisited`'s (it matches the C++ reference); we only choose the
// bytes. See ./utf8.ts for why there are two encoders.
import murmurHash3 from 'murmurhash3js-revisited';
import { encodeUtf8, encodeUtf8Amplitude } from './utf8.js';

const hash32 = murmurHash3.x86.hash32;

/**
 * MurmurHash3 x86 32-bit of the UTF-8 bytes of `text`, as the unsigned integer the vendors use.
 *
 * Bytes are those of `TextEncoder`: a lone surrogate is encoded as U+FFFD, as in Optimizely's `murmurhash@2.0.1`.
 * The bytes go to a reused buffer; short ASCII input (up to 16 characters) is copied without the encoder. The seed
 * is used as an unsigned 32-bit integer (other numbers are reduced as `ToInt32` does; a missing or NaN seed is 0).
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
  return hash32(encodeUtf8(text), seed) ?? 0;
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
  return hash32(encodeUtf8Amplitude(text), seed) ?? 0;
}
