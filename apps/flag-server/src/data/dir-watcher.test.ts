import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirWatcher } from './dir-watcher.js';

describe('createDirWatcher', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dir-watcher-'));
    await writeFile(join(dir, 'a.json'), '0');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs onChange after changes, never twice at once, and last with the final content', async () => {
    let running = 0;
    let overlapped = false;
    const seen: string[] = [];
    const watcher = createDirWatcher({
      dirs: [dir, join(dir, 'missing-subfolder')],
      pollIntervalMs: 30,
      debounceMs: 10,
      onChange: async () => {
        running++;
        if (running > 1) overlapped = true;
        seen.push(await readFile(join(dir, 'a.json'), 'utf8'));
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
      },
    });
    try {
      for (let i = 1; i <= 10; i++) {
        await writeFile(join(dir, 'a.json'), String(i));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const deadline = Date.now() + 5_000;
      while (seen[seen.length - 1] !== '10' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen[seen.length - 1]).toBe('10');
      expect(overlapped).toBe(false);
    } finally {
      await watcher.close();
    }
  });

  it('ignores the entries it is told to ignore', async () => {
    let calls = 0;
    const watcher = createDirWatcher({ dirs: [dir], pollIntervalMs: 30, debounceMs: 5, ignore: (_d, name) => name.endsWith('.log'), onChange: async () => void calls++ });
    try {
      await new Promise((resolve) => setTimeout(resolve, 80));
      for (let i = 0; i < 5; i++) await writeFile(join(dir, 'x.log'), String(i));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(0);
      await writeFile(join(dir, 'a.json'), 'changed');
      const deadline = Date.now() + 5_000;
      while (calls === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(calls).toBeGreaterThan(0);
    } finally {
      await watcher.close();
    }
  });
});
