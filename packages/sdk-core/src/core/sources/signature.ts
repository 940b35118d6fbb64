import type { CryptoPort } from '@ensign/common';

/** The header a flag server puts its datafile signatures in: `<keyId>=<base64>[, <keyId>=<base64>]`. */
export const SIGNATURE_HEADER = 'x-ensign-signature';

/** Checks datafile signatures against the public keys the client was given. */
export interface DatafileVerifier {
  /** `null` when one signature of a known key verifies over the exact text; else why not. */
  check(text: string, signatures: Readonly<Record<string, string>> | undefined): string | null;
}

/**
 * Reads an `x-ensign-signature` header into `{ keyId: base64 }`. Entries without `=` are skipped; a key id's first
 * entry wins; `__proto__` is plain data.
 *
 * @example
 * parseSignatureHeader('k1=AAA=, k2=BBB='); // { k1: 'AAA=', k2: 'BBB=' }
 */
export function parseSignatureHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof header !== 'string') return out;
  for (const entry of header.split(',')) {
    const trimmed = entry.trim();
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const keyId = trimmed.slice(0, eq);
    if (!(keyId in out)) out[keyId] = trimmed.slice(eq + 1);
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
LOOKUP['-'.charCodeAt(0)] = 62;
LOOKUP['_'.charCodeAt(0)] = 63;

/**
 * Decodes base64 (standard or URL-safe, padding optional) without `Buffer` or `atob`; null for anything else.
 *
 * @example
 * decodeBase64('aGk='); // Uint8Array [104, 105]
 */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    const v = c < 128 ? (LOOKUP[c] as number) : -1;
    if (v < 0) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * Creates the verifier of the `datafilePublicKeys` option: a datafile is accepted when at least one of its
 * signatures is by a key the client knows and verifies (Ed25519 over the exact UTF-8 bytes of the text) with the
 * platform's `crypto.verifyEd25519`. Several known keys allow rotation. Without the platform function every datafile
 * is refused, since nothing could be checked.
 *
 * @example
 * const verifier = createDatafileVerifier({ '2026-01': publicPem }, platform.crypto);
 * verifier.check(text, parseSignatureHeader(response.headers['x-ensign-signature'])); // null when good
 */
export function createDatafileVerifier(publicKeys: Readonly<Record<string, string>>, crypto: CryptoPort | undefined): DatafileVerifier {
  const keys = new Map(Object.entries(publicKeys));
  return {
    check(text, signatures) {
      const verify = crypto?.verifyEd25519;
      if (!verify) return 'this platform cannot verify Ed25519 signatures';
      if (!signatures || Object.keys(signatures).length === 0) return 'the datafile is not signed';
      const known = Object.keys(signatures).filter((id) => keys.has(id));
      if (known.length === 0) return `the datafile is signed by unknown key(s) ${Object.keys(signatures).slice(0, 3).join(', ')}`;
      const bytes = encoder.encode(text);
      for (const id of known) {
        const signature = decodeBase64(signatures[id] as string);
        if (signature !== null && verify(bytes, signature, keys.get(id) as string)) return null;
      }
      return `the datafile signature does not verify (key ${known.join(', ')})`;
    },
  };
}
