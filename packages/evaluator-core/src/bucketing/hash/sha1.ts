// SHA-1 as LaunchDarkly's server SDKs bucket with it: the first 15 hex digits (60 bits) of the digest of the UTF-8
// input, as a fraction of 0xFFFFFFFFFFFFFFF. The digest comes from `@noble/hashes` (pure JavaScript, no node:crypto).
import { sha1 } from '@noble/hashes/legacy.js';
import { encodeUtf8 } from './utf8.js';

const digest = new Uint8Array(20);
// One hasher reused for every call: `_cloneInto` (noble's `Hash` API for reusing an instance) copies the initial
// state of a never-updated instance into it before each hash. This halves the cost of `sha1.create()` per call
// (measured ~1.0 µs against ~1.6 µs for a short key on Node 20).
const pristine = sha1.create();
const worker = sha1.create();

/**
 * `0xFFFFFFFFFFFFFFF` as the Node SDK writes it: the literal 2^60 − 1 is not representable in float64 and rounds
 * to exactly 2^60, so the division below is exact scaling by a power of two. We keep the literal, not `2 ** 60`,
 * so the code reads as the vendor's does; both are the same double.
 */
// eslint-disable-next-line @typescript-eslint/no-loss-of-precision
const LONG_SCALE = 0xfffffffffffffff;

/**
 * The integer of the first 15 hex digits (60 bits) of a digest, as the nearest float64: the value of
 * `parseInt(hex.substring(0, 15), 16)` without building a hex string. Internal; exported for the tests.
 *
 * Exactness: the top 28 bits (`hi`) and the next 32 bits (`lo`) are exact integers and `hi * 2^32` is exact; the
 * one rounding happens in `+ lo`, which rounds the exact 60-bit sum to nearest, ties to even: the same correctly
 * rounded conversion `parseInt` performs for radix 16. The tests check this against `parseInt` on random digests
 * and on constructed ties.
 */
export function digestPrefix60(d: Uint8Array): number {
  // hex digits 1..7 (bytes 0..2 and the high nibble of byte 3): 28 bits
  const hi = (d[0]! << 20) | (d[1]! << 12) | (d[2]! << 4) | (d[3]! >>> 4);
  // hex digits 8..15 (the low nibble of byte 3, bytes 4..6, the high nibble of byte 7): 32 bits
  const lo = (((d[3]! & 0x0f) << 28) | (d[4]! << 20) | (d[5]! << 12) | (d[6]! << 4) | (d[7]! >>> 4)) >>> 0;
  return hi * 0x1_0000_0000 + lo;
}

/**
 * The 60-bit integer of the first 15 hex digits of `SHA-1(utf8(text))`, as the nearest float64: the Node SDK's
 * `parseInt(sha1hex.substring(0, 15), 16)`, computed from the digest bytes.
 *
 * @param text - The hash input, e.g. `flag-key.salt.user-key`. A non-string hashes as the empty string.
 * @returns An integer-valued float64 in [0, 2^60].
 * @example
 * sha1Prefix60('hashKey.saltyA.userKeyA'); // 0x6bec658111d6ad9 (rounded to float64)
 */
export function sha1Prefix60(text: string): number {
  pristine._cloneInto(worker);
  worker.update(encodeUtf8(text)).digestInto(digest);
  return digestPrefix60(digest);
}

/**
 * LaunchDarkly's bucket fraction of a hash input: `parseInt(sha1hex(text).substring(0, 15), 16) / 0xFFFFFFFFFFFFFFF`
 * in float64, exactly as `@launchdarkly/js-server-sdk-common`'s `Bucketer` computes it.
 *
 * The result lies in [0, 1]. It reaches 1 only for digests whose first 60 bits round up to 2^60 (about 1 in 2^54);
 * rollouts send such a context to the last slice, as LaunchDarkly does. Go SDKs compute in float32 and may differ
 * within ~1e-7 of a slice boundary. Never throws: a non-string `text` hashes as the empty string.
 *
 * @param text - The full hash input (`${flagKey}.${salt}.${value}` or `${seed}.${value}`).
 * @returns A float64 in [0, 1].
 * @example
 * sha1Fraction('hashKey.saltyA.userKeyA'); // 0.42157587433924…
 */
export function sha1Fraction(text: string): number {
  return sha1Prefix60(text) / LONG_SCALE;
}
