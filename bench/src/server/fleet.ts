// `pnpm --filter @ensign/bench bench:fleet`: the fleet on the machine's Redis and NATS JetStream.
// 1. Event ingest at 64 connections from this process: a flag server with the NDJSON store and one with `--nats`
//    (each a child process), 202 throughput and p99.
// 2. A datafile change on one instance → the SSE patch of a client streaming from another instance (through Redis).
// 3. The cost of a sticky lookup: decideAsync with an in-memory user profile service (Optimizely's pattern), with
//    the Redis one, and with the Redis one behind its local LRU.
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
import { createRedisUserProfileService } from '@ensign/redis-store';
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

const row = (r: LoadResult) => `${r.name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} batches/s (${(r.rps * 10).toFixed(0)} events/s)   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ${r.failures} failed`;

/** Batches of 10 conversion events with fresh ids (the bodies are used in turn; later turns are duplicates). */
function bodies(n: number): string[] {
  return Array.from({ length: n }, (_, b) =>
    JSON.stringify({ schemaVersion: 1, batchId: randomUUID(), sentAt: Date.now(), events: Array.from({ length: 10 }, (_, i) => ({ kind: 'conversion', id: randomUUID(), timestamp: Date.now(), context: { kind: 'user', key: `u${b * 10 + i}` }, eventKey: 'purchase', eventId: null, revision: '42', tags: null, revenue: null, value: null, data: null, metricValue: null })) }),
  );
}

async function timeDecides(name: string, options: Parameters<typeof createClient>[0], n: number): Promise<void> {
  const client = createClient({ datafile: exampleDatafile, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} }, ...options });
  for (let i = 0; i < 200; i++) await client.createUserContext(`warm-${i}`, { country: 'US', plan: 'pro' }).decideAsync('checkout-redesign');
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await client.createUserContext(`user-${i % 500}`, { country: 'US', plan: 'pro' }).decideAsync('checkout-redesign');
  const us = Number(process.hrtime.bigint() - start) / 1_000 / n;
  console.log(`${name.padEnd(52)} ${us.toFixed(1).padStart(7)} µs per decideAsync (${n} calls, 500 users)`);
  await client.close();
}

async function main(): Promise<void> {
  const dirs = await Promise.all([0, 1, 2].map(() => mkdtemp(join(tmpdir(), 'ensign-bench-fleet-'))));
  for (const dir of dirs) {
    await writeFile(join(dir, 'production.json'), JSON.stringify(exampleDatafile, null, 2));
    await writeFile(join(dir, 'keys.json'), JSON.stringify({ [KEY]: 'production' }));
  }
  const fleetArgs = ['--redis', REDIS, '--redis-prefix', prefix, '--nats', NATS, '--nats-stream', stream];
  const children: ChildProcess[] = [];
  try {
    const ndjson = await startServer(dirs[0] as string, []);
    const a = await startServer(dirs[1] as string, fleetArgs);
    const b = await startServer(dirs[2] as string, fleetArgs);
    children.push(ndjson.child, a.child, b.child);
    console.log(`1. ingest, 64 connections, ${seconds} s per row, batches of 10 events`);
    const request = { method: 'POST' as const, path: '/v1/events/bulk', headers: { 'content-type': 'application/json', authorization: KEY, 'x-ensign-event-schema': '1' }, bodies: bodies(quick ? 2_000 : 10_000) };
    for (const [name, url] of [['NDJSON store (fsync per write group)', ndjson.url], ['JetStream (--nats, ack per event)', a.url]] as const) {
      await load(`${name} (warm-up)`, url, request, 64, 1);
      console.log(row(await load(name, url, request, 64, seconds)));
    }
    const rounds = quick ? 5 : 20;
    const latency = await streamLatency(`${b.url}/v1/stream/${KEY}`, join(dirs[1] as string, 'production.json'), (i) => JSON.stringify({ ...exampleDatafile, revision: `bench-${i}` }, null, 2), rounds, 10_000);
    console.log(`\n2. datafile change on instance A's disk → SSE patch from instance B via Redis (${rounds} rounds, includes A's 20 ms debounce): median ${latency.median.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`);

    console.log('\n3. sticky bucketing lookups');
    const n = quick ? 2_000 : 20_000;
    const memory = new Map<string, UserProfile>();
    await timeDecides('in-memory user profile service (Optimizely pattern)', { userProfileServiceAsync: { lookup: async (id) => memory.get(id) ?? null, save: async (p) => void memory.set(p.user_id, p) } }, n);
    const plain = createRedisUserProfileService({ url: REDIS, prefix });
    await timeDecides('Redis user profile service', { userProfileServiceAsync: plain }, n);
    const cached = createRedisUserProfileService({ url: REDIS, prefix, localCapacity: 10_000 });
    await timeDecides('Redis user profile service + local LRU (10 000)', { userProfileServiceAsync: cached }, n);
    await plain.close();
    await cached.close();
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
