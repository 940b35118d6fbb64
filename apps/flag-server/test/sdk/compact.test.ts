import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import type { ClientOptions, EnsignClient, HttpClient } from '@ensign/node-sdk';
import { createCoreClient, createNodePlatform } from '@ensign/node-sdk';
import { writeSigningKey } from '../../src/index.js';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer } from '../helpers.js';
import { recordingLogger, startHttpServer } from './sdk-helpers.js';
import type { TestHttpServer } from './sdk-helpers.js';

/** Every datafile request of a client: its URL and, for a 200, the text it received. */
interface Received {
  url: string;
  status: number;
  body: string;
  /** The `x-ensign-datafile-encoding` header: what the server says it served. */
  encoding: string | undefined;
}

/** A node-sdk client on the Node platform that keeps what its datafile requests received, and the stream URLs it opened. */
function watchedClient(options: ClientOptions): { client: EnsignClient; received: Received[]; streams: string[] } {
  const platform = createNodePlatform();
  const received: Received[] = [];
  const streams: string[] = [];
  const http: HttpClient = {
    async request(request) {
      const response = await platform.http.request(request);
      received.push({ url: request.url, status: response.status, body: response.body, encoding: response.headers['x-ensign-datafile-encoding'] });
      return response;
    },
    stream(request) {
      streams.push(request.url);
      return (platform.http.stream as NonNullable<HttpClient['stream']>)(request);
    },
  };
  return { client: createCoreClient(options, { platform: { ...platform, http } }), received, streams };
}

const USERS = Array.from({ length: 24 }, (_, i) => ({ kind: 'user', key: `user-${i}`, country: ['US', 'CA', 'DE'][i % 3], plan: ['pro', 'free', 'team'][i % 3 === 0 ? 0 : i % 2] }));

/** Every flag's detail for every user: what two clients must agree on. */
function everyDecision(client: EnsignClient, keys: readonly string[]): unknown[] {
  return USERS.flatMap((user) => keys.map((key) => client.variationDetail(key, user, null)));
}

describe('an SDK loading the compact encoding from the flag server', () => {
  let dir = '';
  let server: FlagServer | null = null;
  let other: TestHttpServer | null = null;
  const clients: EnsignClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await other?.close();
    other = null;
    await server?.close();
    server = null;
    await removeDir(dir);
  });
  const make = (options: Partial<ClientOptions>) => {
    const logger = recordingLogger();
    const made = watchedClient({ sdkKey: PROD_KEY, serverUrl: (server as FlagServer).url, events: false, logger, ...options });
    clients.push(made.client);
    return { ...made, logger };
  };

  for (const [shape, datafile, templated] of [
    ['200 flags of the benchmark shape', generateDatafile({ flags: 200 }), true],
    ['40 flags using every construct, none alike', generateDatafile({ flags: 40, seed: 7, variety: true }), false],
  ] as const) {
    it(`polls the compact encoding by default, verifies its signature, and decides as a plain client (${shape})`, async () => {
      dir = await makeDataDir({ 'production.json': `${JSON.stringify(datafile, null, 2)}\n` });
      const publicPem = await writeSigningKey(join(dir, 'signing', 'k1.pem'));
      server = await startTestServer(dir);
      const compact = make({ datafilePublicKeys: { k1: publicPem } });
      const plain = make({ datafilePublicKeys: { k1: publicPem }, datafileEncoding: 'plain' });
      expect(await compact.client.onReady({ timeout: 5_000 })).toEqual({ success: true });
      expect(await plain.client.onReady({ timeout: 5_000 })).toEqual({ success: true });
      expect(compact.received[0]?.url).toBe(`${server.url}/v1/datafiles/${PROD_KEY}.json?encoding=compact`);
      expect(compact.received[0]?.encoding).toBe('compact');
      expect(compact.received[0]?.body).not.toBe(plain.received[0]?.body);
      expect(compact.received[0]?.body.includes('"flagTemplates"')).toBe(templated);
      expect(plain.received[0]?.url).toBe(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
      expect(plain.received[0]?.encoding).toBe('plain');
      expect(plain.received[0]?.body).toBe(await readFile(join(dir, 'production.json'), 'utf8'));
      expect(compact.logger.errors()).toEqual([]);
      expect(compact.client.getStatus()).toMatchObject({ ready: true, source: 'polling', lastError: null });
      const keys = datafile.flags.map((f) => f.key);
      const decisions = everyDecision(compact.client, keys);
      expect(decisions.some((d) => (d as { reason: { kind: string } }).reason.kind === 'ERROR')).toBe(false);
      expect(decisions).toEqual(everyDecision(plain.client, keys));
    });
  }

  it('streams the compact encoding by default, verifies its signature, and decides as a plain client', async () => {
    const datafile = generateDatafile({ flags: 200 });
    dir = await makeDataDir({ 'production.json': JSON.stringify(datafile) });
    const publicPem = await writeSigningKey(join(dir, 'signing', 'k1.pem'));
    server = await startTestServer(dir);
    const compact = make({ streaming: true, datafilePublicKeys: { k1: publicPem } });
    const plain = make({ streaming: true, datafilePublicKeys: { k1: publicPem }, datafileEncoding: 'plain' });
    expect(await compact.client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(await plain.client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(compact.streams).toEqual([`${server.url}/v1/stream/${PROD_KEY}?encoding=compact`]);
    expect(plain.streams).toEqual([`${server.url}/v1/stream/${PROD_KEY}`]);
    expect(compact.client.getStatus()).toMatchObject({ ready: true, source: 'streaming', lastError: null });
    expect(compact.logger.errors()).toEqual([]);
    const keys = datafile.flags.map((f) => f.key);
    expect(everyDecision(compact.client, keys)).toEqual(everyDecision(plain.client, keys));
  });

  it('reaches ready from the plain bytes of a server that ignores the ask, and revalidates them with 304s', async () => {
    const datafile = generateDatafile({ flags: 50 });
    const text = JSON.stringify(datafile);
    const keys = datafile.flags.map((f) => f.key);
    const queries: string[] = [];
    other = await startHttpServer((req, res) => {
      queries.push(new URL(req.url ?? '/', 'http://x').search);
      if (req.headers['if-none-match'] === '"old-1"') res.writeHead(304, { etag: '"old-1"' }).end();
      else res.writeHead(200, { 'content-type': 'application/json', etag: '"old-1"' }).end(text);
    });
    const logger = recordingLogger();
    const { client, received } = watchedClient({ sdkKey: PROD_KEY, serverUrl: other.url, flagConfigPollingIntervalMillis: 1_000, events: false, logger });
    clients.push(client);
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(queries[0]).toBe('?encoding=compact');
    expect(received[0]?.body).toBe(text);
    expect(received[0]?.encoding).toBeUndefined();
    const local = createCoreClient({ datafile: text, events: false, logger: recordingLogger() }, { platform: createNodePlatform() });
    clients.push(local);
    const decisions = everyDecision(client, keys);
    expect(decisions.some((d) => (d as { reason: { kind: string } }).reason.kind === 'ERROR')).toBe(false);
    expect(decisions).toEqual(everyDecision(local, keys));
    const waitFor304 = async () => {
      for (let i = 0; i < 100 && !received.some((r) => r.status === 304); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor304();
    expect(received.some((r) => r.status === 304)).toBe(true);
    expect(logger.errors()).toEqual([]);
  });
});
