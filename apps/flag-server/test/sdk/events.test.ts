import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlagServer } from '../../src/index.js';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer } from '../helpers.js';
import type { EnsignClient } from '@ensign/node-sdk';
import { forward, recordedClient, recordingLogger, startHttpServer } from './sdk-helpers.js';
import type { TestHttpServer } from './sdk-helpers.js';

interface Stats {
  accepted: number;
  duplicates: number;
  byKind: Record<string, number>;
}
interface Results {
  variations: { variationKey: string; exposures: number; conversions: Record<string, { users: number }> }[];
}

const USERS = 20;

/** Decides the experiment for USERS users and converts every other one. */
function runExperiment(client: EnsignClient): Map<string, number> {
  const served = new Map<string, number>();
  for (let i = 0; i < USERS; i++) {
    const user = client.createUserContext(`user-${i}`, { country: 'US', plan: 'pro' });
    const decision = user?.decide('checkout-redesign');
    const key = decision?.variationKey ?? 'none';
    served.set(key, (served.get(key) ?? 0) + 1);
    if (i % 2 === 0) user?.trackEvent('purchase');
  }
  return served;
}

describe('events sent by the SDK to the flag server', () => {
  let dir: string;
  let server: FlagServer | null = null;
  let proxy: TestHttpServer | null = null;
  let client: EnsignClient | null = null;
  beforeEach(async () => {
    dir = await makeDataDir();
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await proxy?.close();
    proxy = null;
    await server?.close();
    server = null;
    await removeDir(dir);
  });
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${(server as FlagServer).url}${path}`, { headers: { authorization: PROD_KEY } })).json()) as T;

  it('land in the store exactly once, even when an answer is lost and the batch is retried, and across a restart', async () => {
    const target = (server as FlagServer).url;
    let lost = 0;
    proxy = await startHttpServer((req, res, body) => {
      void forward(target, req, body).then((answer) => {
        // The first event batch reaches the server, but its answer never reaches the SDK: the SDK must retry it.
        if (req.url === '/v1/events/bulk' && lost === 0) {
          lost++;
          res.socket?.destroy();
          return;
        }
        res.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    const made = recordedClient({ sdkKey: PROD_KEY, serverUrl: proxy.url, flagConfigPollingIntervalMillis: 60_000, logger: recordingLogger() });
    client = made.client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    const served = runExperiment(client);
    const result = await client.close({ timeoutMs: 10_000 });
    client = null;
    expect(result).toMatchObject({ pending: 0, failed: 0, dropped: 0 });
    const posts = made.exchanges.filter((e) => e.request.url === `${proxy?.url}/v1/events/bulk`);
    expect(posts[0]?.error).not.toBeNull();
    expect(posts.at(-1)?.status).toBe(202);

    const stats = await get<Stats>('/v1/events/stats');
    expect(stats.accepted).toBe(result.delivered);
    expect(stats.duplicates).toBeGreaterThanOrEqual(1);
    expect(stats.byKind['conversion']).toBe(USERS / 2);
    const results = await get<Results>('/v1/experiments/checkout-redesign/results');
    const exposures = Object.fromEntries(results.variations.filter((v) => v.exposures > 0).map((v) => [v.variationKey, v.exposures]));
    expect(exposures).toEqual(Object.fromEntries(served));
    expect((served.get('control') ?? 0) + (served.get('treatment') ?? 0)).toBe(USERS);
    const conversions = results.variations.reduce((n, v) => n + (v.conversions['purchase']?.users ?? 0), 0);
    expect(conversions).toBe(USERS / 2);

    const port = Number(new URL(target).port);
    await server?.close();
    server = await startFlagServer({ port, host: '127.0.0.1', dataDir: dir, heartbeatMs: 15_000, logger: false });
    expect((await get<Stats>('/v1/events/stats')).accepted).toBe(stats.accepted);
  });

  it('go to <serverUrl>/v1/events/bulk by default, with the SDK key', async () => {
    const made = recordedClient({ sdkKey: PROD_KEY, serverUrl: (server as FlagServer).url, logger: recordingLogger() });
    client = made.client;
    await client.onReady({ timeout: 5_000 });
    client.track('purchase', { kind: 'user', key: 'user-1' });
    await client.flush();
    const post = made.exchanges.find((e) => e.request.method === 'POST');
    expect(post?.request.url).toBe(`${(server as FlagServer).url}/v1/events/bulk`);
    expect(post?.request.headers?.['authorization']).toBe(PROD_KEY);
    expect(post?.status).toBe(202);
  });
});
