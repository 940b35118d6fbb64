// The delivery port: the pipeline hands batches to a dispatcher and reads back what happened. node-sdk supplies an
// HTTP dispatcher; tests and benchmarks pass their own.
import type { RuntimeAbortSignal } from '@ensign/common';
import type { EventBatch } from './events.js';

/** What the pipeline tells a dispatcher about one attempt. */
export interface DispatchOptions {
  /** Aborted when the pipeline gives up on the attempt (`close()` past its timeout). */
  signal?: RuntimeAbortSignal;
  /** 1 for the first attempt of a batch, 2 for its first retry, and so on. */
  attempt: number;
}

/**
 * The outcome of one attempt.
 * - `delivered: true`: the receiver accepted the batch (a 2xx).
 * - otherwise `retryable` says whether to try again; when it is absent the pipeline derives it from `status`
 *   with {@link isRetryableStatus} (no status, as for a network error, is retryable).
 */
export interface DispatchResult {
  delivered: boolean;
  /** The HTTP status, when there was a response. */
  status?: number;
  retryable?: boolean;
  /** Wait at least this long before the next attempt (a parsed `Retry-After`). */
  retryAfterMs?: number;
  /** What went wrong, for the log line (its message is logged, never the payload). */
  error?: unknown;
}

/**
 * The port every dispatcher implements. `dispatch` should settle (resolve) in bounded time and never reject; a
 * rejection or a synchronous throw is treated as a retryable network error.
 *
 * @example
 * const dispatcher: EventDispatcher = {
 *   async dispatch(batch) {
 *     await myQueue.send(JSON.stringify(batch));
 *     return { delivered: true };
 *   },
 * };
 */
export interface EventDispatcher {
  dispatch(batch: EventBatch, options: DispatchOptions): Promise<DispatchResult>;
}

/**
 * Tells whether an HTTP status is worth a retry: 429 and every 5xx are; any other 4xx is not (the batch is
 * dropped with one log line); `undefined` (no response: a network error or a timeout) is.
 *
 * @example
 * isRetryableStatus(503); // true
 * isRetryableStatus(400); // false
 */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  if (status === 429) return true;
  return status >= 500 && status <= 599;
}

/**
 * A short description of a failed attempt for a log line: `HTTP 503`, the error's name and message (at most 200
 * characters), or `network error`. Internal.
 */
export function describeResult(result: DispatchResult | undefined): string {
  if (typeof result?.status === 'number') return `HTTP ${result.status}`;
  const e = result?.error;
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 200);
  return 'network error';
}
