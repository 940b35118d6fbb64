import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./json-parse-worker.mjs', import.meta.url);

/**
 * Reads and parses a JSON file in a `worker_threads` worker, so a big datafile (tens of MB) never blocks the event
 * loop: the worker checks the size (`stat`, before reading), scans the nesting depth (linear, before
 * `JSON.parse`), parses, and hands back the value. One short-lived worker per call, ended with the call (it is not
 * unref'd: a process awaiting `onReady` must not exit mid-load). Rejects with an `Error` saying why the file was refused (too big, too deep, not JSON, unreadable).
 *
 * @example
 * const datafile = await readJsonOffThread('/etc/ensign/flags.json', { maxBytes: 64 * 1024 * 1024, maxNesting: 10_000 });
 */
export function readJsonOffThread(path: string, limits: { readonly maxBytes: number; readonly maxNesting: number }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { path, maxBytes: limits.maxBytes, maxNesting: limits.maxNesting } });
    let settled = false;
    worker.once('message', (result: { ok: boolean; value?: unknown; message?: string }) => {
      settled = true;
      if (result.ok) resolve(result.value);
      else reject(new Error(result.message ?? 'the file was refused'));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!settled) reject(error instanceof Error ? error : new Error(String(error)));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the JSON worker stopped (exit code ${code})`));
    });
  });
}
