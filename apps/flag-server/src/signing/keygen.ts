import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A new Ed25519 key pair as PEM text. */
export interface GeneratedKeyPair {
  /** PKCS8 PEM: goes into `<data>/signing/<keyId>.pem` (readable by the server only). */
  privateKeyPem: string;
  /** SPKI PEM: given to the SDKs that verify datafiles. */
  publicKeyPem: string;
}

/**
 * Generates an Ed25519 key pair for datafile signing.
 *
 * @example
 * const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
 */
export function generateSigningKeyPair(): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Generates a key pair and writes the private key to `out` (mode 0600, parent folders created); refuses to replace
 * an existing file unless `force`. Returns the public key PEM.
 *
 * @throws the file-system error (`EEXIST` when the file exists and `force` is not set).
 * @example
 * const publicPem = await writeSigningKey('data/signing/2026-01.pem');
 */
export async function writeSigningKey(out: string, force = false): Promise<string> {
  const pair = generateSigningKeyPair();
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, pair.privateKeyPem, { mode: 0o600, flag: force ? 'w' : 'wx' });
  return pair.publicKeyPem;
}
