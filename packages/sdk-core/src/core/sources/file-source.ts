import type { DatafileSource, FileSystemPort, Logger, Scheduler, TimerHandle } from '@ensign/common';
import { safeLog } from '@ensign/common';

/** Options of {@link createFileSource}. */
export interface FileSourceOptions {
  path: string;
  /** The platform's file system: reads the file and reports changes (the Node one watches the directory and polls). */
  fileSystem: FileSystemPort;
  scheduler: Scheduler;
  logger: Logger;
  /** Watch the file and reload on change. Default true. */
  watch?: boolean;
  /** Quiet period after the last change before reading, ms. Default 100. */
  debounceMs?: number;
}

/**
 * Creates the `datafilePath` source: reads the file at start and, while watching, after each change (debounced);
 * identical content is skipped, a read failure is reported to the sink (the last good datafile stays), and a stale
 * read (a newer one started, or the source closed) is dropped. `close()` stops the watch and any pending read.
 *
 * @example
 * const source = createFileSource({ path: './flags.json', fileSystem: platform.fileSystem, scheduler, logger });
 * createClient({ datafileSource: source });
 */
export function createFileSource(options: FileSourceOptions): DatafileSource {
  const { path, fileSystem } = options;
  const debounceMs = options.debounceMs ?? 100;
  let lastText: string | undefined;
  let closed = false;
  let readSeq = 0;
  let pending: TimerHandle | null = null;
  let watcher: { close(): void } | null = null;

  return {
    kind: 'file',
    start(sink) {
      const load = async (): Promise<void> => {
        const seq = ++readSeq;
        let text: string;
        try {
          text = await fileSystem.readFile(path);
        } catch (error) {
          if (closed || seq !== readSeq) return;
          const code = (error as { code?: unknown } | null)?.code;
          sink.error({ message: `cannot read the file (${typeof code === 'string' ? code : 'error'})`, retrying: false });
          return;
        }
        if (closed || seq !== readSeq || text === lastText) return;
        lastText = text;
        sink.update(text);
      };
      const schedule = () => {
        if (closed) return;
        pending?.cancel();
        pending = options.scheduler.setTimeout(() => {
          pending = null;
          void load();
        }, debounceMs);
      };
      if (options.watch ?? true) {
        try {
          watcher = fileSystem.watch(path, schedule);
        } catch (error) {
          safeLog(options.logger, 'warn', `cannot watch ${path} (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      void load();
    },
    close() {
      if (closed) return;
      closed = true;
      pending?.cancel();
      pending = null;
      watcher?.close();
      watcher = null;
    },
  };
}
