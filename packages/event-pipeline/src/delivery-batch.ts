// The batches of the delivery half of a pipeline (delivery.ts): their types and the pure helpers over them. Internal.
import type { TimerHandle } from '@ensign/common';
import type { IdHead } from './event-id.js';
import type { EnsignEvent, RedactedContext } from './events.js';
import type { DropReason, EventPipelineStats, FlushResult } from './results.js';

export type Outcome = 'sent' | 'failed' | 'dropped';

export interface Batch {
  id: string;
  events: EnsignEvent[];
  /** Estimated serialized size of the events. */
  bytes: number;
  attempts: number;
  outcome: Outcome | null;
  done: Promise<void>;
  resolveDone: () => void;
  timer: TimerHandle | null;
  controller: AbortController | null;
}

/** The delivery half of a pipeline. Internal. */
export interface Delivery {
  /** Open: records are accepted. False once `close()` was called. */
  isOpen(): boolean;
  /** Whether one more event fits without dropping (always true under `drop-oldest`). */
  hasCapacity(): boolean;
  /**
   * Whether a summary may be queued now: fewer than `maxQueueSize` events and at most half of `maxQueueBytes` held.
   * A summary is queued regardless of its size then (it is bounded by the summary caps); otherwise it waits.
   */
  hasRoomForSummary(): boolean;
  /**
   * Records and queues an event, its size estimated once here; under `drop-oldest` a full queue (in count or bytes)
   * drops its oldest unbatched events. False when it was dropped (counted). `force` skips the bounds (the last
   * summary at close: one event).
   */
  enqueue(event: EnsignEvent, force?: boolean): boolean;
  /**
   * Records and queues an index event as a compact record: its context's snapshot (already what may leave the
   * process, `contextSize` its estimated JSON size), the id reserved from the default id sequence (`head`, `low`) and
   * its timestamp. The event object is built when its batch is made. Same bounds and result as `enqueue`.
   */
  enqueueIndex(context: RedactedContext, contextSize: number, head: IdHead, low: number, timestamp: number): boolean;
  /** Records and drops events that were never created (full queue, closed pipeline, bad input), with a rate-limited log line. */
  countDropped(n: number, why: DropReason): void;
  flush(timeoutMs: number): Promise<FlushResult>;
  close(timeoutMs: number): Promise<FlushResult>;
  stats(): EventPipelineStats;
}

/** What a flush or close covered, by outcome: the events of settled batches, and those still pending. */
export function tally(covered: readonly Batch[]): FlushResult {
  const r: FlushResult = { delivered: 0, pending: 0, failed: 0, dropped: 0 };
  for (const b of covered) {
    const n = b.events.length;
    if (b.outcome === 'sent') r.delivered += n;
    else if (b.outcome === 'failed') r.failed += n;
    else if (b.outcome === 'dropped') r.dropped += n;
    else r.pending += n;
  }
  return r;
}

/** Takes `lost` out of a batch (events another process already sent); returns the estimated bytes removed. */
export function removeEvents(batch: Batch, lost: ReadonlySet<EnsignEvent>, sizeOf: (event: EnsignEvent) => number): number {
  let bytes = 0;
  for (const event of lost) bytes += Math.max(0, sizeOf(event));
  bytes = Math.min(bytes, batch.bytes);
  batch.events = batch.events.filter((event) => !lost.has(event));
  batch.bytes -= bytes;
  return bytes;
}
