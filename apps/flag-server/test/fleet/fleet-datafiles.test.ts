import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '@ensign/node-sdk';
import { createRedisDatafileSource } from '@ensign/redis-store';
import { PROD_KEY, datafileText, openSse, replaceFile, waitFor } from '../helpers.js';
import type { SseReader } from '../helpers.js';
import { REDIS_URL, startFleet } from './fleet-harness.js';
import type { Fleet } from './fleet-harness.js';

/** The datafile with `legacy-banner` switched on or off. */
const withBanner = (on: boolean, revision: string) =>
  datafileText(revision, (d) => {
    const flag = d.flags.find((f) => f.key === 'legacy-banner');
    if (flag) flag.on = on;
  });

describe('the fleet on Redis: shared datafiles', () => {
  let fleet: Fleet | null = null;
  const readers: SseReader[] = [];
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await fleet?.close();
    fleet = null;
  });

  it('sends the patch of a datafile changed on one instance to a stream client of another within a second', async () => {
    fleet = await startFleet(3, { nats: false, files: { 'production.json': withBanner(false, '1') } });
    const [a, b] = fleet.servers;
    const stream = await openSse(`${b?.url}/v1/stream/${PROD_KEY}`);
    readers.push(stream);
    expect((await stream.next()).event).toBe('put');
    const next = withBanner(true, '2');
    await replaceFile(join(fleet.dirs[0] as string, 'production.json'), next);
    await a?.reload();
    const patch = await stream.next(1_000);
    expect(patch.event).toBe('patch');
    expect((JSON.parse(patch.data) as { datafile: string }).datafile).toBe(next);
    // Every instance serves it, with one ETag.
    const etags = await Promise.all(fleet.servers.map(async (s) => (await fetch(`${s.url}/v1/datafiles/${PROD_KEY}.json`)).headers.get('etag')));
    expect(new Set(etags).size).toBe(1);
  });

  it('brings a datafile changed on one instance to an SDK streaming from another within a second', async () => {
    fleet = await startFleet(3, { nats: false, files: { 'production.json': withBanner(false, '1') } });
    const [a, , c] = fleet.servers;
    const client = createClient({ sdkKey: PROD_KEY, serverUrl: c?.url, streaming: true, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    try {
      expect((await client.onReady({ timeout: 5_000 })).success).toBe(true);
      expect(client.getStatus().revision).toBe('1');
      await replaceFile(join(fleet.dirs[0] as string, 'production.json'), withBanner(true, '2'));
      await a?.reload(); // instance A reads the change; the SDK is connected to instance C only
      const changed = Date.now();
      await waitFor(() => (client.getStatus().revision === '2' ? true : undefined), 1_000);
      expect(Date.now() - changed).toBeLessThan(1_000);
    } finally {
      await client.close();
    }
  });

  it('serves the fleet\'s datafile from Redis on start, not an older one in its own folder', async () => {
    fleet = await startFleet(1, { nats: false, files: { 'production.json': withBanner(true, '5') } });
    const late = await fleet.addServer({}, { 'production.json': withBanner(false, '4') });
    const served = (await (await fetch(`${late.url}/v1/datafiles/${PROD_KEY}.json`)).json()) as { revision: string };
    expect(served.revision).toBe('5');
  });

  it('starts an SDK from Redis when no flag server is reachable, and follows the changes', async () => {
    fleet = await startFleet(1, { nats: false, files: { 'production.json': withBanner(false, '7') } });
    const client = createClient({
      datafileSource: createRedisDatafileSource({ url: REDIS_URL, prefix: fleet.prefix, environment: 'production' }),
      events: false,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    try {
      expect((await client.onReady({ timeout: 5_000 })).success).toBe(true);
      expect(client.getStatus().revision).toBe('7');
      await fleet.servers[0]?.close(); // the flag server goes away; the SDK keeps what it read
      const other = await fleet.addServer(); // another instance comes up and its folder gets revision 8, which it publishes
      await replaceFile(join(fleet.dirs[1] as string, 'production.json'), withBanner(true, '8'));
      await other.reload();
      await waitFor(() => (client.getStatus().revision === '8' ? true : undefined), 3_000);
    } finally {
      await client.close();
    }
  });
});
