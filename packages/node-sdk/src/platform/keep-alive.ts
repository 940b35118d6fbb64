/**
 * Keeps the process alive while `work` runs, for at most `maxMs`. Ensign's own timers are unref'd so they never hold
 * a process open; but a caller awaiting `flush()` or `close()` at the end of a script expects the wait to happen (an
 * unref'd retry delay would otherwise let Node exit mid-flush, with "unsettled top-level await"). The hold is one
 * ref'd timer, cleared as soon as `work` settles.
 *
 * @example
 * const result = await keepAliveWhile(pipeline.close({ timeoutMs: 2_000 }), 2_000);
 */
export function keepAliveWhile<T>(work: Promise<T>, maxMs: number): Promise<T> {
  // Clamped: Node fires a timer of more than 2^31 - 1 ms after 1 ms (TimeoutOverflowWarning), which would let the
  // process exit mid-flush. NaN and negative waits hold for the minimum.
  const ms = Number.isNaN(maxMs) ? 0 : Math.min(Math.max(0, maxMs) + 50, 2_147_483_647);
  const hold = setTimeout(() => {}, ms);
  return work.finally(() => clearTimeout(hold));
}
