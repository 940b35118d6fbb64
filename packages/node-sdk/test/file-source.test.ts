import { spawn } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleDatafile } from '../src/examples.js';
import { createClient } from '../src/index.js';
import type { EnsignClient, UpdateEvent } from '../src/index.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;
let client: EnsignClient | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ensign-file-source-'));
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Polls `check` every 20 ms until it is true, failing after `ms`. */
async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const revision = (r: string) => JSON.stringify({ ...exampleDatafile, revision: r });

describe('the datafilePath source', () => {
  it('reads the file at start and becomes ready', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, revision('1'));
    client = createClient({ datafilePath: path, logger: createRecordingLogger() });
    expect(client.initialized()).toBe(false);
    await expect(client.onReady({ timeout: 5_000 })).resolves.toEqual({ success: true });
    expect(client.getStatus()).toMatchObject({ revision: '1', source: 'file' });
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
  });

  it('applies a rewritten file and a file replaced by rename, emitting update', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, revision('1'));
    client = createClient({ datafilePath: path, logger: createRecordingLogger(), datafileDebounceMs: 20 });
    await client.onReady({ timeout: 5_000 });
    const updates: UpdateEvent[] = [];
    client.on('update', (e) => updates.push(e));
    await writeFile(path, revision('2'));
    await eventually(() => client?.getStatus().revision === '2');
    const staged = join(dir, 'flags.json.tmp');
    await writeFile(staged, revision('3'));
    await rename(staged, path);
    await eventually(() => client?.getStatus().revision === '3');
    expect(updates.map((u) => [u.previousRevision, u.revision, u.source])).toEqual([['1', '2', 'file'], ['2', '3', 'file']]);
  });

  it('keeps the last good datafile on an unreadable update and logs one error with the JSON path', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, revision('1'));
    const logger = createRecordingLogger();
    client = createClient({ datafilePath: path, logger, datafileDebounceMs: 20 });
    await client.onReady({ timeout: 5_000 });
    const errors: string[] = [];
    client.on('error', (e) => errors.push(`${e.source} ${e.path}`));
    const bad = { ...exampleDatafile, revision: '2', flags: { broken: true } };
    await writeFile(path, JSON.stringify(bad));
    await eventually(() => errors.length === 1);
    await new Promise((r) => setTimeout(r, 150)); // further fs events for the same content must not log again
    const lines = logger.lines.filter((l) => l.level === 'error').map((l) => l.message);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('flags');
    expect(lines[0]).toContain('keeping revision 1');
    expect(errors).toEqual(['datafile flags']);
    expect(client.getStatus()).toMatchObject({ revision: '1', ready: true, lastError: { path: 'flags' } });
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
    await writeFile(path, revision('3'));
    await eventually(() => client?.getStatus().revision === '3');
    expect(client.getStatus().lastError).toBeNull();
  });

  it('keeps the last good version of a flag an update breaks, serves the rest of the update, and warns once', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, revision('1'));
    const logger = createRecordingLogger();
    client = createClient({ datafilePath: path, logger, datafileDebounceMs: 20 });
    await client.onReady({ timeout: 5_000 });
    const index = exampleDatafile.flags.findIndex((f) => f.key === 'dark-mode');
    const flags = exampleDatafile.flags.map((f, i) => (i === index ? { ...f, on: 'yes' } : f));
    await writeFile(path, JSON.stringify({ ...exampleDatafile, revision: '2', flags }));
    await eventually(() => client?.getStatus().revision === '2');
    const warnings = logger.lines.filter((l) => l.level === 'warn' && l.message.includes('quarantined')).map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`flags[${index}].on`);
    expect(warnings[0]).toContain('keeping the last good version of flag "dark-mode"');
    expect(client.getStatus().keptLastGood).toEqual([expect.objectContaining({ kind: 'flag', key: 'dark-mode' })]);
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
  });

  it('reports a missing file, then becomes ready when the file appears', async () => {
    const path = join(dir, 'later.json');
    const logger = createRecordingLogger();
    client = createClient({ datafilePath: path, logger, datafileDebounceMs: 20 });
    const first = await client.onReady({ timeout: 5_000 });
    expect(first).toEqual({ success: false, reason: 'datafile rejected: cannot read the file (ENOENT)' });
    await writeFile(path, revision('9'));
    await eventually(() => client?.initialized() === true);
    await expect(client.onReady()).resolves.toEqual({ success: true });
    expect(client.getStatus().revision).toBe('9');
  });

  it('stops watching on close: later changes are not read', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, revision('1'));
    const logger = createRecordingLogger();
    client = createClient({ datafilePath: path, logger, datafileDebounceMs: 10 });
    await client.onReady({ timeout: 5_000 });
    await client.close();
    await writeFile(path, 'not json at all');
    await writeFile(path, revision('2'));
    await new Promise((r) => setTimeout(r, 200));
    expect(client.getStatus()).toMatchObject({ revision: '1', closed: true, updates: 1, lastError: null });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('lets the process exit right after close (no watcher or timer left)', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, revision('1'));
    const script = `
      import { createClient } from '@ensign/node-sdk';
      const client = createClient({ datafilePath: ${JSON.stringify(path)}, eventsUrl: 'http://127.0.0.1:9/events', sdkKey: 'k-123456789' });
      const ready = await client.onReady({ timeout: 5000 });
      if (!ready.success) { console.error(ready.reason); process.exit(3); }
      client.variation('dark-mode', { kind: 'user', key: 'u' }, false);
      await client.close({ timeoutMs: 100 });
      console.log('closed');
    `;
    let closedAt = 0;
    const child = spawn(process.execPath, ['--conditions=@ensign/source', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if (closedAt === 0 && out.includes('closed')) closedAt = Date.now();
    });
    child.stderr.on('data', (d) => (out += String(d)));
    const code = await new Promise<number | null>((resolveExit) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      child.on('exit', (c) => {
        clearTimeout(killer);
        resolveExit(c);
      });
    });
    expect(out).toContain('closed');
    expect(code).toBe(0);
    // Start-up (tsx compiling the sources) is not the point; the process must not linger after close().
    expect(Date.now() - closedAt).toBeLessThan(2_000);
  }, 15_000);
});
