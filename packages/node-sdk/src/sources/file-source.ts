import { watch, watchFile, unwatchFile } from 'node:fs';
import type { FSWatcher, Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Logger, Scheduler, TimerHandle } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { DatafileStore } from '../client/datafile-store.js';

/** Options of {@link createFileSource}. */
export interface FileSourceOptions {
  path: string;
  store: DatafileStore;
  scheduler: Scheduler;
  logger: Logger;
  /** Watch the file and reload on change. Default true. */
  watch?: boolean;
  /** Quiet period after the last change before reading, ms. Default 100. */
  debounceMs?: number;
  /** Polling interval of the fallback used when `fs.watch` is unavailable, ms. Default 1 000. */
  pollIntervalMs?: number;
}

/** A datafile read from disk and kept up to date. */
export interface FileSource {
  /** Reads the file once and starts watching. Resolves when the first read has been applied (or rejected). */
  start(): Promise<void>;
  /** Stops watching and cancels any pending reload; nothing keeps the process alive afterwards. */
  close(): void;
}

/**
 * Creates the `datafilePath` source. The file's directory is watched (editors and deploy tools replace files by
 * renaming, which a watch on the file itself would miss); changes are debounced, identical content is skipped, and a
 * bad update keeps the last good datafile (the store logs one error with the JSON path). Watchers and timers are
 * unref'd, and `close()` releases them.
 *
 * @example
 * const source = createFileSource({ path: './flags.json', store, scheduler, logger });
 * await source.start();
 * // ... later
 * source.close();
 */
export function createFileSource(options: FileSourceOptions): FileSource {
  const path = resolve(options.path);
  const name = basename(path);
  const debounceMs = options.debounceMs ?? 100;
  let lastText: string | undefined;
  let closed = false;
  let readSeq = 0;
  let pending: TimerHandle | null = null;
  let watcher: FSWatcher | null = null;
  let polling = false;

  const load = async (): Promise<void> => {
    const seq = ++readSeq;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (closed || seq !== readSeq) return;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      options.store.reject(`cannot read the file (${code})`, 'file', path);
      return;
    }
    // A newer read started meanwhile, or the client closed: this result is stale.
    if (closed || seq !== readSeq) return;
    if (text === lastText) return;
    lastText = text;
    options.store.apply(text, 'file', path);
  };

  const schedule = () => {
    if (closed) return;
    pending?.cancel();
    pending = options.scheduler.setTimeout(() => {
      pending = null;
      void load();
    }, debounceMs);
  };

  const onPoll = (current: Stats, previous: Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) schedule();
  };

  const startWatching = () => {
    try {
      watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
        if (filename === null || filename === name) schedule();
      });
      watcher.on('error', (error) => {
        safeLog(options.logger, 'warn', `watching ${path} failed (${(error as Error).message}); polling instead`);
        watcher?.close();
        watcher = null;
        startPolling();
      });
    } catch (error) {
      safeLog(options.logger, 'warn', `cannot watch ${path} (${(error as Error).message}); polling instead`);
      startPolling();
    }
  };

  const startPolling = () => {
    if (closed || polling) return;
    polling = true;
    watchFile(path, { persistent: false, interval: options.pollIntervalMs ?? 1_000 }, onPoll);
  };

  return {
    async start() {
      if (options.watch ?? true) startWatching();
      await load();
    },
    close() {
      if (closed) return;
      closed = true;
      pending?.cancel();
      pending = null;
      watcher?.close();
      watcher = null;
      if (polling) unwatchFile(path, onPoll);
      polling = false;
    },
  };
}
