import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { batch, decisionEvent, postBatch } from '../event-fixtures.js';
import { PROD_KEY, waitFor } from '../helpers.js';
import { NATS_URL, REDIS_URL, startFleet } from './fleet-harness.js';
import type { Fleet } from './fleet-harness.js';

const appDir = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `ensign-flag-server` as its own process (from the sources) and resolves with its URL. */
function spawnInstance(fleet: Fleet): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@ensign/source', 'src/cli.ts', '--data', fleet.dirs[0] as string, '--events-dir', `${fleet.dirs[0]}/events-child`, '--redis', REDIS_URL, '--redis-prefix', fleet.prefix, '--nats', NATS_URL, '--nats-stream', fleet.stream],
    { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the instance did not start: ${out.slice(-500)}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', () => reject(new Error(`the instance exited: ${out.slice(-500)}`)));
  });
}

describe('an instance killed mid-batch', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet(1, { nats: true, files: { 'production.json': JSON.stringify(exampleDatafile) } });
  });
  afterAll(() => fleet?.close());

  it('loses nothing and counts nothing twice: the SDK sends the batch again to another instance', async () => {
    const { child, url } = await spawnInstance(fleet);
    const events = Array.from({ length: 5_000 }, (_, i) => decisionEvent(`k${i}`, 'checkout-redesign', i % 2 === 0 ? 'control' : 'treatment', 1_800_000_000_000 + i));
    const body = batch(events, 'killed');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const inFlight = postBatch(url, PROD_KEY, body).then((r) => r.status, () => 'connection lost');
    // Kill it once JetStream holds part of the batch (or when the answer came first).
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    let settled = false;
    void inFlight.then(() => (settled = true));
    for (let i = 0; i < 2_000 && !settled; i++) {
      if ((await jsm.streams.info(fleet.stream)).state.messages > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGKILL');
    await nc.close();
    const outcome = await inFlight;
    await exited;
    expect([202, 'connection lost']).toContain(outcome);
    const survivor = fleet.servers[0]?.url as string;
    const retry = await postBatch(survivor, PROD_KEY, body);
    expect(retry.status).toBe(202);
    const { accepted, duplicates } = (await retry.json()) as { accepted: number; duplicates: number };
    expect(accepted + duplicates).toBe(5_000);
    const stats = await waitFor(async () => {
      const s = (await (await fetch(`${survivor}/v1/events/stats`, { headers: { authorization: PROD_KEY } })).json()) as { accepted: number };
      return s.accepted === events.length ? s : undefined;
    }, 15_000);
    expect(stats.accepted).toBe(5_000);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives late
    expect(((await (await fetch(`${survivor}/v1/events/stats`, { headers: { authorization: PROD_KEY } })).json()) as { accepted: number }).accepted).toBe(5_000);
  }, 40_000);
});
