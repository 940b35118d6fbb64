// What flush and close report, and the pipeline's counters.

/**
 * What a `flush` or `close` achieved for the events it covered (every event held when it was called, plus the
 * summary it produced): delivered, still pending when the timeout passed, failed for good, or dropped.
 */
export interface FlushResult {
  delivered: number;
  pending: number;
  failed: number;
  dropped: number;
}

/**
 * Counters of a pipeline. `queued` is a gauge (events held now: queued, waiting for a retry or in flight); the
 * others count events since creation. Every event recorded is, at any time, counted in exactly one of
 * `queued`, `sent`, `failed` and `dropped` (a record refused outright, when the queue is full or the pipeline
 * closed, counts as dropped).
 */
export interface EventPipelineStats {
  queued: number;
  sent: number;
  /** Events sent again after a failed attempt (an event retried twice counts twice). */
  retried: number;
  /** Events given up on: retries exhausted, or rejected by the receiver (a 4xx other than 429). */
  failed: number;
  /** Events never delivered by policy: the queue was full, the pipeline was closed, or `close()` timed out. */
  dropped: number;
}
