import { watch, watchFile, unwatchFile } from 'node:fs';
import type { FSWatcher, Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { FileSystemPort, Logger } from '@ensign/common';
import { safeLog, silentLogger } from '@ensign/common';

/** Options of {@link createNodeFileSystem}. */
export interface NodeFileSystemOptions {
  logger?: Logger;
  /** Interval of the `stat` poll that backs up the directory watch (network file systems, missed events), ms. Default 1 000. */
  pollIntervalMs?: number;
}

/**
 * The Node platform's {@link FileSystemPort}. `watch` watches the file's directory (editors and deploy tools replace
 * files by renaming, which a watch on the file itself would miss) and polls `stat` as a fall-back when the watch
 * fails. Watchers are unref'd (`persistent: false`): they never hold the process open.
 *
 * @example
 * const fileSystem = createNodeFileSystem();
 * const handle = fileSystem.watch('./flags.json', () => console.log('changed'));
 * handle.close();
 */
export function createNodeFileSystem(options: NodeFileSystemOptions = {}): FileSystemPort {
  const logger = options.logger ?? silentLogger;
  return {
    readFile: (path) => readFile(path, 'utf8'),
    watch(path, onChange) {
      const full = resolve(path);
      const name = basename(full);
      let watcher: FSWatcher | null = null;
      let polling = false;
      let closed = false;
      const onPoll = (current: Stats, previous: Stats) => {
        if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) onChange();
      };
      const startPolling = () => {
        if (closed || polling) return;
        polling = true;
        watchFile(full, { persistent: false, interval: options.pollIntervalMs ?? 1_000 }, onPoll);
      };
      try {
        watcher = watch(dirname(full), { persistent: false }, (_event, filename) => {
          if (filename === null || filename === name) onChange();
        });
        watcher.on('error', (error) => {
          safeLog(logger, 'warn', `watching ${full} failed (${(error as Error).message}); polling instead`);
          watcher?.close();
          watcher = null;
          startPolling();
        });
      } catch (error) {
        safeLog(logger, 'warn', `cannot watch ${full} (${(error as Error).message}); polling instead`);
        startPolling();
      }
      return {
        close() {
          closed = true;
          watcher?.close();
          watcher = null;
          if (polling) unwatchFile(full, onPoll);
          polling = false;
        },
      };
    },
  };
}
