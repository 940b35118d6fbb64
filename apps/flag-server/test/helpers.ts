// Shared helpers of the flag-server tests: temporary data folders, servers on 127.0.0.1, bounded waits, SSE reading.
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { startFlagServer } from '../src/index.js';
import type { FlagServer, FlagServerOptions } from '../src/index.js';

export const PROD_KEY = 'sdk-prod-0123456789abcdef';
export const STAGING_KEY = 'sdk-staging-0123456789abcdef';

/** The example datafile as text, with another revision when asked. */
export function datafileText(revision = '42', mutate?: (d: typeof exampleDatafile) => void): string {
  const copy = JSON.parse(JSON.stringify(exampleDatafile)) as typeof exampleDatafile;
  copy.revision = revision;
  mutate?.(copy);
  return `${JSON.stringify(copy, null, 2)}\n`;
}

/** A fresh data folder with `keys.json` and the given environment files. */
export async function makeDataDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flag-server-test-'));
  const all: Record<string, string> = {
    'keys.json': JSON.stringify({ [PROD_KEY]: 'production' }),
    'production.json': datafileText(),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Replaces a file atomically (write aside, then rename), as deploy tools do. */
export async function replaceFile(path: string, text: string | Buffer): Promise<void> {
  const aside = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(aside, text);
  await rename(aside, path);
}

/** Starts a server on 127.0.0.1 and an ephemeral port, quiet and quick to notice changes. */
export function startTestServer(dataDir: string, options: Partial<FlagServerOptions> = {}): Promise<FlagServer> {
  return startFlagServer({ port: 0, host: '127.0.0.1', dataDir, heartbeatMs: 15_000, pollIntervalMs: 50, debounceMs: 10, logger: false, ...options });
}

/** Removes a temporary folder. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Polls `check` every 20 ms until it returns a value other than undefined, at most `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One Server-Sent Event, or a comment (`event: 'comment'`). */
export interface SseMessage {
  event: string;
  data: string;
}

/** A Server-Sent Events connection read with fetch. */
export interface SseReader {
  status: number;
  headers: Headers;
  /** The next message (comments included when `comments`), waiting at most `timeoutMs`. */
  next(timeoutMs?: number, comments?: boolean): Promise<SseMessage>;
  /** Whether the server ended the stream. */
  ended(): boolean;
  close(): void;
}

/** Opens an SSE stream with fetch and parses its messages. */
export async function openSse(url: string): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  const queue: SseMessage[] = [];
  let buffer = '';
  let done = false;
  // A holder, not a `let`: TypeScript cannot see the callback assign it and would narrow it to null.
  const waiter: { wake: (() => void) | null } = { wake: null };
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader!.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          let comment = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comment = true;
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
            else if (line.startsWith('retry: ')) event = 'retry';
          }
          queue.push({ event: comment && data.length === 0 && event === 'message' ? 'comment' : event, data: data.join('\n') });
          waiter.wake?.();
        }
      }
    } catch {
      // aborted
    }
    done = true;
    waiter.wake?.();
  })();
  return {
    status: response.status,
    headers: response.headers,
    async next(timeoutMs = 5_000, comments = false) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (queue.length > 0) {
          const message = queue.shift() as SseMessage;
          if (message.event === 'retry' || (message.event === 'comment' && !comments)) continue;
          return message;
        }
        if (done) throw new Error('the stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no SSE message within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter.wake = () => {
            clearTimeout(timer);
            waiter.wake = null;
            resolve();
          };
        });
      }
    },
    ended: () => done,
    close: () => controller.abort(),
  };
}

/** A raw HTTP response: status, headers and the body's bytes as sent. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * GET `url` with node:http rather than fetch: fetch decompresses the body and hides the content-encoding that tests
 * look at.
 */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
