// The HTTP event dispatcher: POSTs each batch as JSON (gzipped above a size, when the platform can) with the SDK key
// in `authorization`, through the platform's HttpClient. It never throws and never logs the key or the payload.
import { EnsignError, maskSecretsIn, safeLog, silentLogger } from '@ensign/common';
import type { HttpClient, Logger } from '@ensign/common';
import { isRetryableStatus } from '@ensign/event-pipeline';
import type { DispatchOptions, DispatchResult, EventBatch, EventDispatcher } from '@ensign/event-pipeline';
import { describeNetworkError, parseRetryAfter } from '../http-util.js';

/** Options of {@link createHttpDispatcher}. */
export interface HttpDispatcherOptions {
  /** The network port (the Node platform's, or a fake in tests). */
  http: HttpClient;
  /** The events endpoint, `http:` or `https:`. */
  url: string;
  /** Sent as the `authorization` header; never logged. */
  sdkKey: string;
  /** Abort a request after this many ms (it then counts as a retryable network error). Default 10 000. */
  timeoutMs?: number;
  /** Bodies larger than this many bytes are gzipped (when `gzip` is given). Default 4 096. */
  gzipThresholdBytes?: number;
  /** Compresses a body; without it bodies are sent as they are. Node's runs on libuv's thread pool at level 1. */
  gzip?: (data: Uint8Array) => Promise<Uint8Array>;
  /** Extra headers (for example a proxy's). They cannot replace `authorization`, `content-type` or `content-encoding`. */
  headers?: Readonly<Record<string, string>>;
  /** Debug lines (method, endpoint without query, status, size). Default silent. */
  logger?: Logger;
}

/** Headers the dispatcher always sets. */
export const EVENT_HEADERS = Object.freeze({
  schema: 'x-ensign-event-schema',
  payloadId: 'x-ensign-payload-id',
  attempt: 'x-ensign-attempt',
} as const);

const encoder = new TextEncoder();
const RESERVED = new Set(['authorization', 'content-type', 'content-encoding', 'content-length']);

/**
 * Creates an {@link EventDispatcher} that POSTs batches over HTTP(S).
 * - The body is `JSON.stringify(batch)`, gzipped when longer than `gzipThresholdBytes` and `gzip` is given.
 * - Headers: `content-type: application/json`, `authorization: <sdkKey>`, `x-ensign-event-schema: 1`,
 *   `x-ensign-payload-id: <batchId>` (the same on every retry, so a receiver can deduplicate), `x-ensign-attempt`.
 * - A 2xx is delivered; 429 and 5xx are retryable (a `Retry-After` is passed on); any other status is not;
 *   network errors and timeouts are retryable.
 *
 * Errors: throws `EnsignError('INVALID_OPTIONS')` for a URL that is not http(s) or holds credentials, an empty `sdkKey` or a negative
 * number. `dispatch` never throws or rejects.
 *
 * @example
 * const dispatcher = createHttpDispatcher({ http: platform.http, url: 'https://events.example.com/v1/batch', sdkKey });
 * const pipeline = createEventPipeline({ dispatcher, scheduler: platform.scheduler });
 */
export function createHttpDispatcher(options: HttpDispatcherOptions): EventDispatcher {
  const url = parseUrl(options?.url);
  if (typeof options.sdkKey !== 'string' || options.sdkKey === '') invalid('sdkKey must be a non-empty string');
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs, 10_000);
  const gzipThresholdBytes = nonNegative('gzipThresholdBytes', options.gzipThresholdBytes, 4_096);
  const logger = options.logger ?? silentLogger;
  const endpoint = `${url.origin}${url.pathname}`; // what logs show: never the query string
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value === 'string' && !RESERVED.has(name.toLowerCase())) extra[name.toLowerCase()] = value;
  }

  return {
    async dispatch(batch: EventBatch, dispatchOptions: DispatchOptions): Promise<DispatchResult> {
      const external = dispatchOptions?.signal;
      if (external?.aborted) return { delivered: false, retryable: true, error: new Error('aborted before sending') };
      try {
        const json = encoder.encode(JSON.stringify(batch));
        const compress = options.gzip !== undefined && json.length > gzipThresholdBytes;
        const body = compress ? await (options.gzip as (d: Uint8Array) => Promise<Uint8Array>)(json) : json;
        const headers: Record<string, string> = {
          ...extra,
          'content-type': 'application/json',
          authorization: options.sdkKey,
          [EVENT_HEADERS.schema]: String(batch.schemaVersion),
          [EVENT_HEADERS.payloadId]: batch.batchId,
          [EVENT_HEADERS.attempt]: String(dispatchOptions?.attempt ?? 1),
        };
        if (compress) headers['content-encoding'] = 'gzip';
        const response = await options.http.request({
          method: 'POST',
          url: url.href,
          headers,
          body,
          timeoutMs,
          ...(external ? { signal: external } : {}),
        });
        const status = response.status;
        safeLog(logger, 'debug', `[events] POST ${maskSecretsIn(endpoint)} -> ${status} (${batch.events.length} event(s), ${body.length} bytes${compress ? ', gzip' : ''})`);
        if (status >= 200 && status < 300) return { delivered: true, status };
        const result: DispatchResult = { delivered: false, status, retryable: isRetryableStatus(status) };
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'] ?? null, Date.now());
        if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
        return result;
      } catch (error) {
        const reason = external?.aborted ? 'aborted' : describeNetworkError(error, timeoutMs);
        safeLog(logger, 'debug', `[events] POST ${maskSecretsIn(endpoint)} failed: ${reason}`);
        return { delivered: false, retryable: true, error: new Error(reason) };
      }
    },
  };
}

function parseUrl(value: unknown): URL {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) invalid('url must be an http: or https: URL');
  if (url.username !== '' || url.password !== '') invalid('url must not hold credentials (user:password@): the SDK key authenticates events');
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
