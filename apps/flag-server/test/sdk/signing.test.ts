import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, writeSigningKey } from '../../src/index.js';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer } from '../helpers.js';
import type { EnsignClient } from '@ensign/node-sdk';
import { recordedClient, recordingLogger } from './sdk-helpers.js';

describe('an SDK given datafile public keys', () => {
  let dir: string;
  let server: FlagServer | null = null;
  const clients: EnsignClient[] = [];
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await server?.close();
    server = null;
    await removeDir(dir);
  });
  const make = (streaming: boolean, keys: Record<string, string>) => {
    const logger = recordingLogger();
    const { client } = recordedClient({ sdkKey: PROD_KEY, serverUrl: (server as FlagServer).url, streaming, datafilePublicKeys: keys, events: false, logger });
    clients.push(client);
    return { client, logger };
  };

  it('accepts a datafile signed by a known key, by polling and by streaming', async () => {
    const publicPem = await writeSigningKey(join(dir, 'signing', 'k-2026-01.pem'));
    server = await startTestServer(dir);
    for (const streaming of [false, true]) {
      const { client, logger } = make(streaming, { 'k-2026-01': publicPem });
      expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
      expect(logger.errors()).toEqual([]);
    }
  });

  it('accepts during a rotation: the server signs with two keys, the SDK knows only the new one', async () => {
    await writeSigningKey(join(dir, 'signing', 'old.pem'));
    const next = await writeSigningKey(join(dir, 'signing', 'new.pem'));
    server = await startTestServer(dir);
    const { client } = make(false, { new: next });
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
  });

  it('refuses a wrongly signed datafile, by polling and by streaming: not ready, defaults served, the reason given', async () => {
    await writeSigningKey(join(dir, 'signing', 'k1.pem'));
    server = await startTestServer(dir);
    const impostor = generateSigningKeyPair().publicKeyPem;
    for (const streaming of [false, true]) {
      const { client, logger } = make(streaming, { k1: impostor });
      const ready = await client.onReady({ timeout: 500 });
      expect(ready.success).toBe(false);
      expect(ready.reason).toContain('the datafile signature does not verify (key k1)');
      expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(false);
      expect(logger.errors()[0]).toContain('datafile refused');
    }
  });

  it('refuses an unsigned datafile', async () => {
    server = await startTestServer(dir);
    const { client } = make(false, { k1: generateSigningKeyPair().publicKeyPem });
    const ready = await client.onReady({ timeout: 500 });
    expect(ready).toMatchObject({ success: false });
    expect(ready.reason).toContain('the datafile is not signed');
  });
});
