import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** One Ed25519 signing key: its id (the `.pem` file name without extension) and the private key. */
export interface SigningKey {
  readonly id: string;
  readonly privateKey: KeyObject;
}

/** Key ids are file names: letters, digits, `.`, `_`, `-`; they appear in a header, so nothing else. */
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads a signing key from PKCS8 PEM text. Returns the key, or an error message for a key that is not an Ed25519
 * private key or an id that cannot go in a header.
 *
 * @example
 * const key = readSigningKey('2026-01', readFileSync('data/signing/2026-01.pem', 'utf8'));
 */
export function readSigningKey(id: string, pem: string): { ok: true; key: SigningKey } | { ok: false; error: string } {
  if (!KEY_ID.test(id)) return { ok: false, error: `key id "${id.slice(0, 80)}" must be letters, digits, ".", "_" or "-" (at most 64)` };
  try {
    const privateKey = createPrivateKey({ key: pem, format: 'pem' });
    if (privateKey.asymmetricKeyType !== 'ed25519') return { ok: false, error: `key "${id}" is ${privateKey.asymmetricKeyType ?? 'not asymmetric'}, not ed25519` };
    return { ok: true, key: { id, privateKey } };
  } catch (error) {
    return { ok: false, error: `key "${id}" is not a readable PEM private key (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Signs the exact bytes with every key: `{ <keyId>: <base64 Ed25519 signature> }`, in the keys' order.
 *
 * @example
 * signBytes(bytes, keys); // { '2026-01': 'k3J…==' }
 */
export function signBytes(bytes: Uint8Array, keys: readonly SigningKey[]): Record<string, string> {
  const signatures: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of keys) signatures[key.id] = sign(null, bytes, key.privateKey).toString('base64');
  return signatures;
}

/**
 * The `x-ensign-signature` header value for some signatures: `<keyId>=<base64>` entries joined by `, `, or null
 * when there is none.
 *
 * @example
 * signatureHeader({ a: 'c2ln', b: 'c2lnMg==' }); // 'a=c2ln, b=c2lnMg=='
 */
export function signatureHeader(signatures: Readonly<Record<string, string>>): string | null {
  const parts = Object.keys(signatures).map((id) => `${id}=${signatures[id]}`);
  return parts.length === 0 ? null : parts.join(', ');
}

/**
 * The public key of a signing key, as SPKI PEM (what an SDK is configured with to verify datafiles).
 *
 * @example
 * publicKeyPem(key); // '-----BEGIN PUBLIC KEY-----\n…'
 */
export function publicKeyPem(key: SigningKey): string {
  return createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString();
}
