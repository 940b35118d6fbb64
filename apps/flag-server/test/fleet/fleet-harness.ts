// The fleet under test: flag-server instances and an aggregator in this process, on the machine's Redis and NATS,
// each run with its own key prefix and JetStream stream, removed afterwards.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { startAggregator, startFlagServer } from '../../src/index.js';
import type { Aggregator, FlagServer, FlagServerOptions } from '../../src/index.js';
import { makeDataDir, removeDir } from '../helpers.js';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A running fleet. */
export interface Fleet {
  prefix: string;
  stream: string;
  dirs: string[];
  servers: FlagServer[];
  aggregator: Aggregator | null;
  /** Starts one more instance on its own data folder (the fleet's files, or `files`). */
  addServer(options?: Partial<FlagServerOptions>, files?: Record<string, string>): Promise<FlagServer>;
  close(): Promise<void>;
}

/**
 * Starts `count` instances, each on its own copy of the data folder (`files` as in `makeDataDir`), with `--redis`
 * and, when `nats`, `--nats` and an aggregator.
 */
export async function startFleet(count: number, options: { nats: boolean; files?: Record<string, string> }): Promise<Fleet> {
  const id = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const prefix = `ensign-test:fleet:${id}:`;
  const stream = `ENSIGN_TEST_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
  const dirs: string[] = [];
  const servers: FlagServer[] = [];
  const addServer = async (extra: Partial<FlagServerOptions> = {}, files = options.files) => {
    const dir = await makeDataDir(files);
    dirs.push(dir);
    const server = await startFlagServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      pollIntervalMs: 50,
      debounceMs: 10,
      logger: false,
      redis: REDIS_URL,
      redisPrefix: prefix,
      ...(options.nats ? { nats: NATS_URL, natsStream: stream } : {}),
      ...extra,
    });
    servers.push(server);
    return server;
  };
  const fleet: Fleet = {
    prefix,
    stream,
    dirs,
    servers,
    aggregator: null,
    addServer,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await fleet.aggregator?.close();
      for (const dir of dirs) await removeDir(dir);
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      let cursor = '0';
      for (let i = 0; i < 1_000; i++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      await redis.quit();
      if (options.nats) {
        const nc = await connect({ servers: NATS_URL });
        const jsm = await jetstreamManager(nc);
        await jsm.streams.delete(stream).catch(() => undefined);
        await nc.close();
      }
    },
  };
  try {
    for (let i = 0; i < count; i++) await addServer();
    if (options.nats) fleet.aggregator = await startAggregator({ nats: NATS_URL, redis: REDIS_URL, redisPrefix: prefix, stream, logger: silent });
  } catch (error) {
    await fleet.close();
    throw error;
  }
  return fleet;
}

/**
 * Runs `test/fleet/sdk-process.ts` as its own Node process (from the sources) and resolves with the JSON line it
 * prints; rejects when it fails or takes longer than 30 s (it is killed then).
 */
export function runSdkProcess(args: string[]): Promise<unknown> {
  const script = fileURLToPath(new URL('./sdk-process.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ensign/source', script, ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1) ?? 'null'));
      else reject(new Error(`sdk-process ${args[0]} exited with ${code}: ${err.slice(-500)}`));
    });
  });
}

/** A unique key prefix on the machine's Redis and a client to read it; `clean()` deletes the keys and quits. */
export function redisPrefix(name: string): { prefix: string; redis: Redis; clean(): Promise<void> } {
  const prefix = `ensign-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  return {
    prefix,
    redis,
    async clean() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
