import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, datafileText, makeDataDir, removeDir, startTestServer } from '../helpers.js';
import type { AmplitudeUser, EnsignClient, Variants } from '@ensign/node-sdk';
import { createClient } from '@ensign/node-sdk';
import { forward, freePort, recordedClient, recordingLogger, startHttpServer } from './sdk-helpers.js';
import type { TestHttpServer } from './sdk-helpers.js';

const USERS: AmplitudeUser[] = [
  { user_id: 'user-42', device_id: 'd-1' },
  { user_id: 'user-beta-1' },
  { device_id: 'device-only-7', country: 'US', user_properties: { plan: 'pro' } },
  { user_id: 'user-9', user_properties: { plan: 'enterprise', email: 'x@example.com' }, groups: { org: ['Acme'] }, group_properties: { org: { Acme: { tier: 'enterprise' } } } },
];

describe('fetchV2 against the flag server', () => {
  let dir: string;
  let server: FlagServer;
  let other: TestHttpServer | null = null;
  const clients: EnsignClient[] = [];
  beforeEach(async () => {
    dir = await makeDataDir();
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await other?.close();
    other = null;
    await server.close();
    await removeDir(dir);
  });
  const track = (client: EnsignClient) => {
    clients.push(client);
    return client;
  };

  it('answers the same variants as local evaluate for the same datafile and user', async () => {
    const remote = track(createClient({ sdkKey: PROD_KEY, serverUrl: server.url, events: false, logger: recordingLogger() }));
    expect(await remote.onReady({ timeout: 5_000 })).toEqual({ success: true });
    for (const user of USERS) {
      const fetched = await remote.fetchV2(user);
      expect(Object.keys(fetched).length).toBeGreaterThan(0);
      expect(fetched).toEqual(remote.evaluate(user));
      expect(await remote.fetchV2(user, { flagKeys: ['dark-mode', 'max-cart-items'] })).toEqual(remote.evaluate(user, ['dark-mode', 'max-cart-items']));
    }
  });

  it('answers through fetchAsyncV2 with the user and the variants', async () => {
    const client = track(createClient({ sdkKey: PROD_KEY, serverUrl: server.url, events: false, logger: recordingLogger() }));
    await client.onReady({ timeout: 5_000 });
    const answer = await new Promise<{ user: AmplitudeUser; variants: Variants }>((resolve) => client.fetchAsyncV2(USERS[1] as AmplitudeUser, (user, variants) => resolve({ user, variants })));
    expect(answer.user).toBe(USERS[1]);
    expect(answer.variants['dark-mode']?.key).toBe('true');
  });

  it('redacts private attributes before the user leaves the process', async () => {
    const bodies: string[] = [];
    other = await startHttpServer((req, res, body) => {
      if (req.url === '/v1/evaluate') bodies.push(body.toString('utf8'));
      void forward(server.url, req, body).then((a) => res.writeHead(a.status, a.headers).end(a.body));
    });
    const client = track(createClient({ sdkKey: PROD_KEY, serverUrl: other.url, privateAttributes: ['country', '/user_properties/email'], events: false, logger: recordingLogger() }));
    await client.onReady({ timeout: 5_000 });
    const variants = await client.fetchV2({ user_id: 'user-9', country: 'DE', user_properties: { plan: 'pro', email: 'secret@example.com' } });
    expect(variants['dark-mode']?.key).toBe('false');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain('secret@example.com');
    expect(bodies[0]).not.toContain('DE');
    expect(bodies[0]).toContain('"plan":"pro"');
    const all = track(createClient({ sdkKey: PROD_KEY, serverUrl: other.url, allAttributesPrivate: true, events: false, logger: recordingLogger() }));
    await all.fetchV2({ user_id: 'user-9', user_properties: { plan: 'platinum' } });
    expect(bodies[1]).not.toContain('platinum');
    expect(JSON.parse(bodies[1] as string)).toMatchObject({ context: { kind: 'user', key: 'user-9' } });
  });

  it('retries 503s with backoff and answers once the server does', async () => {
    let calls = 0;
    other = await startHttpServer((req, res, body) => {
      calls++;
      if (calls <= 2) res.writeHead(503).end('{"error":{"code":"SHUTTING_DOWN","message":"x"}}');
      else void forward(server.url, req, body).then((a) => res.writeHead(a.status, a.headers).end(a.body));
    });
    const { client, exchanges } = recordedClient({ sdkKey: PROD_KEY, serverUrl: other.url, datafile: datafileText(), fetchRetries: 3, fetchRetryBackoffMinMillis: 10, fetchRetryBackoffMaxMillis: 50, events: false, logger: recordingLogger() });
    track(client);
    const variants = await client.fetchV2({ user_id: 'user-beta-1' });
    expect(variants['dark-mode']?.key).toBe('true');
    expect(exchanges.map((e) => e.status)).toEqual([503, 503, 200]);
    expect(exchanges[0]?.request.headers?.['authorization']).toBe(`Api-Key ${PROD_KEY}`);
  });

  it('times out a server that never answers, retries with the retry timeout, then resolves {} and logs one error', async () => {
    other = await startHttpServer(() => undefined);
    const logger = recordingLogger();
    const { client, exchanges } = recordedClient({
      sdkKey: PROD_KEY,
      serverUrl: other.url,
      datafile: datafileText(),
      fetchTimeoutMillis: 100,
      fetchRetries: 2,
      fetchRetryTimeoutMillis: 50,
      fetchRetryBackoffMinMillis: 10,
      events: false,
      logger,
    });
    track(client);
    expect(await client.fetchV2({ user_id: 'u' })).toEqual({});
    expect(exchanges.map((e) => [e.request.timeoutMs, e.error])).toEqual([
      [100, 'TimeoutError'],
      [50, 'TimeoutError'],
      [50, 'TimeoutError'],
    ]);
    expect(logger.errors()).toEqual(['fetchV2 failed, answering no variants: timed out after 50 ms (after 2 retries)']);
  });

  it('does not retry a 401, and resolves {} with one error when no server answers at all', async () => {
    const logger = recordingLogger();
    const { client, exchanges } = recordedClient({ sdkKey: 'sdk-unknown', serverUrl: server.url, datafile: datafileText(), events: false, logger });
    track(client);
    expect(await client.fetchV2({ user_id: 'u' })).toEqual({});
    expect(exchanges.map((e) => e.status)).toEqual([401]);
    const down = recordedClient({ sdkKey: PROD_KEY, serverUrl: `http://127.0.0.1:${await freePort()}`, datafile: datafileText(), fetchRetries: 1, fetchRetryBackoffMinMillis: 1, events: false, logger });
    track(down.client);
    expect(await down.client.fetchV2({ user_id: 'u' })).toEqual({});
    expect(logger.errors()).toEqual(['fetchV2 failed, answering no variants: HTTP 401', 'fetchV2 failed, answering no variants: ECONNREFUSED (after 1 retries)']);
  });
});
