import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, createHttpDispatcher, createNodeHttpClient, nodeGzip } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { EventBatch, EventDispatcher } from '@ensign/node-sdk';
import type { FlagServer } from '../src/index.js';
import { batch, conversionEvent, decisionEvent, postBatch } from './event-fixtures.js';
import { PROD_KEY, STAGING_KEY, makeDataDir, removeDir, startTestServer } from './helpers.js';

/** Every stored line of an environment, read straight from the NDJSON files. */
async function storedIds(dir: string, environment: string): Promise<string[]> {
  const folder = join(dir, 'events', environment);
  const ids: string[] = [];
  for (const name of (await readdir(folder)).sort()) {
    for (const line of (await readFile(join(folder, name), 'utf8')).split('\n')) {
      if (line !== '') ids.push((JSON.parse(line) as { event: { id: string } }).event.id);
    }
  }
  return ids;
}

const stats = async (url: string, key = PROD_KEY) =>
  (await (await fetch(`${url}/v1/events/stats`, { headers: { authorization: `Api-Key ${key}` } })).json()) as { environment: string; accepted: number; duplicates: number; byKind: Record<string, number> };

describe('POST /v1/events/bulk', () => {
  let dir: string;
  let server: FlagServer | null;
  beforeEach(async () => {
    dir = await makeDataDir({ 'keys.json': JSON.stringify({ [PROD_KEY]: 'production', [STAGING_KEY]: 'production' }) });
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await server?.close();
    await removeDir(dir);
  });

  it('stores each event exactly once, across a retry and a server restart', async () => {
    const t = Date.now();
    const first = batch([decisionEvent('u1', 'checkout-redesign', 'control', t), decisionEvent('u2', 'checkout-redesign', 'treatment', t), conversionEvent('u1', 'purchase', t + 1)]);
    const a = await postBatch(server!.url, PROD_KEY, first);
    expect(a.status).toBe(202);
    expect(await a.json()).toEqual({ accepted: 3, duplicates: 0 });
    expect(await (await postBatch(server!.url, PROD_KEY, first)).json()).toEqual({ accepted: 0, duplicates: 3 });

    await server!.close();
    server = await startTestServer(dir);
    expect(await (await postBatch(server.url, PROD_KEY, first)).json()).toEqual({ accepted: 0, duplicates: 3 });
    const extra = conversionEvent('u2', 'purchase', t + 2);
    const second = batch([first.events[2], extra, extra]);
    expect(await (await postBatch(server.url, STAGING_KEY, second)).json()).toEqual({ accepted: 1, duplicates: 2 });

    const ids = await storedIds(dir, 'production');
    expect(ids.sort()).toEqual([...first.events.map((e) => (e as { id: string }).id), extra.id].sort());
    const s = await stats(server.url);
    expect(s).toEqual({ environment: 'production', accepted: 4, duplicates: 5, byKind: { decision: 2, conversion: 2 } });
  });

  it('accepts a gzip body, as the SDK sends batches above 4 KiB', async () => {
    const events = Array.from({ length: 200 }, (_, i) => decisionEvent(`u${i}`, 'dark-mode', 'true', Date.now()));
    const res = await postBatch(server!.url, PROD_KEY, gzipSync(JSON.stringify(batch(events))), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 200, duplicates: 0 });
    expect((await storedIds(dir, 'production')).length).toBe(200);
  });

  it('stores concurrent batches whole, each id once', async () => {
    const shared = decisionEvent('u0', 'dark-mode', 'true', Date.now());
    const batches = Array.from({ length: 20 }, (_, i) => batch([shared, decisionEvent(`u${i}`, 'dark-mode', 'false', Date.now())]));
    const results = (await Promise.all(batches.map(async (b) => (await postBatch(server!.url, PROD_KEY, b)).json()))) as { accepted: number; duplicates: number }[];
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(21);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(19);
    const ids = await storedIds(dir, 'production');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(21);
  });

  it('rotates files by size', async () => {
    await server!.close();
    server = await startTestServer(dir, { maxEventFileBytes: 2_000 });
    for (let i = 0; i < 5; i++) await postBatch(server.url, PROD_KEY, batch([decisionEvent(`u${i}`, 'f', 'on', Date.now()), decisionEvent(`v${i}`, 'f', 'on', Date.now())]));
    const files = await readdir(join(dir, 'events', 'production'));
    expect(files.length).toBeGreaterThan(1);
    expect(files.every((f) => /^events-\d{8}\.ndjson$/.test(f))).toBe(true);
    expect((await storedIds(dir, 'production')).length).toBe(10);
  });

  it.each([
    ['a wrong schema version', { ...batch([]), schemaVersion: 2 }, 'schemaVersion'],
    ['no batchId', { schemaVersion: 1, sentAt: 1, events: [] }, 'batchId'],
    ['an unknown kind', batch([{ kind: 'click', id: 'x', timestamp: 1 }]), 'events[0].kind'],
    ['an event without id', batch([{ ...conversionEvent('u', 'e', 1), id: '' }]), 'events[0].id'],
    ['a decision without flagKey', batch([{ ...decisionEvent('u', 'f', 'on', 1), flagKey: 3 }]), 'events[0].flagKey'],
  ])('refuses a batch with %s (400, nothing stored)', async (_what, body, path) => {
    const res = await postBatch(server!.url, PROD_KEY, body);
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('INVALID_BATCH');
    expect(error.message).toContain(path);
    expect((await stats(server!.url)).accepted).toBe(0);
  });

  it('answers 401 for a missing or unknown key', async () => {
    const res = await fetch(`${server!.url}/v1/events/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch([])) });
    expect(res.status).toBe(401);
    expect((await postBatch(server!.url, 'sdk-nobody-0000000', batch([]))).status).toBe(401);
    expect((await fetch(`${server!.url}/v1/events/stats`)).status).toBe(401);
  });

  it('receives what the SDK sends, exactly once even when the SDK delivers a batch twice', async () => {
    const sent: EventBatch[] = [];
    const http = createHttpDispatcher({ http: createNodeHttpClient(), gzip: nodeGzip, url: `${server!.url}/v1/events/bulk`, sdkKey: PROD_KEY, gzipThresholdBytes: 200 });
    // A dispatcher that delivers each batch twice: a retry after a lost answer.
    const twice: EventDispatcher = {
      async dispatch(b, options) {
        sent.push(b);
        await http.dispatch(b, options);
        return http.dispatch(b, options);
      },
    };
    const client = createClient({ datafile: exampleDatafile, sdkKey: PROD_KEY, eventDispatcher: twice, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    for (let i = 0; i < 20; i++) {
      const user = client.createUserContext(`user-${i}`, { country: 'US', plan: 'pro' });
      user.decide('checkout-redesign');
      if (i % 2 === 0) user.trackEvent('purchase');
    }
    await client.close();
    const ids = sent.flatMap((b) => b.events.map((e) => e.id));
    expect(ids.length).toBeGreaterThan(20);
    expect((await storedIds(dir, 'production')).sort()).toEqual([...new Set(ids)].sort());
    const s = await stats(server!.url);
    expect(s.accepted).toBe(new Set(ids).size);
    expect(s.duplicates).toBe(ids.length);
    expect(s.byKind['conversion']).toBe(10);
  });
});
