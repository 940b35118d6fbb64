// `pnpm --filter @ensign/bench bench:server`: the flag server under load from this process (autocannon), the server
// in a child process of its own, on loopback; then the time from a datafile change on disk to the SSE patch.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { load } from './load.js';
import type { LoadRequest, LoadResult } from './load.js';
import { PUBLISHED } from './published.js';
import { sdkLatency } from './sdk-latency.js';
import { streamLatency } from './stream-latency.js';

const KEY = 'sdk-bench-0123456789abcdef';
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 5) || 5;
const connections = Number(args[args.indexOf('--connections') + 1] ?? 64) || 64;
const quick = args.includes('--quick');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the flag server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the flag server was not ready within ${timeoutMs} ms`);
}

const row = (r: LoadResult) =>
  `${r.name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ${r.requests} requests, ${r.failures} failed`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ensign-bench-server-'));
  const datafile = generateDatafile({ flags: 100, seed: 1 });
  const file = join(dir, 'production.json');
  await writeFile(file, JSON.stringify(datafile, null, 2));
  await writeFile(join(dir, 'keys.json'), JSON.stringify({ [KEY]: 'production' }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const child = spawn(
    process.execPath,
    [join(repo, 'node_modules/tsx/dist/cli.mjs'), '--conditions=@ensign/source', join(repo, 'apps/flag-server/src/cli.ts'), '--port', String(port), '--data', dir, '--log-level', 'warn'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  try {
    await waitReady(url, child, 60_000);
    console.log(`flag server (pid ${child.pid}) on ${url}; ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`datafile: 100 generated flags, ${JSON.stringify(datafile).length} bytes; ${connections} connections, ${quick ? 2 : seconds} s per row (after 1 s of warm-up)\n`);

    const users = Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ user: { user_id: `user-${i}`, device_id: `device-${i}`, user_properties: { plan: i % 4 === 0 ? 'pro' : 'free' } } }));
    const etag = (await fetch(`${url}/v1/datafiles/${KEY}.json`)).headers.get('etag') ?? '';
    const rows: { name: string; request: LoadRequest }[] = [
      { name: 'POST /v1/evaluate (100 flags)', request: { method: 'POST', path: '/v1/evaluate', headers: { 'content-type': 'application/json', authorization: `Api-Key ${KEY}` }, bodies: users } },
      { name: 'GET datafile, gzip, 200', request: { method: 'GET', path: `/v1/datafiles/${KEY}.json`, headers: { 'accept-encoding': 'gzip' } } },
      { name: 'GET datafile, If-None-Match, 304', request: { method: 'GET', path: `/v1/datafiles/${KEY}.json`, headers: { 'if-none-match': etag } } },
    ];
    const results: LoadResult[] = [];
    for (const r of rows) {
      await load(`${r.name} (warm-up)`, url, r.request, connections, 1);
      const result = await load(r.name, url, r.request, connections, quick ? 2 : seconds);
      results.push(result);
      console.log(row(result));
    }

    const rounds = quick ? 5 : 20;
    const latency = await streamLatency(
      `${url}/v1/stream/${KEY}`,
      file,
      (i) => JSON.stringify({ ...datafile, revision: `bench-${i}` }, null, 2),
      rounds,
      10_000,
    );
    console.log(
      `\ndatafile change on disk → SSE patch (${rounds} rounds, includes the server's 20 ms debounce): median ${latency.median.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
    );

    const sdkRounds = quick ? 5 : 10;
    const sdk = await sdkLatency(url, KEY, file, (i) => JSON.stringify({ ...datafile, revision: `sdk-bench-${i}` }, null, 2), sdkRounds, 1_000);
    const line = (name: string, l: { median: number; p95: number; max: number }) => `  ${name.padEnd(34)} median ${l.median.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, max ${l.max.toFixed(1)} ms`;
    console.log(`\ndatafile change on disk → an @ensign/node-sdk client applies it (${sdkRounds} rounds):`);
    console.log(line('streaming (SSE)', sdk.streaming));
    console.log(line(`polling every ${sdk.pollingIntervalMs} ms`, sdk.polling));

    console.log('\npublished figures of the vendors\' relay services:');
    for (const p of PUBLISHED) console.log(`- ${p.product}: ${p.figure} (${p.source})`);
    if (results.some((r) => r.failures > 0)) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve(undefined);
      else child.once('exit', resolve);
    });
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
