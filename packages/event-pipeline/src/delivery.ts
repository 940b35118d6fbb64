// Delivery: a bounded queue, batches, retries with backoff, flush and close. Every event ends up sent, failed or
// dropped, and is counted; only ids and counts are logged.
import { safeLog } from '@ensign/common';
import type { TimerHandle } from '@ensign/common';
import { createAccounting } from './accounting.js';
import { backoffDelay } from './backoff.js';
import { clampDelay } from './delay.js';
import { describeResult, isRetryableStatus } from './dispatcher.js';
import type { DispatchResult } from './dispatcher.js';
import { createAdmission, createIndexEventQueue } from './queue-bounds.js';
import { EVENT_SCHEMA_VERSION } from './events.js';
import type { EnsignEvent, EventBatch } from './events.js';
import { INDEX_EVENT_BASE_SIZE, createEventSizer } from './event-size.js';
import type { FlushResult } from './results.js';
import type { ResolvedOptions } from './options.js';
import type { SharedDedupGate } from './shared-dedup-gate.js';
import { removeEvents, tally } from './delivery-batch.js';
import type { Batch, Delivery, Outcome } from './delivery-batch.js';

export type { Delivery } from './delivery-batch.js';

/**
 * Creates the delivery half. `beforeFlush` runs at the start of every flush (the pipeline queues its summary there);
 * `final` is true for the flush of `close()`. `shared` (the `sharedDedup` option) names, before a batch's first
 * attempt, the events another process already sent: they leave the batch, dropped as `shared-duplicate`.
 */
export function createDelivery(o: ResolvedOptions, beforeFlush: (final: boolean) => void, shared?: SharedDedupGate): Delivery {
  const queue = createIndexEventQueue();
  const ready: Batch[] = [];
  const waiting = new Set<Batch>();
  const inFlight = new Set<Batch>();
  const flushWaits = new Set<() => void>();
  const { counts, reasons, drop } = createAccounting(o);
  const sizeOf = createEventSizer(o.maxQueueBytes);
  let batched = 0; // events inside batches not yet settled
  let batchedBytes = 0; // and their estimated size
  let state: 'open' | 'closing' | 'closed' = 'open';
  let pumpQueued = false;
  let closing: Promise<FlushResult> | null = null;
  const interval: TimerHandle = o.scheduler.setInterval(() => kick(false), clampDelay(o.flushIntervalMs));

  const held = () => queue.size + batched;
  const heldBytes = () => queue.bytes + batchedBytes;
  const log = (level: 'debug' | 'warn' | 'error', message: string) => safeLog(o.logger, level, `[event-pipeline] ${message}`);

  // Takes the next `batchSize` queued events into a batch. The id comes first: should the idGenerator throw, the
  // events stay queued and counted.
  const makeBatch = (): Batch => {
    const id = o.idGenerator();
    const before = queue.bytes;
    const events = queue.take(o.batchSize);
    const bytes = before - queue.bytes;
    let resolveDone = () => {};
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    batched += events.length;
    batchedBytes += bytes;
    return { id, events, bytes, attempts: 0, outcome: null, done, resolveDone, timer: null, controller: null };
  };

  const settle = (batch: Batch, outcome: Outcome) => {
    if (batch.outcome !== null) return;
    batch.outcome = outcome;
    batched -= batch.events.length;
    batchedBytes -= batch.bytes;
    if (batched === 0) batchedBytes = 0; // no drift from the running sum
    counts[outcome] += batch.events.length;
    if (outcome === 'dropped') reasons['close-timeout'] += batch.events.length;
    batch.resolveDone();
  };

  const pump = () => {
    if (state === 'closed') return;
    while (inFlight.size < o.maxConcurrentBatches) {
      let batch = ready.shift();
      if (batch === undefined && queue.size >= o.batchSize) {
        try {
          batch = makeBatch();
        } catch {
          return; // an idGenerator that throws: the events stay queued for the next flush
        }
      }
      if (batch === undefined) return;
      void send(batch);
    }
  };

  // The microtask behind a full batch (pump never throws: nothing would catch it here).
  const pumpSoon = () => {
    pumpQueued = false;
    pump();
  };

  // The `sharedDedup` check before a batch's first attempt. False when the batch needs no attempt any more (every
  // event was sent by another process, or close() settled it meanwhile).
  const checkShared = async (batch: Batch, pending: Promise<ReadonlySet<EnsignEvent>>): Promise<boolean> => {
    const lost = await pending;
    if (batch.outcome === null && lost.size > 0) {
      const bytes = removeEvents(batch, lost, sizeOf);
      batched -= lost.size;
      batchedBytes -= bytes;
      drop(lost.size, 'shared-duplicate');
      if (batch.events.length === 0) settle(batch, 'sent');
    }
    if (batch.outcome === null) return true;
    inFlight.delete(batch);
    pump();
    return false;
  };

  const send = async (batch: Batch): Promise<void> => {
    batch.attempts += 1;
    if (batch.attempts > 1) counts.retried += batch.events.length;
    inFlight.add(batch);
    const pending = batch.attempts === 1 ? (shared?.check(batch.events) ?? null) : null;
    if (pending !== null && !(await checkShared(batch, pending))) return;
    const controller = new AbortController();
    batch.controller = controller;
    const payload: EventBatch = { schemaVersion: EVENT_SCHEMA_VERSION, batchId: batch.id, sentAt: o.clock.now(), events: batch.events };
    let result: DispatchResult | undefined;
    try {
      result = await o.dispatcher.dispatch(payload, { signal: controller.signal, attempt: batch.attempts });
    } catch (error) {
      result = { delivered: false, error };
    }
    inFlight.delete(batch);
    batch.controller = null;
    try {
      onResult(batch, result);
    } catch {
      settle(batch, 'failed'); // only a scheduler that throws gets here; the batch must not stay pending forever
    }
    pump();
  };

  const onResult = (batch: Batch, result: DispatchResult | undefined) => {
    if (batch.outcome !== null) return; // settled by close() while in flight
    if (result?.delivered === true) return settle(batch, 'sent');
    const n = batch.events.length;
    const status = typeof result?.status === 'number' ? result.status : undefined;
    const retryable = typeof result?.retryable === 'boolean' ? result.retryable : isRetryableStatus(status);
    const why = describeResult(result);
    if (!retryable) {
      log('error', `batch ${batch.id}: the receiver rejected ${n} event(s) (${why}); they are dropped, not retried`);
      return settle(batch, 'failed');
    }
    if (state === 'closed' || batch.attempts > o.maxRetries) {
      log('warn', `batch ${batch.id}: ${n} event(s) failed after ${batch.attempts} attempt(s) (${why})`);
      return settle(batch, 'failed');
    }
    const delay = clampDelay(backoffDelay(batch.attempts, { baseMs: o.retryBaseDelayMs, maxMs: o.retryMaxDelayMs, random: o.random }, result?.retryAfterMs));
    log('debug', `batch ${batch.id}: attempt ${batch.attempts} failed (${why}); retrying in ${delay} ms`);
    waiting.add(batch);
    batch.timer = o.scheduler.setTimeout(() => {
      batch.timer = null;
      waiting.delete(batch);
      ready.unshift(batch);
      pump();
    }, delay);
  };

  // Moves every queued event into batches and sends what the concurrency limit allows.
  const kick = (final: boolean) => {
    if (state === 'closed') return;
    try {
      beforeFlush(final);
    } catch {
      // The summary hook must not stop a flush.
    }
    try {
      while (queue.size > 0) ready.push(makeBatch());
    } catch {
      // An idGenerator that throws: what is not batched stays queued (and counted) for the next flush.
    }
    pump();
  };

  const waitFor = (covered: Batch[], timeoutMs: number): Promise<FlushResult> => {
    if (covered.every((b) => b.outcome !== null)) return Promise.resolve(tally(covered));
    return new Promise((resolve) => {
      let timer: TimerHandle | null = null;
      const finish = () => {
        if (!flushWaits.delete(finish)) return;
        timer?.cancel();
        resolve(tally(covered));
      };
      flushWaits.add(finish);
      timer = o.scheduler.setTimeout(finish, clampDelay(timeoutMs));
      void Promise.all(covered.map((b) => b.done)).then(finish);
    });
  };

  const allBatches = () => [...inFlight, ...waiting, ...ready];

  // The end of close(): nothing is sent any more and no timer is left. Every event is counted before close()
  // resolves: what is queued or waits for a retry is dropped, what is in flight is failed (its request is aborted,
  // and whatever it answers later no longer counts).
  const stop = () => {
    state = 'closed';
    interval.cancel();
    let dropped = 0;
    for (const b of [...waiting, ...ready]) {
      b.timer?.cancel();
      b.timer = null;
      dropped += b.events.length;
      settle(b, 'dropped');
    }
    waiting.clear();
    ready.length = 0;
    const left = queue.take(queue.size).length;
    counts.dropped += left;
    reasons['close-timeout'] += left;
    dropped += left;
    let failed = 0;
    for (const b of inFlight) {
      b.controller?.abort();
      failed += b.events.length;
      settle(b, 'failed');
    }
    for (const finish of [...flushWaits]) finish();
    if (dropped > 0) log('warn', `close(): ${dropped} event(s) not delivered in time were dropped`);
    if (failed > 0) log('warn', `close(): ${failed} event(s) still in flight were counted as failed (their requests were aborted)`);
  };

  const admit = createAdmission(o, queue, held, heldBytes, drop);
  const afterPush = () => {
    if (queue.size >= o.batchSize && !pumpQueued && state === 'open' && inFlight.size < o.maxConcurrentBatches) {
      // A full batch leaves as soon as the caller's synchronous work ends: a microtask, not a timer, so any
      // `await` of the caller (not only a turn of the event loop) lets the queue drain.
      pumpQueued = true;
      queueMicrotask(pumpSoon);
    }
  };

  return {
    isOpen: () => state === 'open',
    hasCapacity: () => o.overflow === 'drop-oldest' || (held() < o.maxQueueSize && heldBytes() < o.maxQueueBytes),
    hasRoomForSummary: () => held() < o.maxQueueSize && heldBytes() <= o.maxQueueBytes / 2,
    enqueue(event, force = false) {
      counts.recorded += 1;
      // One walk of the event, allocation-free; it stops early past the bound.
      const size = sizeOf(event);
      if (size < 0) {
        drop(1, 'invalid');
        return false;
      }
      if (!admit(size, force)) return false;
      queue.push(event, size);
      afterPush();
      return true;
    },
    enqueueIndex(context, contextSize, head, low, timestamp) {
      counts.recorded += 1;
      const size = INDEX_EVENT_BASE_SIZE + contextSize;
      // Room in count and bytes, the common case, tested here; `admit` (a call) only when it must drop or make room.
      if ((held() >= o.maxQueueSize || heldBytes() + size > o.maxQueueBytes) && !admit(size, false)) return false;
      queue.pushDeferred(context, size, head, low, timestamp);
      afterPush();
      return true;
    },
    countDropped(n, why) {
      counts.recorded += n;
      drop(n, why);
    },
    flush(timeoutMs) {
      if (state === 'closed') return Promise.resolve({ delivered: 0, pending: held(), failed: 0, dropped: 0 });
      kick(false);
      return waitFor(allBatches(), timeoutMs);
    },
    close(timeoutMs) {
      if (closing !== null) return closing;
      state = 'closing';
      interval.cancel();
      // Batches waiting on a backoff get their next attempt now: close() does not wait out a 30 s delay.
      for (const b of waiting) {
        b.timer?.cancel();
        b.timer = null;
        ready.unshift(b);
      }
      waiting.clear();
      closing = (async () => {
        kick(true);
        const covered = allBatches();
        await waitFor(covered, timeoutMs);
        stop();
        return tally(covered);
      })();
      return closing;
    },
    stats: () => ({ ...counts, queued: held(), queuedBytes: heldBytes(), dropReasons: { ...reasons } }),
  };
}
