import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { ExperimentResults } from '../../src/index.js';
import { batch, conversionEvent, decisionEvent, exposureEvent, postBatch } from '../event-fixtures.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer, waitFor } from '../helpers.js';
import { startFleet } from './fleet-harness.js';
import type { Fleet } from './fleet-harness.js';

const FLAG = 'checkout-redesign';
const T = 1_800_000_000_000;
const files = { 'production.json': JSON.stringify(exampleDatafile) };

/** An experiment's events: exposures (Optimizely decisions and Amplitude exposures), re-exposures, conversions. */
function scenario(): unknown[] {
  const events: unknown[] = [];
  for (let i = 0; i < 48; i++) {
    const user = `u${i}`;
    const variation = i % 3 === 0 ? 'control' : 'treatment';
    events.push(i % 6 === 5 ? exposureEvent(user, FLAG, variation, T + i * 1_000) : decisionEvent(user, FLAG, variation, T + i * 1_000));
    if (i % 10 === 0) events.push(decisionEvent(user, FLAG, variation === 'control' ? 'treatment' : 'control', T + i * 1_000 + 500));
    if (i % 4 === 0) events.push(conversionEvent(user, 'purchase', T + i * 1_000 + 10));
    else if (i % 7 === 0) events.push(conversionEvent(user, 'purchase', T + i * 1_000 - 10));
    if (i % 5 === 0) events.push(conversionEvent(user, 'add_to_cart', T + i * 1_000 + 1));
  }
  return events;
}

async function resultsOf(url: string): Promise<ExperimentResults> {
  const response = await fetch(`${url}/v1/experiments/${FLAG}/results`, { headers: { authorization: PROD_KEY } });
  expect(response.status).toBe(200);
  return (await response.json()) as ExperimentResults;
}

async function statsOf(url: string): Promise<{ accepted: number; duplicates: number; byKind: Record<string, number> }> {
  return (await (await fetch(`${url}/v1/events/stats`, { headers: { authorization: PROD_KEY } })).json()) as { accepted: number; duplicates: number; byKind: Record<string, number> };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('the fleet on NATS JetStream and Redis: events', () => {
  let fleet: Fleet;
  const events = scenario();
  const batches: unknown[][] = [];
  for (let i = 0; i < events.length; i += 12) batches.push(events.slice(i, i + 12));
  const batchIds = batches.map((_, i) => `batch-${i}`);

  beforeAll(async () => {
    fleet = await startFleet(3, { nats: true, files });
  });
  afterAll(() => fleet?.close());

  it('counts events spread over three instances exactly once, retries included, and every instance answers the same results', async () => {
    const [a, b, c] = fleet.servers as [typeof fleet.servers[0], typeof fleet.servers[0], typeof fleet.servers[0]];
    const first = await Promise.all(batches.map((events, i) => postBatch((fleet.servers[i % 3] as typeof a).url, PROD_KEY, batch(events, batchIds[i]))));
    for (const response of first) expect(response.status).toBe(202);
    expect((await first[0]?.json()) as unknown).toEqual({ accepted: batches[0]?.length, duplicates: 0 });
    // The SDK retries batch 0 on another instance (it never saw the 202) and batch 1 twice at once.
    const retries = await Promise.all([postBatch(b.url, PROD_KEY, batch(batches[0] as unknown[], batchIds[0])), postBatch(c.url, PROD_KEY, batch(batches[1] as unknown[], batchIds[1])), postBatch(a.url, PROD_KEY, batch(batches[1] as unknown[], batchIds[1]))]);
    for (const response of retries) expect(response.status).toBe(202);
    expect((await retries[0]?.json()) as unknown).toEqual({ accepted: 0, duplicates: batches[0]?.length });

    const stats = await waitFor(async () => {
      const s = await statsOf(c.url);
      return s.accepted === events.length ? s : undefined;
    }, 10_000);
    expect(stats.byKind).toEqual({ decision: 45, exposure: 8, conversion: events.length - 53 });
    expect(stats.duplicates).toBe((batches[0]?.length ?? 0) + (batches[1]?.length ?? 0) * 2);

    // The oracle: one server with the embedded NDJSON store, given each event once.
    const dir = await makeDataDir(files);
    const reference = await startTestServer(dir);
    try {
      expect((await postBatch(reference.url, PROD_KEY, batch(events))).status).toBe(202);
      const expected = await resultsOf(reference.url);
      expect(expected.variations.find((v) => v.variationKey === 'treatment')?.exposures).toBe(32);
      for (const server of fleet.servers) expect(await resultsOf(server.url)).toEqual(expected);
    } finally {
      await reference.close();
      await removeDir(dir);
    }
  });

  it('answers 503 with Retry-After while its NATS is down, and the batch sent again elsewhere counts once', async () => {
    const port = await freePort();
    const storeDir = await mkdtemp(join(tmpdir(), 'nats-private-'));
    let nats: ChildProcess | null = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    try {
      const lonely = await waitFor(async () => fleet.addServer({ nats: `nats://127.0.0.1:${port}` }).catch(() => undefined), 5_000);
      const exited = new Promise((resolve) => nats?.once('exit', resolve));
      nats.kill('SIGTERM');
      await exited;
      nats = null;
      const before = (await statsOf(fleet.servers[0]?.url as string)).accepted;
      const retried = [decisionEvent('late-1', FLAG, 'control', T + 99_000), conversionEvent('late-1', 'purchase', T + 99_100)];
      const refused = await postBatch(lonely.url, PROD_KEY, batch(retried, 'late'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      const again = await postBatch(fleet.servers[0]?.url as string, PROD_KEY, batch(retried, 'late'));
      expect(again.status).toBe(202);
      await waitFor(async () => ((await statsOf(fleet.servers[1]?.url as string)).accepted === before + 2 ? true : undefined), 10_000);
    } finally {
      nats?.kill('SIGKILL');
      await removeDir(storeDir);
    }
  });
});
