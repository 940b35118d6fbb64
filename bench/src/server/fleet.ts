// `pnpm --filter @ensign/bench bench:fleet`: the fleet on the machine's Redis and NATS JetStream.
// 1. Event ingest at 64 connections from this process: a flag server with the NDJSON store and one with `--nats`
//    (each a child process), events accepted per second and p99 of the 202. Every event id is fresh.
// 2. A datafile change on one instance → the SSE patch on every instance of three (through Redis).
// 3. The cost of a sticky lookup: decideAsync without a user profile service, with an in-memory one, with the Redis
//    one read on every decision (Optimizely's user profile service pattern: one HGETALL per decision), and with the
//    Redis one behind its local LRU.
// 4. Shared dedup: one claimKeys round trip for a batch of keys (what a batch of events waits before it is sent).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@ensign/node-sdk';
import type { UserProfile } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { createRedisDedup, createRedisUserProfileService } from '@ensign/redis-store';
import { load } from './load.js';
import type { LoadResult } from './load.js';
import { streamLatency } from './stream-latency.js';

const KEY = 'sdk-bench-0123456789abcdef';
const REDIS = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const NATS = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seconds = quick ? 2 : 5;
const run = Math.random().toString(36).slice(2, 10);
const prefix = `ensign-bench:${run}:`;
const stream = `ENSIGN_BENCH_${run}`;
const repo = fileURLToPath(new URL('../../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function startServer(dir: string, extra: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), '--conditions=@ensign/source', join(repo, 'apps/flag-server/src/cli.ts'), '--port', String(port), '--data', dir, '--log-level', 'warn', ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`a flag server exited with ${child.exitCode}`);
    if (await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('a flag server was not ready within 60 s');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const BATCH = 10;
const row = (r: LoadResult) => `${r.name.padEnd(40)} ${(r.rps * BATCH).toFixed(0).padStart(7)} events/s accepted (${r.rps.toFixed(0)} batches/s)   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(5)} ms   ${r.failures} failed`;

/** A batch of conversion events with fresh ids on every call (no retry, no duplicate). */
function freshBody(): () => string {
  const base = randomUUID().slice(0, 24);
  let n = 0;
  return () => {
    const events = [];
    for (let i = 0; i < BATCH; i++, n++) {
      events.push({ kind: 'conversion', id: `${base}${n.toString(16).padStart(12, '0')}`, timestamp: Date.now(), context: { kind: 'user', key: `u${n % 100_000}` }, eventKey: 'purchase', eventId: null, revision: '42', tags: null, revenue: null, value: null, data: null, metricValue: null });
    }
    return JSON.stringify({ schemaVersion: 1, batchId: randomUUID(), sentAt: Date.now(), events });
  };
}

async function timeDecides(name: string | null, options: Parameters<typeof createClient>[0], n: number): Promise<number> {
  const client = createClient({ datafile: exampleDatafile, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} }, ...options });
  for (let i = 0; i < 200; i++) await client.createUserContext(`warm-${i}`, { country: 'US', plan: 'pro' }).decideAsync('checkout-redesign');
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await client.createUserContext(`user-${i % 500}`, { country: 'US', plan: 'pro' }).decideAsync('checkout-redesign');
  const us = Number(process.hrtime.bigint() - start) / 1_000 / n;
  if (name !== null) console.log(`${name.padEnd(60)} ${us.toFixed(1).padStart(7)} µs per decideAsync (${n} calls, 500 users)`);
  await client.close();
  return us;
}

async function main(): Promise<void> {
  const dirs = await Promise.all([0, 1, 2, 3].map(() => mkdtemp(join(tmpdir(), 'ensign-bench-fleet-'))));
  for (const dir of dirs) {
    await writeFile(join(dir, 'production.json'), JSON.stringify(exampleDatafile, null, 2));
    await writeFile(join(dir, 'keys.json'), JSON.stringify({ [KEY]: 'production' }));
  }
  const fleetArgs = ['--redis', REDIS, '--redis-prefix', prefix, '--nats', NATS, '--nats-stream', stream];
  const children: ChildProcess[] = [];
  try {
    const ndjson = await startServer(dirs[0] as string, []);
    children.push(ndjson.child);
    const fleet = [];
    for (const dir of dirs.slice(1)) {
      const instance = await startServer(dir, fleetArgs);
      children.push(instance.child);
      fleet.push(instance);
    }
    const a = fleet[0] as { url: string };
    console.log(`1. ingest, 64 connections from this process, ${seconds} s per row, batches of ${BATCH} fresh events`);
    const headers = { 'content-type': 'application/json', authorization: KEY, 'x-ensign-event-schema': '1' };
    for (const [name, url] of [['NDJSON store (fsync per write group)', ndjson.url], ['JetStream (--nats, ack per event)', a.url]] as const) {
      const request = { method: 'POST' as const, path: '/v1/events/bulk', headers, body: freshBody() };
      await load(`${name} (warm-up)`, url, request, 64, 1);
      console.log(row(await load(name, url, request, 64, seconds)));
    }
    const rounds = quick ? 5 : 20;
    const latency = await streamLatency(
      fleet.map((f) => `${f.url}/v1/stream/${KEY}`),
      join(dirs[1] as string, 'production.json'),
      (i) => JSON.stringify({ ...exampleDatafile, revision: `bench-${i}` }, null, 2),
      rounds,
      10_000,
    );
    console.log(`\n2. datafile change on instance A's disk → SSE patch on every instance (A, B, C; B and C through Redis), ${rounds} rounds, includes A's 20 ms debounce: median ${latency.median.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`);

    console.log('\n3. sticky bucketing lookups');
    const n = quick ? 2_000 : 20_000;
    await timeDecides(null, {}, n); // JIT warm-up of the decide path, not printed
    const none = await timeDecides('no user profile service (baseline)', {}, n);
    const memory = new Map<string, UserProfile>();
    await timeDecides('in-memory user profile service', { userProfileServiceAsync: { lookup: async (id) => memory.get(id) ?? null, save: async (p) => void memory.set(p.user_id, p) } }, n);
    const plain = createRedisUserProfileService({ url: REDIS, prefix });
    const perDecision = await timeDecides('Redis, HGETALL per decision (Optimizely UPS pattern)', { userProfileServiceAsync: plain }, n);
    const cached = createRedisUserProfileService({ url: REDIS, prefix, localCapacity: 10_000 });
    const lru = await timeDecides('Redis behind the local LRU (10 000 users)', { userProfileServiceAsync: cached }, n);
    console.log(`   extra per decision over the baseline: ${(perDecision - none).toFixed(1)} µs with a Redis read each time, ${(lru - none).toFixed(1)} µs with the LRU in front`);
    await plain.close();
    await cached.close();

    console.log('\n4. shared dedup (createRedisDedup.claimKeys): one pipelined SET NX PX round trip per batch');
    const dedup = createRedisDedup({ url: REDIS, prefix });
    for (const size of [1, 100, 1_000]) {
      const times: number[] = [];
      for (let r = 0; r < (quick ? 10 : 50); r++) {
        const keys = Array.from({ length: size }, (_, i) => `exposure:bench-${r}-${i} checkout on`);
        const started = process.hrtime.bigint();
        await dedup.claimKeys(keys, 60_000);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((x, y) => x - y);
      console.log(`   ${String(size).padStart(5)} new keys: median ${(times[Math.floor(times.length / 2)] as number).toFixed(2)} ms per batch`);
    }
    await dedup.close();
  } finally {
    for (const child of children) await stop(child);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: NATS });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
