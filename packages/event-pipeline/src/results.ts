// What flush and close report, and the pipeline's counters.

/**
 * What a `flush` or `close` achieved for the events it covered (every event held when it was called, plus the
 * summary it produced): delivered, still pending when the timeout passed, failed for good, or dropped. After
 * `close()`, `pending` is always 0: what was still in flight is counted as failed.
 */
export interface FlushResult {
  delivered: number;
  pending: number;
  failed: number;
  dropped: number;
}

/** Why an event was dropped. */
export type DropReason =
  /** The queue held `maxQueueSize` events. */
  | 'queue-full'
  /** The queue held `maxQueueBytes` (or the event alone is bigger). */
  | 'queue-bytes'
  /** Recorded after `close()`. */
  | 'closed'
  /** Still queued or waiting for a retry when `close()` gave up. */
  | 'close-timeout'
  /** An input, context or value that could not be read, redacted or copied as JSON. */
  | 'invalid'
  /** The event could only carry a private id (see the README's Privacy section). */
  | 'private-identity'
  /** Another process of the fleet already sent the same index, assignment or exposure event (`sharedDedup`). */
  | 'shared-duplicate';

/** The drop reasons as run-time values. */
export const DROP_REASONS = Object.freeze({
  'queue-full': 'queue-full',
  'queue-bytes': 'queue-bytes',
  closed: 'closed',
  'close-timeout': 'close-timeout',
  invalid: 'invalid',
  'private-identity': 'private-identity',
  'shared-duplicate': 'shared-duplicate',
} as const satisfies Record<DropReason, DropReason>);

/**
 * Counters of a pipeline. `queued` and `queuedBytes` are gauges (events held now: queued, waiting for a retry or in
 * flight); the others count events since creation. The accounting invariant: at any time
 * `recorded === queued + sent + failed + dropped`, and after `close()` resolves `queued === 0`. An event refused
 * outright (queue full, pipeline closed, unreadable input) is recorded and dropped.
 */
export interface EventPipelineStats {
  /** Events created or refused since creation (summaries and index events included). */
  recorded: number;
  queued: number;
  /** Estimated serialized size of the events held now, in bytes (characters of JSON). */
  queuedBytes: number;
  sent: number;
  /** Events sent again after a failed attempt (an event retried twice counts twice). */
  retried: number;
  /**
   * Events given up on: retries exhausted, rejected by the receiver (a 4xx other than 429), or still in flight
   * when `close()` gave up (their outcome can no longer be known).
   */
  failed: number;
  /** Events never delivered by policy; `dropReasons` says why. */
  dropped: number;
  /** `dropped`, by reason. */
  dropReasons: Record<DropReason, number>;
}
