import type { Clock } from '@ensign/common';
import type { QuarantinedEntity } from '@ensign/datafile-schema';
import type { EventPipelineStats } from '@ensign/event-pipeline';
import type { DatafileSourceKind } from './emitter.js';

/** The last run-time error the client saw. */
export interface StatusError {
  message: string;
  /** JSON path of the first problem, for datafile errors. */
  path?: string;
  /** When it happened, ms since the epoch. */
  at: number;
}

/** A snapshot of the client's state, from `client.getStatus()`. */
export interface ClientStatus {
  /** A valid datafile is in use. */
  ready: boolean;
  /** `close()` was called. */
  closed: boolean;
  /** Revision of the datafile in use; null before the first one. */
  revision: string | null;
  /** Where the datafile in use came from. */
  source: DatafileSourceKind | null;
  /** When the datafile in use was applied, ms since the epoch. */
  updatedAt: number | null;
  /** How long ago it was applied, in ms. */
  ageMs: number | null;
  /** Number of datafiles applied since creation. */
  updates: number;
  /** The last error (a rejected datafile update, a failed fetch...); cleared by the next good update. */
  lastError: StatusError | null;
  /** When the last good datafile was applied, ms since the epoch (the same as `updatedAt`). */
  lastSuccessAt: number | null;
  /** Failed updates or fetches since the last good one. */
  consecutiveFailures: number;
  /**
   * Flags, segments, audiences... of the datafile in use that are quarantined (each answers its vendor's error while
   * the rest serve), with their JSON paths.
   */
  quarantined: readonly QuarantinedEntity[];
  /** Quarantined entities whose last good version (from an earlier datafile) stays in force. */
  keptLastGood: readonly QuarantinedEntity[];
  /** Event counters (queued now, sent, retried, failed, dropped); null when events are off or after close. */
  events: EventPipelineStats | null;
}

/** The writable side of the status, used by the client's parts. */
export interface StatusTracker {
  snapshot(ready: boolean, events?: EventPipelineStats | null): ClientStatus;
  applied(revision: string, source: DatafileSourceKind, quarantined?: readonly QuarantinedEntity[], kept?: readonly QuarantinedEntity[]): void;
  failed(message: string, path?: string): void;
  /** The source delivered the datafile in use again: the failures in a row and the last error are over. */
  confirmed(): void;
  closed(): void;
}

/**
 * Creates the tracker behind `getStatus()`.
 *
 * @example
 * const status = createStatusTracker(systemClock);
 * status.applied('42', 'file');
 * status.snapshot(true).revision; // "42"
 */
export function createStatusTracker(clock: Clock): StatusTracker {
  let revision: string | null = null;
  let source: DatafileSourceKind | null = null;
  let updatedAt: number | null = null;
  let updates = 0;
  let lastError: StatusError | null = null;
  let isClosed = false;
  let consecutiveFailures = 0;
  let quarantined: readonly QuarantinedEntity[] = [];
  let keptLastGood: readonly QuarantinedEntity[] = [];
  return {
    snapshot(ready, events = null) {
      return {
        ready,
        closed: isClosed,
        revision,
        source,
        updatedAt,
        ageMs: updatedAt === null ? null : Math.max(0, clock.now() - updatedAt),
        updates,
        lastError: lastError && { ...lastError },
        lastSuccessAt: updatedAt,
        consecutiveFailures,
        quarantined,
        keptLastGood,
        events,
      };
    },
    applied(rev, src, q = [], kept = []) {
      revision = rev;
      quarantined = q;
      keptLastGood = kept;
      consecutiveFailures = 0;
      lastError = null;
      source = src;
      updatedAt = clock.now();
      updates += 1;
    },
    failed(message, path) {
      consecutiveFailures += 1;
      lastError = path === undefined ? { message, at: clock.now() } : { message, path, at: clock.now() };
    },
    confirmed() {
      consecutiveFailures = 0;
      lastError = null;
    },
    closed() {
      isClosed = true;
    },
  };
}
