import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlagServer } from '../../src/index.js';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, datafileText, makeDataDir, removeDir, replaceFile, startTestServer, waitFor } from '../helpers.js';
import type { EnsignClient } from '@ensign/node-sdk';
import { BETA, darkModeOff, forward, freePort, recordedClient, recordingLogger, startHttpServer } from './sdk-helpers.js';
import type { TestHttpServer } from './sdk-helpers.js';


describe('an SDK polling the flag server', () => {
  let dir: string;
  let server: FlagServer | null = null;
  let other: TestHttpServer | null = null;
  let client: EnsignClient | null = null;
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await server?.close();
    server = null;
    await other?.close();
    other = null;
    await removeDir(dir);
  });

  it('loads the datafile, revalidates with 304s, and sees an update within the polling interval', async () => {
    server = await startTestServer(dir);
    const logger = recordingLogger();
    const made = recordedClient({ sdkKey: PROD_KEY, serverUrl: server.url, flagConfigPollingIntervalMillis: 1_000, events: false, logger });
    client = made.client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(client.getStatus()).toMatchObject({ ready: true, source: 'polling', revision: '42', consecutiveFailures: 0, lastError: null });
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(true);
    await waitFor(() => (made.exchanges.filter((e) => e.status === 304).length >= 2 ? true : undefined), 5_000);
    const first = made.exchanges[0];
    expect(first?.request.url).toBe(`${server.url}/v1/datafiles/${PROD_KEY}.json?encoding=compact`);
    expect(made.exchanges[1]?.request.headers?.['if-none-match']).toMatch(/^".+"$/);
    await replaceFile(join(dir, 'production.json'), datafileText('43', darkModeOff));
    const changedAt = Date.now();
    await waitFor(() => (client?.getStatus().revision === '43' ? true : undefined), 5_000);
    // Seen within one interval, plus room for the server's debounce and one request on a loaded machine.
    expect(Date.now() - changedAt).toBeLessThan(4_000);
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(false);
    expect(logger.errors()).toEqual([]);
    expect(logger.lines.map((l) => l.message).join('\n')).not.toContain(PROD_KEY);
  });

  it('times out readiness with a reason while the server is down, serves defaults, then recovers', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    client = recordedClient({ sdkKey: PROD_KEY, serverUrl: `http://127.0.0.1:${port}`, flagConfigPollingIntervalMillis: 1_000, events: false, logger }).client;
    const ready = await client.onReady({ timeout: 300 });
    expect(ready.success).toBe(false);
    expect(ready.reason).toMatch(/not ready after 300 ms \(last error: datafile request failed \(ECONNREFUSED\)/);
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(false);
    expect(client.variationDetail('dark-mode', BETA, 'x').reason).toEqual({ kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' });
    expect(client.evaluate({ user_id: 'user-beta-1' })).toEqual({});
    expect(client.getStatus()).toMatchObject({ ready: false, source: null, lastSuccessAt: null });
    expect(client.getStatus().consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(logger.errors()[0]).toContain('ECONNREFUSED');

    server = await startFlagServer({ port, host: '127.0.0.1', dataDir: dir, heartbeatMs: 15_000, pollIntervalMs: 50, debounceMs: 10, logger: false });
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(true);
    expect(client.getStatus()).toMatchObject({ consecutiveFailures: 0, lastError: null, source: 'polling' });
  });

  it('starts from bootstrap while the server is down, then follows the server', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    client = recordedClient({ sdkKey: PROD_KEY, serverUrl: `http://127.0.0.1:${port}`, bootstrap: datafileText('7', darkModeOff), flagConfigPollingIntervalMillis: 1_000, events: false, logger }).client;
    expect(await client.onReady({ timeout: 100 })).toEqual({ success: true });
    expect(client.getStatus()).toMatchObject({ revision: '7', source: 'polling' });
    expect(client.boolVariation('dark-mode', BETA, true)).toBe(false);
    server = await startFlagServer({ port, host: '127.0.0.1', dataDir: dir, heartbeatMs: 15_000, pollIntervalMs: 50, debounceMs: 10, logger: false });
    await waitFor(() => (client?.getStatus().revision === '42' ? true : undefined), 5_000);
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(true);
    expect(client.getStatus()).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('keeps the last good datafile when the server answers garbage or a truncated body, and says so in getStatus', async () => {
    server = await startTestServer(dir);
    const target = server.url;
    let mode: 'pass' | 'garbage' | 'truncated' = 'pass';
    other = await startHttpServer((req, res, body) => {
      void forward(target, req, body).then((answer) => {
        if (mode === 'pass' || answer.status !== 200) {
          res.writeHead(answer.status, answer.headers).end(answer.body);
          return;
        }
        const text = mode === 'garbage' ? Buffer.from('<html>502 Bad Gateway</html>') : answer.body.subarray(0, answer.body.length >> 1);
        res.writeHead(200, { 'content-type': 'application/json', etag: `"${mode}"` }).end(text);
      });
    });
    const logger = recordingLogger();
    client = recordedClient({ sdkKey: PROD_KEY, serverUrl: other.url, flagConfigPollingIntervalMillis: 1_000, events: false, logger }).client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    await replaceFile(join(dir, 'production.json'), datafileText('43', darkModeOff));
    mode = 'garbage';
    const garbage = await waitFor(() => client?.getStatus().lastError ?? undefined, 5_000);
    expect(garbage.message).toMatch(/JSON/i);
    mode = 'truncated';
    await waitFor(() => (client?.getStatus().lastError?.message !== garbage.message ? true : undefined), 5_000);
    const status = client.getStatus();
    expect(status).toMatchObject({ ready: true, revision: '42' });
    expect(status.consecutiveFailures).toBeGreaterThanOrEqual(2);
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(true);
    // One log line per bad datafile, not one per poll of the same one.
    expect(logger.errors()).toHaveLength(2);
    mode = 'pass';
    await waitFor(() => (client?.getStatus().revision === '43' ? true : undefined), 5_000);
    expect(client.getStatus()).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('keeps the last good version of a flag that an update breaks, and takes the rest of the update', async () => {
    server = await startTestServer(dir);
    client = recordedClient({ sdkKey: PROD_KEY, serverUrl: server.url, flagConfigPollingIntervalMillis: 1_000, events: false, logger: recordingLogger() }).client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    await replaceFile(
      join(dir, 'production.json'),
      datafileText('44', (d) => {
        (d.flags.find((f) => f.key === 'dark-mode') as unknown as Record<string, unknown>)['variations'] = 'broken';
        const cart = d.flags.find((f) => f.key === 'max-cart-items') as unknown as { on: boolean };
        cart.on = false;
      }),
    );
    await waitFor(() => (client?.getStatus().revision === '44' ? true : undefined), 5_000);
    expect(client.getStatus().keptLastGood.map((q) => q.key)).toEqual(['dark-mode']);
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(true);
    expect(client.variation('max-cart-items', { kind: 'user', key: 'u', plan: 'pro' }, 0)).toBe(20);
  });
});
