import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A unique key prefix per test, so parallel runs never share keys. */
export function uniquePrefix(name: string): string {
  return `ensign-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
}

/** A client on the machine's Redis (127.0.0.1:6379, or REDIS_URL). */
export function testRedis(): Redis {
  return new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
}

/** Deletes every key under a prefix (bounded SCAN). */
export async function cleanPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  for (let i = 0; i < 1_000; i++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
    if (cursor === '0') return;
  }
}

/** Waits until `check` returns true, polling every 10 ms, at most `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

/** A Redis server of the test's own on a free port (as CI runs it: no persistence), to stop and start again. */
export async function privateRedis(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const ping = async () => {
    const probe = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  };
  return {
    url,
    async start() {
      child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await until(ping, 5_000);
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      await exited;
    },
  };
}

/** A logger that keeps its warn and error lines. */
export function linesLogger(): { lines: string[]; logger: { debug(): void; info(): void; warn(m: string): void; error(m: string): void } } {
  const lines: string[] = [];
  return { lines, logger: { debug() {}, info() {}, warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) } };
}
