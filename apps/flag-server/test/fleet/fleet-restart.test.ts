import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { startAggregator, startFlagServer } from '../../src/index.js';
import type { Aggregator, FlagServer } from '../../src/index.js';
import { batch, conversionEvent, decisionEvent, postBatch } from '../event-fixtures.js';
import { PROD_KEY, makeDataDir, removeDir, waitFor } from '../helpers.js';
import { startPrivateEngines } from './private-engines.js';

const FLAG = 'checkout-redesign';
const T = 1_800_000_000_000;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function events(prefix: string, n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    out.push(decisionEvent(`${prefix}${i}`, FLAG, i % 2 === 0 ? 'control' : 'treatment', T + i));
    out.push(conversionEvent(`${prefix}${i}`, 'purchase', T + i + 1));
  }
  return out;
}

async function accepted(url: string): Promise<number | undefined> {
  const response = await fetch(`${url}/v1/events/stats`, { headers: { authorization: PROD_KEY } });
  return response.status === 200 ? ((await response.json()) as { accepted: number }).accepted : undefined;
}

/** Sends a batch as the SDK does: again after each 503, at most `tries` times. */
async function sendUntilAccepted(url: string, body: unknown, tries = 60): Promise<number> {
  for (let i = 1; i <= tries; i++) {
    const response = await postBatch(url, PROD_KEY, body);
    if (response.status === 202) return i;
    expect(response.status).toBe(503);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the batch was never accepted');
}

describe('the fleet survives Redis and NATS restarts', () => {
  let engines: Awaited<ReturnType<typeof startPrivateEngines>>;
  let dir: string;
  const servers: FlagServer[] = [];
  let aggregator: Aggregator;

  beforeAll(async () => {
    engines = await startPrivateEngines();
    dir = await makeDataDir({ 'production.json': JSON.stringify(exampleDatafile) });
    for (let i = 0; i < 2; i++) {
      servers.push(await startFlagServer({ port: 0, host: '127.0.0.1', dataDir: dir, eventsDir: `${dir}/events-${i}`, logger: false, redis: engines.redis.url, nats: engines.nats.url }));
    }
    aggregator = await startAggregator({ nats: engines.nats.url, redis: engines.redis.url, logger: quiet });
  }, 20_000);
  afterAll(async () => {
    for (const server of servers) await server.close();
    await aggregator?.close();
    await engines?.close();
    await removeDir(dir);
  }, 20_000);

  it('answers 503 while NATS is down, accepts the retry once it is back, and loses no accepted event when Redis restarts empty', async () => {
    const [a, b] = servers as [FlagServer, FlagServer];
    const first = events('a', 10);
    expect((await postBatch(a.url, PROD_KEY, batch(first))).status).toBe(202);
    await waitFor(async () => ((await accepted(b.url)) === 20 ? true : undefined), 10_000);

    await engines.nats.stop();
    const second = batch(events('b', 10), 'second');
    expect((await postBatch(b.url, PROD_KEY, second)).status).toBe(503);
    await engines.nats.start();
    await sendUntilAccepted(b.url, second);
    await sendUntilAccepted(a.url, second); // a retry of a batch already accepted counts once
    await waitFor(async () => ((await accepted(a.url)) === 40 ? true : undefined), 15_000);

    await engines.redis.stop();
    const third = events('c', 10);
    expect((await postBatch(a.url, PROD_KEY, batch(third))).status).toBe(202); // ingest needs only NATS
    const down = await fetch(`${a.url}/v1/experiments/${FLAG}/results`, { headers: { authorization: PROD_KEY } });
    expect(down.status).toBe(503);
    await engines.redis.start(); // empty: no persistence

    // The aggregator replays the stream into the empty Redis: every accepted event, once.
    await waitFor(async () => ((await accepted(b.url).catch(() => undefined)) === 60 ? true : undefined), 15_000);
    const results = (await (await fetch(`${b.url}/v1/experiments/${FLAG}/results`, { headers: { authorization: PROD_KEY } })).json()) as { variations: { variationKey: string; exposures: number; conversions: Record<string, { users: number }> }[] };
    const byKey = new Map(results.variations.map((v) => [v.variationKey, v]));
    expect(byKey.get('control')?.exposures).toBe(15);
    expect(byKey.get('treatment')?.exposures).toBe(15);
    expect(byKey.get('treatment')?.conversions['purchase']?.users).toBe(15);
    // The instances wrote their datafile back into the empty Redis when their subscription came back.
    const redis = new Redis(engines.redis.url, { maxRetriesPerRequest: 1 });
    try {
      await waitFor(async () => ((await redis.hget('ensign:datafile:production', 'revision')) !== null ? true : undefined), 10_000);
    } finally {
      await redis.quit();
    }
  }, 60_000);
});
