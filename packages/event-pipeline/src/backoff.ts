// Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): retries of many
// clients spread out instead of arriving together when a receiver recovers.

/** Parameters of {@link backoffDelay}. */
export interface BackoffOptions {
  /** The ceiling of the first retry's delay, in ms. */
  baseMs: number;
  /** The largest delay, in ms. */
  maxMs: number;
  /** A source of numbers in [0, 1). */
  random: () => number;
}

/**
 * The delay before retry number `retry` (1 for the first retry): a random whole number of ms in
 * [0, min(maxMs, baseMs × 2^(retry-1))). A `retryAfterMs` hint from the receiver (`Retry-After`) raises the delay to
 * at least that much, still capped at `maxMs`.
 *
 * @example
 * backoffDelay(3, { baseMs: 1_000, maxMs: 30_000, random: () => 0.5 }); // 2000 (half of 4 000)
 */
export function backoffDelay(retry: number, options: BackoffOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  let r = options.random();
  if (!(r >= 0 && r < 1)) r = 0.5; // a broken random source must not produce NaN or negative delays
  const jittered = Math.floor(r * ceiling);
  const hint = typeof retryAfterMs === 'number' && retryAfterMs > 0 ? Math.min(retryAfterMs, options.maxMs) : 0;
  return Math.max(jittered, hint);
}
