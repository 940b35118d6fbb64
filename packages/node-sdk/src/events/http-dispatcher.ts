// The HTTP dispatcher: POSTs each batch as JSON (gzipped above a size) with the SDK key in `authorization`, under
// a per-request timeout. It never throws and never logs the key or the payload.
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { EnsignError, safeLog, silentLogger } from '@ensign/common';
import type { Logger } from '@ensign/common';
import { isRetryableStatus } from '@ensign/event-pipeline';
import type { DispatchOptions, DispatchResult, EventBatch, EventDispatcher } from '@ensign/event-pipeline';

const gzip = promisify(gzipCallback);

/** Options of {@link createHttpDispatcher}. */
export interface HttpDispatcherOptions {
  /** The events endpoint, `http:` or `https:`. */
  url: string;
  /** Sent as the `authorization` header; never logged. */
  sdkKey: string;
  /** Abort a request after this many ms (it then counts as a retryable network error). Default 10 000. */
  timeoutMs?: number;
  /** Bodies larger than this many bytes are sent with `content-encoding: gzip`. Default 4 096. */
  gzipThresholdBytes?: number;
  /**
   * zlib level, 1 (fastest) to 9 (smallest). Default 1: on event JSON it compresses about as well as the usual 6
   * (about 10:1) for a fraction of the CPU. Compression runs on libuv's thread pool, never on the caller's thread.
   */
  gzipLevel?: number;
  /** Extra headers (for example a proxy's). They cannot replace `authorization`, `content-type` or `content-encoding`. */
  headers?: Readonly<Record<string, string>>;
  /** Debug lines (method, endpoint without query, status, size). Default silent. */
  logger?: Logger;
  /** The fetch implementation. Default the global `fetch` of Node 20. */
  fetch?: typeof fetch;
}

/** Headers the dispatcher always sets. */
export const EVENT_HEADERS = Object.freeze({
  schema: 'x-ensign-event-schema',
  payloadId: 'x-ensign-payload-id',
  attempt: 'x-ensign-attempt',
} as const);

/**
 * Creates an {@link EventDispatcher} that POSTs batches over HTTP(S).
 * - The body is `JSON.stringify(batch)`, gzipped (asynchronously, at `gzipLevel` 1 by default) when longer than
 *   `gzipThresholdBytes`.
 * - Headers: `content-type: application/json`, `authorization: <sdkKey>`, `x-ensign-event-schema: 1`,
 *   `x-ensign-payload-id: <batchId>` (the same on every retry, so a receiver can deduplicate), `x-ensign-attempt`.
 * - A 2xx is delivered; 429 and 5xx are retryable (a `Retry-After` is passed on); any other status is not;
 *   network errors and timeouts are retryable.
 *
 * Errors: throws `EnsignError('INVALID_OPTIONS')` for a URL that is not http(s), an empty `sdkKey`, a negative
 * number, or a `gzipLevel` outside 1–9. `dispatch` never throws or rejects.
 *
 * @example
 * const dispatcher = createHttpDispatcher({ url: 'https://events.example.com/v1/batch', sdkKey: process.env.ENSIGN_SDK_KEY! });
 * const pipeline = createEventPipeline({ dispatcher, scheduler: createNodeScheduler() });
 */
export function createHttpDispatcher(options: HttpDispatcherOptions): EventDispatcher {
  const url = parseUrl(options?.url);
  if (typeof options.sdkKey !== 'string' || options.sdkKey === '') invalid('sdkKey must be a non-empty string');
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs, 10_000);
  const gzipThresholdBytes = nonNegative('gzipThresholdBytes', options.gzipThresholdBytes, 4_096);
  const gzipLevel = options.gzipLevel ?? 1;
  if (!Number.isInteger(gzipLevel) || gzipLevel < 1 || gzipLevel > 9) invalid('gzipLevel must be an integer from 1 to 9');
  const logger = options.logger ?? silentLogger;
  const doFetch = options.fetch ?? globalThis.fetch;
  const endpoint = `${url.origin}${url.pathname}`; // what logs show: never the query string
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value === 'string' && !['authorization', 'content-type', 'content-encoding', 'content-length'].includes(name.toLowerCase())) extra[name] = value;
  }

  return {
    async dispatch(batch: EventBatch, dispatchOptions: DispatchOptions): Promise<DispatchResult> {
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      const external = dispatchOptions?.signal;
      if (external?.aborted) return { delivered: false, retryable: true, error: new Error('aborted before sending') };
      external?.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      timer.unref();
      try {
        const json = Buffer.from(JSON.stringify(batch), 'utf8');
        const compress = json.length > gzipThresholdBytes;
        const body = compress ? await gzip(json, { level: gzipLevel }) : json;
        const headers: Record<string, string> = {
          ...extra,
          'content-type': 'application/json',
          authorization: options.sdkKey,
          [EVENT_HEADERS.schema]: String(batch.schemaVersion),
          [EVENT_HEADERS.payloadId]: batch.batchId,
          [EVENT_HEADERS.attempt]: String(dispatchOptions?.attempt ?? 1),
        };
        if (compress) headers['content-encoding'] = 'gzip';
        const response = await doFetch(url, { method: 'POST', headers, body, signal: controller.signal });
        // Read the body so the connection can be reused; its content does not matter.
        await response.arrayBuffer().catch(() => undefined);
        const status = response.status;
        safeLog(logger, 'debug', `[events] POST ${endpoint} -> ${status} (${batch.events.length} event(s), ${body.length} bytes${compress ? ', gzip' : ''})`);
        if (status >= 200 && status < 300) return { delivered: true, status };
        const result: DispatchResult = { delivered: false, status, retryable: isRetryableStatus(status) };
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
        return result;
      } catch (error) {
        const reason = timedOut ? `timed out after ${timeoutMs} ms` : external?.aborted ? 'aborted' : describeNetworkError(error);
        safeLog(logger, 'debug', `[events] POST ${endpoint} failed: ${reason}`);
        return { delivered: false, retryable: true, error: new Error(reason) };
      } finally {
        clearTimeout(timer);
        external?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/**
 * Reads a `Retry-After` header: a number of seconds or an HTTP date. Returns ms to wait, or undefined.
 *
 * @example
 * parseRetryAfter('120', Date.now()); // 120000
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

// A short reason from fetch's error (undici puts the system error in `cause`): "ECONNREFUSED", "ENOTFOUND"...
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message.slice(0, 120);
  if (error instanceof Error) return error.message.slice(0, 120);
  return 'network error';
}

function parseUrl(value: unknown): URL {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) invalid('url must be an http: or https: URL');
  return url;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) invalid(`${name} must be a number of at least 0`);
  return value;
}

function invalid(message: string): never {
  throw new EnsignError('INVALID_OPTIONS', message);
}
