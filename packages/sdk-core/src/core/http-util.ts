// Small helpers shared by everything that talks HTTP through the platform's HttpClient.
import { maskSecretsIn } from '@ensign/common';

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

/**
 * A short reason for a failed request, for a log line: a timeout, an abort, or the system error code that fetch
 * puts in `cause` ("ECONNREFUSED", "ENOTFOUND"...). Secret-looking parts of a message (URL credentials, key/token/
 * secret/password/sig query parameters, authorization values, long tokens) are masked with `maskSecretsIn`.
 *
 * @example
 * describeNetworkError(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 5_000); // 'ECONNREFUSED'
 */
export function describeNetworkError(error: unknown, timeoutMs?: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') return timeoutMs === undefined ? 'timed out' : `timed out after ${timeoutMs} ms`;
  if (name === 'AbortError') return 'aborted';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return maskSecretsIn(cause.message).slice(0, 160);
  if (error instanceof Error) return maskSecretsIn(error.message).slice(0, 160);
  return 'network error';
}
