// The pipeline's counters: every event recorded ends up sent, failed or dropped (with a reason), and drops are
// logged at most once per reason and flush interval. Internal to the delivery.
import { createRateLimitedLogger } from '@ensign/common';
import type { ResolvedOptions } from './options.js';
import type { DropReason } from './results.js';

/** Event counters since creation. */
export interface Counts {
  recorded: number;
  sent: number;
  retried: number;
  failed: number;
  dropped: number;
}

/** The counters, and the one way to count a drop. */
export interface Accounting {
  readonly counts: Counts;
  readonly reasons: Record<DropReason, number>;
  /** Counts `n` recorded events as dropped for `why`, with a rate-limited `warn` line (counts only, no payload). */
  drop(n: number, why: DropReason): void;
}

const WHAT: Record<DropReason, (o: ResolvedOptions) => string> = {
  'queue-full': (o) => `event queue full (maxQueueSize ${o.maxQueueSize}, ${o.overflow})`,
  'queue-bytes': (o) => `event queue full in bytes (maxQueueBytes ${o.maxQueueBytes}, ${o.overflow})`,
  closed: () => 'event recorded after close() was dropped',
  'close-timeout': () => 'events not delivered when close() gave up were dropped',
  invalid: () => 'an event was dropped: its input, context or values could not be read, redacted or copied as JSON',
  'private-identity': () => 'an event was dropped: it could only carry an id that is the value of a private attribute',
  'shared-duplicate': () => 'another process of the fleet already sent these events (sharedDedup)',
};

/** Creates the counters of a delivery. */
export function createAccounting(o: ResolvedOptions): Accounting {
  const counts: Counts = { recorded: 0, sent: 0, retried: 0, failed: 0, dropped: 0 };
  const reasons: Record<DropReason, number> = { 'queue-full': 0, 'queue-bytes': 0, closed: 0, 'close-timeout': 0, invalid: 0, 'private-identity': 0, 'shared-duplicate': 0 };
  const limited = createRateLimitedLogger(o.logger, { clock: o.clock, windowMs: o.flushIntervalMs });
  return {
    counts,
    reasons,
    drop(n, why) {
      counts.dropped += n;
      reasons[why] += n;
      if (why !== 'close-timeout' && why !== 'shared-duplicate') limited.log('warn', why, `[event-pipeline] ${WHAT[why](o)}: ${reasons[why]} event(s) dropped for this reason so far`);
    },
  };
}
