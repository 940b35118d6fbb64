// Text → bytes for the hashes, into one reused scratch buffer, so that the hot path allocates nothing once warm.
//
// Two encoders, because two vendors disagree on one thing only, lone (unpaired) UTF-16 surrogates:
// - `encodeUtf8` is the WHATWG UTF-8 encoder (`TextEncoder`), as Optimizely's `murmurhash@2.0.1` and LaunchDarkly's
//   SHA-1 input: a lone surrogate becomes U+FFFD (EF BF BD).
// - `encodeUtf8Amplitude` replays Amplitude's `stringToUtf8ByteArray` (experiment-core `evaluation/utils.ts`):
//   a lone surrogate is written as the 3-byte form of its own code unit (ED A0 80 for U+D800).
// Well-formed strings give the same bytes with both.
//
// Speed (measured on Node 20, see the package notes): `TextEncoder.encodeInto` costs a flat ~55 ns, a JavaScript loop
// ~3 ns per character; so strings of up to ASCII_LOOP_MAX characters are copied by hand and longer ones go to
// `encodeInto`.
//
// The returned array is a view of the shared scratch: it is valid until the next call of either encoder, so callers
// hash it at once and never keep it. Everything here is synchronous, so no other caller can interleave.

const encoder = new TextEncoder();

/** Up to this many UTF-16 code units, a hand-written loop beats `encodeInto`'s fixed cost. */
const ASCII_LOOP_MAX = 16;
/** Inputs longer than this (in UTF-16 code units) are encoded into a one-off array instead of growing the scratch. */
const MAX_SCRATCH_UNITS = 16_384;
/** Views of the scratch are cached by length up to this many bytes (most keys are far shorter). */
const MAX_CACHED_VIEW = 512;

// `String.prototype.isWellFormed` (ES2024, Node 20+) tells in one native call whether Amplitude's bytes can differ.
const isWellFormed: ((text: string) => boolean) | null =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : null;

let scratch = new Uint8Array(3 * 256);
// `views[n]` is `scratch.subarray(0, n)`: the murmur library reads `bytes.length`, so it needs an exact-length
// array, and caching the views saves one allocation per call.
let views: Uint8Array[] = [];

/** Makes the scratch hold the encoding of `units` UTF-16 code units; false when the input is too long to keep. */
function reserve(units: number): boolean {
  if (units > MAX_SCRATCH_UNITS) return false;
  const bytes = 3 * units; // one UTF-16 code unit never takes more than 3 UTF-8 bytes (a pair takes 4 for 2 units)
  if (scratch.length < bytes) {
    scratch = new Uint8Array(Math.max(bytes, 2 * scratch.length));
    views = [];
  }
  return true;
}

function view(length: number): Uint8Array {
  if (length > MAX_CACHED_VIEW) return scratch.subarray(0, length);
  let v = views[length];
  if (v === undefined) {
    v = scratch.subarray(0, length);
    views[length] = v;
  }
  return v;
}

/**
 * UTF-8 bytes of `text` as `TextEncoder` gives them (lone surrogates → U+FFFD). Short ASCII strings are copied by
 * hand. A non-string is encoded as the empty string. The result is only valid until the next encoder call.
 */
export function encodeUtf8(text: string): Uint8Array {
  if (typeof text !== 'string') return view(0);
  const n = text.length;
  if (!reserve(n)) return encoder.encode(text);
  if (n <= ASCII_LOOP_MAX) {
    const out = scratch;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return view(encoder.encodeInto(text, out).written);
      out[i] = c;
    }
    return view(n);
  }
  return view(encoder.encodeInto(text, scratch).written);
}

/**
 * UTF-8 bytes of `text` as Amplitude's `stringToUtf8ByteArray` gives them: pairs become 4 bytes, a lone surrogate
 * code unit becomes its own 3-byte form. A non-string is encoded as the empty string. The result is only valid until
 * the next encoder call.
 */
export function encodeUtf8Amplitude(text: string): Uint8Array {
  if (typeof text !== 'string') return view(0);
  const n = text.length;
  // A well-formed string has the same bytes in both encoders, and the native one is faster past a few characters.
  if (n > ASCII_LOOP_MAX && isWellFormed !== null && isWellFormed(text)) return encodeUtf8(text);
  const inScratch = reserve(n);
  const out = inScratch ? scratch : new Uint8Array(3 * n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = (c >> 6) | 0xc0;
      out[p++] = (c & 0x3f) | 0x80;
    } else if ((c & 0xfc00) === 0xd800 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c & 0x3ff) << 10) + (text.charCodeAt(++i) & 0x3ff);
      out[p++] = (c >> 18) | 0xf0;
      out[p++] = ((c >> 12) & 0x3f) | 0x80;
      out[p++] = ((c >> 6) & 0x3f) | 0x80;
      out[p++] = (c & 0x3f) | 0x80;
    } else {
      // Any other BMP unit, including a lone surrogate (Amplitude does not replace it).
      out[p++] = (c >> 12) | 0xe0;
      out[p++] = ((c >> 6) & 0x3f) | 0x80;
      out[p++] = (c & 0x3f) | 0x80;
    }
  }
  return inScratch ? view(p) : out.subarray(0, p);
}
