import { statSync, watch, watchFile, unwatchFile } from 'node:fs';
import type { FSWatcher, Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FileSystemPort, Logger } from '@ensign/common';
import { safeLog, silentLogger } from '@ensign/common';
import { readJsonOffThread } from './json-worker.js';

/** Options of {@link createNodeFileSystem}. */
export interface NodeFileSystemOptions {
  logger?: Logger;
  /** Interval of the `stat` poll that backs up the directory watch (network file systems, missed events), ms. Default 1 000. */
  pollIntervalMs?: number;
  /** Watch the file's directory. Default true; `false` relies on the `stat` poll alone (file systems without events). */
  watchDirectory?: boolean;
}

/** What identifies one version of the file behind a path: the symlink target's inode, size and mtime. */
const identity = (s: Pick<Stats, 'ino' | 'dev' | 'size' | 'mtimeMs'> | null) => (s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}` : 'missing');

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * The Node platform's {@link FileSystemPort}.
 *
 * `watch` follows the path through symlinks, as a Kubernetes ConfigMap or Secret volume needs (`flags.json ->
 * ..data/flags.json`, with `..data` swapped by an atomic rename that no event ever names `flags.json`): it watches
 * the directory of the path, and on any event there compares the `stat` of the target (inode, size, mtime) with the
 * last one seen, so only a real change is reported. A `stat` poll (`fs.watchFile`, which follows symlinks) runs
 * beside the watch as the fall-back for missed events and for network file systems that send none. Watchers and
 * polls are unref'd: they never hold the process open.
 *
 * `stat` reports a file's size before it is read, and `readJson` parses big files in a worker thread (see
 * `readJsonOffThread`), so neither a huge nor a deeply nested file blocks the event loop.
 *
 * @example
 * const fileSystem = createNodeFileSystem();
 * const handle = fileSystem.watch('/etc/ensign/flags.json', () => console.log('changed'));
 * handle.close();
 */
export function createNodeFileSystem(options: NodeFileSystemOptions = {}): FileSystemPort {
  const logger = options.logger ?? silentLogger;
  return {
    readFile: (path) => readFile(path, 'utf8'),
    stat: async (path) => {
      const s = await stat(path);
      return { size: s.size, version: identity(s) };
    },
    readJson: readJsonOffThread,
    watch(path, onChange) {
      const full = resolve(path);
      let watcher: FSWatcher | null = null;
      let closed = false;
      let seen = identity(statOrNull(full));
      let checking = false;
      let again = false;
      // One stat at a time; an event during it asks for one more, so the last change is never missed.
      const targetChanged = async (): Promise<void> => {
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        const now = identity(await stat(full).catch(() => null));
        checking = false;
        if (!closed && now !== seen) {
          seen = now;
          onChange();
        }
        if (again && !closed) {
          again = false;
          await targetChanged();
        }
      };
      const onPoll = (current: Stats, previous: Stats) => {
        if (identity(current) !== identity(previous)) void targetChanged();
      };
      watchFile(full, { persistent: false, interval: options.pollIntervalMs ?? 1_000 }, onPoll);
      if (options.watchDirectory ?? true) {
        try {
          // Any entry of the directory may be on the way to the target (`..data`, `..data_tmp`, the file itself).
          watcher = watch(dirname(full), { persistent: false }, () => void targetChanged());
          watcher.on('error', (error) => {
            safeLog(logger, 'warn', `watching ${full} failed (${(error as Error).message}); polling its stat instead`);
            watcher?.close();
            watcher = null;
          });
        } catch (error) {
          safeLog(logger, 'warn', `cannot watch ${full} (${(error as Error).message}); polling its stat instead`);
        }
      }
      return {
        close() {
          closed = true;
          watcher?.close();
          watcher = null;
          unwatchFile(full, onPoll);
        },
      };
    },
  };
}
