import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeScheduler } from './node-scheduler.js';

const sleep = (ms: number) => new Promise((resolve) => globalThis.setTimeout(resolve, ms));

describe('createNodeScheduler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs a timeout once, after its delay, and then no longer counts it as pending', async () => {
    const scheduler = createNodeScheduler();
    const fired: number[] = [];
    scheduler.setTimeout(() => fired.push(1), 5);
    expect(scheduler.pending()).toBe(1);
    await sleep(40);
    expect(fired).toEqual([1]);
    expect(scheduler.pending()).toBe(0);
  });

  it('repeats an interval until it is cancelled', async () => {
    const scheduler = createNodeScheduler();
    let ticks = 0;
    const handle = scheduler.setInterval(() => ticks++, 5);
    await sleep(60);
    handle.cancel();
    const seen = ticks;
    expect(seen).toBeGreaterThanOrEqual(2);
    await sleep(30);
    expect(ticks).toBe(seen);
    expect(scheduler.pending()).toBe(0);
  });

  it('cancels a timeout before it runs, and tolerates a second cancel', async () => {
    const scheduler = createNodeScheduler();
    let fired = false;
    const handle = scheduler.setTimeout(() => (fired = true), 5);
    handle.cancel();
    handle.cancel();
    await sleep(30);
    expect(fired).toBe(false);
    expect(scheduler.pending()).toBe(0);
  });

  it('unrefs every timer so none keeps the process alive', () => {
    const created: NodeJS.Timeout[] = [];
    const realTimeout = globalThis.setTimeout;
    const realInterval = globalThis.setInterval;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((cb: () => void, ms?: number) => {
      const t = realTimeout(cb, ms);
      created.push(t);
      return t;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((cb: () => void, ms?: number) => {
      const t = realInterval(cb, ms);
      created.push(t);
      return t;
    }) as typeof setInterval);
    const scheduler = createNodeScheduler();
    const a = scheduler.setTimeout(() => {}, 60_000);
    const b = scheduler.setInterval(() => {}, 60_000);
    expect(created).toHaveLength(2);
    for (const t of created) expect(t.hasRef()).toBe(false);
    a.cancel();
    b.cancel();
  });

  it('lets a process with a pending 60 s interval and timeout exit at once', () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
    const modulePath = path.join(repoRoot, 'packages/node-sdk/src/platform/node-scheduler.ts');
    const script = `const { createNodeScheduler } = await import(${JSON.stringify(modulePath)});
      const s = createNodeScheduler(); s.setInterval(() => {}, 60000); s.setTimeout(() => {}, 60000); console.log('scheduled', s.pending());`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 15_000 });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('scheduled 2');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('keeps running when a callback throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const scheduler = createNodeScheduler({ onError: (e) => errors.push(e) });
    let after = false;
    scheduler.setTimeout(() => {
      throw new Error('boom');
    }, 1);
    scheduler.setTimeout(() => (after = true), 5);
    await sleep(40);
    expect(after).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('clamps a huge or infinite delay to 2^31 - 1 ms: no TimeoutOverflowWarning, and no early firing', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const given: (number | undefined)[] = [];
    const realTimeout = globalThis.setTimeout;
    const realInterval = globalThis.setInterval;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((cb: () => void, ms?: number) => (given.push(ms), realTimeout(cb, ms))) as typeof setTimeout);
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((cb: () => void, ms?: number) => (given.push(ms), realInterval(cb, ms))) as typeof setInterval);
    try {
      const scheduler = createNodeScheduler();
      const fired: string[] = [];
      const handles = [
        scheduler.setTimeout(() => fired.push('3e9'), 3e9),
        scheduler.setTimeout(() => fired.push('inf'), Infinity),
        scheduler.setTimeout(() => fired.push('max'), Number.MAX_VALUE),
        scheduler.setInterval(() => fired.push('interval'), Infinity),
      ];
      expect(given).toEqual([2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1]);
      vi.restoreAllMocks();
      await sleep(40);
      expect(fired).toEqual([]);
      expect(scheduler.pending()).toBe(4);
      for (const h of handles) h.cancel();
      expect(scheduler.pending()).toBe(0);
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('treats a negative or NaN delay as 0', async () => {
    const scheduler = createNodeScheduler();
    const fired: string[] = [];
    scheduler.setTimeout(() => fired.push('neg'), -5);
    scheduler.setTimeout(() => fired.push('nan'), Number.NaN);
    await sleep(20);
    expect(fired.sort()).toEqual(['nan', 'neg']);
  });
});
