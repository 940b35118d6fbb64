// A Redis and a NATS server of the test's own, on free ports, so they can be stopped and restarted (the machine's
// shared ones on 6379 and 4222 are never touched).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function untilPort(port: number, open: boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await accepts(port)) === open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} did not ${open ? 'open' : 'close'} within 5 s`);
}

/** One engine process that can be stopped and started again on the same port (and, for NATS, the same store). */
export interface Engine {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function engine(url: string, port: number, command: string, args: string[]): Engine {
  let child: ChildProcess | null = null;
  return {
    url,
    async start() {
      child = spawn(command, args, { stdio: 'ignore' });
      await untilPort(port, true);
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      await exited;
      await untilPort(port, false);
    },
  };
}

/** A private Redis (no persistence, as CI runs it) and NATS with JetStream, started. */
export async function startPrivateEngines(): Promise<{ redis: Engine; nats: Engine; close(): Promise<void> }> {
  const redisPort = await freePort();
  const natsPort = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'ensign-nats-'));
  const redis = engine(`redis://127.0.0.1:${redisPort}`, redisPort, 'redis-server', ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no']);
  const nats = engine(`nats://127.0.0.1:${natsPort}`, natsPort, 'nats-server', ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', storeDir]);
  await redis.start();
  await nats.start();
  return {
    redis,
    nats,
    async close() {
      await redis.stop();
      await nats.stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
