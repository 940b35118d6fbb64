import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer } from '../helpers.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Runs the child; resolves its output and the ms between its "closed" line and its exit (killed after 15 s). */
function runChild(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string; exitAfterCloseMs: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ensign/source', join(here, 'fixtures', 'exit-child.ts')], {
      cwd: join(here, '..', '..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let closedAt: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (closedAt === null && out.includes('closed\n')) closedAt = Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, out, err, exitAfterCloseMs: closedAt === null ? null : Date.now() - closedAt });
    });
  });
}

describe('a Node process running a client', () => {
  let dir: string;
  let server: FlagServer;
  beforeEach(async () => {
    dir = await makeDataDir();
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await server.close();
    await removeDir(dir);
  });

  for (const streaming of [false, true]) {
    it(`exits by itself promptly after close() (${streaming ? 'streaming' : 'polling'}, fetchV2 and events on keep-alive connections)`, async () => {
      const run = await runChild({ SDK_KEY: PROD_KEY, SERVER_URL: server.url, STREAMING: streaming ? '1' : '0' });
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.out.split('\n')[0] as string) as { ready: boolean; darkMode: string; delivered: number };
      expect(summary).toMatchObject({ ready: true, darkMode: 'true' });
      expect(summary.delivered).toBeGreaterThanOrEqual(1);
      // Nothing holds the event loop: no timer, no socket of the stream, no idle keep-alive connection.
      expect(run.exitAfterCloseMs).not.toBeNull();
      expect(run.exitAfterCloseMs as number).toBeLessThan(2_000);
    }, 30_000);
  }
});
