// Issue 15, item 9: big or deeply nested datafiles must not block the event loop. Files are generated in a tmp dir.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleDatafile } from '../src/examples.js';
import { createClient } from '../src/index.js';
import type { EnsignClient } from '../src/index.js';

let dir: string;
let client: EnsignClient | undefined;
let restore: (() => void) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ensign-big-datafile-'));
});
afterEach(async () => {
  restore?.();
  restore = undefined;
  await client?.close();
  client = undefined;
  await rm(dir, { recursive: true, force: true });
});

/**
 * Watches the main thread while `work` runs: counts setInterval ticks, and records the longest text that
 * `JSON.parse` was given on this thread (a parse in a worker does not show here).
 */
async function watchMainThread<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number; longestParsed: number }> {
  const original = JSON.parse;
  let longestParsed = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    if (typeof text === 'string') longestParsed = Math.max(longestParsed, text.length);
    return original(text, reviver);
  }) as typeof JSON.parse;
  restore = () => {
    JSON.parse = original;
  };
  let ticks = 0;
  const interval = setInterval(() => ticks++, 5);
  try {
    const result = await work();
    return { result, ticks, longestParsed };
  } finally {
    clearInterval(interval);
    restore();
    restore = undefined;
  }
}

describe('big and deep datafiles on the Node platform', () => {
  it('loads a valid 50 MB datafile with the parse off the main thread, the event loop turning meanwhile', async () => {
    const path = join(dir, 'big.json');
    const keys = Array.from({ length: 400_000 }, (_, i) => `user-${String(i).padStart(120, '0')}`);
    const big = { ...exampleDatafile, revision: 'big-1', segments: [{ ...exampleDatafile.segments![0]!, included: [{ values: ['user-beta-1', ...keys] }] }] };
    await writeFile(path, JSON.stringify(big));
    client = createClient({ datafilePath: path, logger: createRecordingLogger(), watchDatafile: false });
    const { result, ticks, longestParsed } = await watchMainThread(() => client!.onReady({ timeout: 60_000 }));
    expect(result).toEqual({ success: true });
    expect(client.getStatus().revision).toBe('big-1');
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
    expect(longestParsed).toBeLessThan(1024 * 1024);
    expect(ticks).toBeGreaterThan(2);
  }, 60_000);

  it('refuses a 600 MB file after a stat, without reading it', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, 600 * 1024 * 1024); // sparse: no disk used
    const logger = createRecordingLogger();
    client = createClient({ datafilePath: path, logger, watchDatafile: false });
    const ready = await client.onReady({ timeout: 20_000 });
    expect(ready.success).toBe(false);
    expect(client.getStatus().lastError?.message).toMatch(/629145600 bytes.*it was not read/);
  }, 30_000);

  it('refuses a 7.6 MiB nesting bomb by a scan before JSON.parse, off the main thread', async () => {
    const path = join(dir, 'bomb.json');
    const depth = 4 * 1000 * 1000;
    await writeFile(path, `${'['.repeat(depth)}${']'.repeat(depth)}`);
    client = createClient({ datafilePath: path, logger: createRecordingLogger(), watchDatafile: false });
    const { result, longestParsed } = await watchMainThread(() => client!.onReady({ timeout: 30_000 }));
    expect(result.success).toBe(false);
    expect(client.getStatus().lastError?.message).toMatch(/nested deeper than 10000 levels/);
    expect(longestParsed).toBeLessThan(1024 * 1024);
  }, 30_000);

  it('refuses a small nesting bomb (below the worker threshold) by the same scan', async () => {
    const path = join(dir, 'small-bomb.json');
    await writeFile(path, `{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    client = createClient({ datafilePath: path, logger: createRecordingLogger(), watchDatafile: false });
    const { result, longestParsed } = await watchMainThread(() => client!.onReady({ timeout: 30_000 }));
    expect(result.success).toBe(false);
    expect(client.getStatus().lastError?.message).toMatch(/nested deeper than 10000 levels/);
    expect(longestParsed).toBe(0);
  }, 30_000);

  it('keeps the last good datafile when a big update is not JSON (parsed in the worker)', async () => {
    const path = join(dir, 'flags.json');
    await writeFile(path, JSON.stringify({ ...exampleDatafile, revision: 'good-1' }));
    client = createClient({ datafilePath: path, logger: createRecordingLogger(), datafileDebounceMs: 20 });
    await client.onReady({ timeout: 5_000 });
    await writeFile(path, `{"schemaVersion": 1, "flags": [${'1,'.repeat(3 * 1024 * 1024)}`);
    const deadline = Date.now() + 15_000;
    while (!client.getStatus().lastError && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(client.getStatus().lastError?.message).toMatch(/invalid JSON/);
    expect(client.getStatus().revision).toBe('good-1');
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
  }, 30_000);
});
