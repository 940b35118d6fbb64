import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Options of {@link createDirWatcher}. */
export interface DirWatcherOptions {
  /** The folders whose direct entries matter (watched with `fs.watch`; those that do not exist yet are polled). */
  dirs: readonly string[];
  /** Stat poll period, ms: the fall-back for file systems where `fs.watch` misses events (NFS, some containers). */
  pollIntervalMs: number;
  /** Quiet period after a change before `onChange` runs, ms. */
  debounceMs: number;
  /** Entries whose changes are ignored (the events folder inside the data folder). */
  ignore?: (dir: string, name: string) => boolean;
  /** Called once per burst of changes; the next call waits until its promise settles. */
  onChange: () => Promise<void>;
}

/** A running watcher. */
export interface DirWatcher {
  /** Stops watching and polling; waits for a running `onChange`. */
  close(): Promise<void>;
}

/**
 * Watches folders for changes: `fs.watch` for promptness, and a stat poll (names, sizes, mtimes, inodes of the
 * direct entries) that catches what `fs.watch` misses. Changes are debounced, and `onChange` never runs twice at
 * once: a change during a run schedules one more run after it.
 *
 * @example
 * const watcher = createDirWatcher({ dirs: [dataDir], pollIntervalMs: 1000, debounceMs: 20, onChange: reload });
 * await watcher.close();
 */
export function createDirWatcher(options: DirWatcherOptions): DirWatcher {
  const { dirs, pollIntervalMs, debounceMs, onChange, ignore } = options;
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let lastSignature: string | null = null;

  const run = (): void => {
    timer = null;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = onChange()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (again && !closed) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = (): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
    timer.unref();
  };

  const attach = (dir: string): void => {
    if (watchers.has(dir) || closed) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (typeof name === 'string' && ignore?.(dir, name)) return;
        schedule();
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    } catch {
      // The folder does not exist (yet), or fs.watch is not supported: the poll covers it.
    }
  };

  const signature = async (): Promise<string> => {
    const parts: string[] = [];
    for (const dir of dirs) {
      let names: string[];
      try {
        names = (await readdir(dir)).sort();
      } catch {
        parts.push(`${dir}:-`);
        continue;
      }
      for (const name of names) {
        if (ignore?.(dir, name)) continue;
        try {
          const s = await stat(join(dir, name));
          parts.push(`${dir}/${name}:${s.size}:${s.mtimeMs}:${s.ino}`);
        } catch {
          parts.push(`${dir}/${name}:gone`);
        }
      }
    }
    return parts.join('|');
  };

  let polling = false;
  const poll = setInterval(() => {
    if (polling || closed) return;
    polling = true;
    for (const dir of dirs) attach(dir);
    void signature()
      .then((current) => {
        if (lastSignature !== null && current !== lastSignature) schedule();
        lastSignature = current;
      })
      .finally(() => {
        polling = false;
      });
  }, pollIntervalMs);
  poll.unref();

  for (const dir of dirs) attach(dir);
  void signature().then((s) => {
    lastSignature ??= s;
  });

  return {
    async close() {
      closed = true;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      await running;
    },
  };
}
