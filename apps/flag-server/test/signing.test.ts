import { createPublicKey, verify } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, writeSigningKey } from '../src/index.js';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, makeDataDir, openSse, removeDir, startTestServer } from './helpers.js';

/** `keyId=base64, keyId=base64` → a map. */
function parseSignatures(header: string | null): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const part of (header ?? '').split(',')) {
    const at = part.indexOf('=');
    if (at > 0) map.set(part.slice(0, at).trim(), Buffer.from(part.slice(at + 1).trim(), 'base64'));
  }
  return map;
}

describe('datafile signing', () => {
  let dir: string;
  let server: FlagServer | null = null;
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await removeDir(dir);
  });

  it('signs the exact bytes with Ed25519; the signature verifies with the public key keygen printed', async () => {
    const publicPem = await writeSigningKey(join(dir, 'signing', 'key-2026-01.pem'));
    server = await startTestServer(dir);
    const res = await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { headers: { 'accept-encoding': 'br' } });
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(await readFile(join(dir, 'production.json')))).toBe(true);
    const signatures = parseSignatures(res.headers.get(SIGNATURE_HEADER));
    expect([...signatures.keys()]).toEqual(['key-2026-01']);
    const publicKey = createPublicKey(publicPem);
    expect(verify(null, body, publicKey, signatures.get('key-2026-01') as Buffer)).toBe(true);
    const tampered = Buffer.from(body);
    tampered[10] = (tampered[10] as number) ^ 1;
    expect(verify(null, tampered, publicKey, signatures.get('key-2026-01') as Buffer)).toBe(false);
  });

  it('carries one signature per key during a rotation, and drops the old one when its file is removed', async () => {
    const oldPem = await writeSigningKey(join(dir, 'signing', 'old.pem'));
    const newPem = await writeSigningKey(join(dir, 'signing', 'new.pem'));
    server = await startTestServer(dir);
    const url = `${server.url}/v1/datafiles/${PROD_KEY}.json`;
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    const both = parseSignatures(res.headers.get(SIGNATURE_HEADER));
    expect([...both.keys()].sort()).toEqual(['new', 'old']);
    expect(verify(null, body, createPublicKey(oldPem), both.get('old') as Buffer)).toBe(true);
    expect(verify(null, body, createPublicKey(newPem), both.get('new') as Buffer)).toBe(true);
    expect(verify(null, body, createPublicKey(newPem), both.get('old') as Buffer)).toBe(false);

    const stream = await openSse(`${server.url}/v1/stream/${PROD_KEY}`);
    try {
      const data = JSON.parse((await stream.next()).data) as { datafile: string; signatures: Record<string, string> };
      expect(verify(null, Buffer.from(data.datafile, 'utf8'), createPublicKey(newPem), Buffer.from(data.signatures['new'] as string, 'base64'))).toBe(true);
    } finally {
      stream.close();
    }

    await rm(join(dir, 'signing', 'old.pem'));
    await server.reload();
    const after = parseSignatures((await fetch(url)).headers.get(SIGNATURE_HEADER));
    expect([...after.keys()]).toEqual(['new']);
  });

  it('refuses to overwrite an existing key file without force', async () => {
    const path = join(dir, 'signing', 'k.pem');
    await writeSigningKey(path);
    await expect(writeSigningKey(path)).rejects.toThrow(/EEXIST/);
    await expect(writeSigningKey(path, true)).resolves.toContain('BEGIN PUBLIC KEY');
  });

  it('serves unsigned datafiles and logs an error when a key file is not an Ed25519 key', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'signing'), { recursive: true });
    await writeFile(join(dir, 'signing', 'broken.pem'), '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n');
    const lines: string[] = [];
    server = await startTestServer(dir, { logger: { level: 'error', stream: { write: (line: string) => lines.push(line) } } });
    const res = await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get(SIGNATURE_HEADER)).toBeNull();
    expect(lines.some((l) => l.includes('broken'))).toBe(true);
  });
});
