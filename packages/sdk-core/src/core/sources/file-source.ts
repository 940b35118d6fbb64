import type { DatafileSink, DatafileSource, FileSystemPort, Logger, Scheduler, TimerHandle } from '@ensign/common';
import { safeLog } from '@ensign/common';
import { DEFAULT_PARSE_OPTIONS, findDeepNesting } from '@ensign/datafile-schema';

/** Deepest JSON nesting read from a file; deeper documents are refused before `JSON.parse` (the parser's own bound). */
const MAX_NESTING = 10_000;

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
  /** Largest file read, in bytes: a bigger one is refused after a `stat`, without reading it. Default 64 MiB. */
  maxBytes?: number;
  /** Files above this many bytes are parsed off the main thread when the file system can (`readJson`). Default 4 MiB. */
  offThreadAbove?: number;
}

type Read = { ok: true; document: string | unknown; version: string } | { ok: false; message: string };

const codeOf = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
};

/**
 * Reads the file with every bound checked before the costly step: its size by `stat` (over `maxBytes`: refused
 * unread), a big file parsed off-thread by `readJson`, a smaller one scanned for deep nesting before it reaches the
 * store's `JSON.parse`. `version` identifies the content (the text, or the stat version of an off-thread read).
 */
async function readBounded(fileSystem: FileSystemPort, path: string, maxBytes: number, offThreadAbove: number): Promise<Read> {
  let size: number | undefined;
  let version: string | undefined;
  if (fileSystem.stat) {
    try {
      ({ size, version } = await fileSystem.stat(path));
    } catch (error) {
      return { ok: false, message: `cannot read the file (${codeOf(error)})` };
    }
    if (size > maxBytes) return { ok: false, message: `the file is ${size} bytes, more than ${maxBytes} (maxBytes); it was not read` };
  }
  if (size !== undefined && version !== undefined && size > offThreadAbove && fileSystem.readJson) {
    try {
      return { ok: true, document: await fileSystem.readJson(path, { maxBytes, maxNesting: MAX_NESTING }), version };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : 'the file was refused' };
    }
  }
  let text: string;
  try {
    text = await fileSystem.readFile(path);
  } catch (error) {
    return { ok: false, message: `cannot read the file (${codeOf(error)})` };
  }
  if (text.length > maxBytes) return { ok: false, message: `the file is more than ${maxBytes} bytes (maxBytes); it was not parsed` };
  const at = findDeepNesting(text, MAX_NESTING);
  if (at >= 0) return { ok: false, message: `the JSON is nested deeper than ${MAX_NESTING} levels at position ${at}; it was not parsed` };
  return { ok: true, document: text, version: text };
}

/**
 * Creates the `datafilePath` source: reads the file at start and, while watching, after each change (debounced);
 * identical content is skipped, a read failure is reported to the sink (the last good datafile stays), and a stale
 * read (a newer one started, or the source closed) is dropped. Nothing blocks the event loop for long: a file over
 * `maxBytes` (64 MiB) is refused after a `stat` without being read, one over `offThreadAbove` (4 MiB) is parsed off
 * the main thread when the platform can, and nesting deeper than 10 000 levels is refused by a linear scan before
 * any `JSON.parse`. `close()` stops the watch and any pending read.
 *
 * @example
 * const source = createFileSource({ path: './flags.json', fileSystem: platform.fileSystem, scheduler, logger });
 * createClient({ datafileSource: source });
 */
export function createFileSource(options: FileSourceOptions): DatafileSource {
  const { path, fileSystem } = options;
  const debounceMs = options.debounceMs ?? 100;
  const maxBytes = options.maxBytes ?? DEFAULT_PARSE_OPTIONS.maxBytes;
  const offThreadAbove = options.offThreadAbove ?? 4 * 1024 * 1024;
  let lastVersion: string | undefined;
  let closed = false;
  let readSeq = 0;
  let pending: TimerHandle | null = null;
  let watcher: { close(): void } | null = null;

  return {
    kind: 'file',
    start(sink) {
      const load = async (): Promise<void> => {
        const seq = ++readSeq;
        const read = await readBounded(fileSystem, path, maxBytes, offThreadAbove);
        if (closed || seq !== readSeq) return;
        push(sink, read);
      };
      const push = (target: DatafileSink, read: Read) => {
        if (!read.ok) {
          target.error({ message: read.message, retrying: false });
          return;
        }
        if (read.version === lastVersion) return;
        lastVersion = read.version;
        target.update(read.document);
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
