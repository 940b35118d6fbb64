// The pipeline: record functions for each face, summaries and index events fed by evaluations, deduplication of
// assignments and exposures, and delivery. Record calls never throw: they return what they did.
import { createRateLimitedLogger } from '@ensign/common';
import { canonicalKey } from '@ensign/context';
import type { Context } from '@ensign/context';
import { createAmplitudeRecords } from './amplitude-records.js';
import { createDelivery } from './delivery.js';
import type { EventPipelineStats, FlushResult } from './results.js';
import { createEventFactory } from './event-factory.js';
import type { EnsignEvent, RedactedContext } from './events.js';
import type { AssignmentInput, ConversionInput, DecisionInput, ExposureInput, ExposuresInput, RecordOutcome } from './inputs.js';
import { createContextKeySet } from './context-key-set.js';
import { resolveOptions } from './options.js';
import type { EventPipelineOptions } from './options.js';
import { isObject, kindsOf, timeout, timeoutOf, whyNotBuilt } from './record-helpers.js';
import { createSharedDedupGate } from './shared-dedup-gate.js';
import { createSummarizer } from './summarizer.js';
import { createIndexEmitters } from './index-events.js';

/** Options of `flush` and `close`. */
export interface FlushOptions {
  /**
   * Give up waiting after this many ms (events not settled by then are reported as `pending` by `flush`, and counted
   * as failed or dropped by `close`). Clamped to 2^31 - 1 ms (about 24.8 days; `Infinity` too); a negative value
   * means 0; NaN or a non-number means the default.
   */
  timeoutMs?: number;
}

/** An event pipeline. Create it with {@link createEventPipeline}. */
export interface EventPipeline {
  /** Counts an evaluation in the summary, indexes a new context, and queues a full decision event when `track`. */
  recordDecision(input: DecisionInput): RecordOutcome;
  /** Queues a conversion (Optimizely `trackEvent`, LaunchDarkly `track`); an unknown key logs one error and sends nothing. */
  recordConversion(input: ConversionInput): RecordOutcome;
  /** Queues an identify event (LaunchDarkly `identify`); the context then needs no index event in this window. */
  recordIdentify(context: Context): RecordOutcome;
  /** Queues an assignment event unless the same user and set of flags was sent in this window. */
  recordAssignment(input: AssignmentInput): RecordOutcome;
  /** Queues an exposure event for a variant actually served, unless it was sent in this window. */
  recordExposure(input: ExposureInput): RecordOutcome;
  /**
   * Queues the exposure events of one evaluation (a flag each that served a non-default variant), unless the same
   * evaluation (ids, and every flag with its variant) was recorded in this window: Amplitude's local client.
   */
  recordExposures(input: ExposuresInput): RecordOutcome;
  /** Sends everything held now (and the summary); resolves when it settled or the timeout passed. Never rejects. */
  flush(options?: FlushOptions): Promise<FlushResult>;
  /** Refuses new records, flushes (bounded by the timeout), then stops every timer. Idempotent; never rejects. */
  close(options?: FlushOptions): Promise<FlushResult>;
  /** Counters: recorded, queued and queuedBytes (held now), sent, retried, failed, dropped (and why). */
  stats(): EventPipelineStats;
  /** True once `close()` was called. */
  isClosed(): boolean;
}

/**
 * Creates an event pipeline. It starts a flush timer on the given scheduler right away; `close()` stops it.
 *
 * Defaults (see `EVENT_PIPELINE_DEFAULTS`): batches of 100, a flush every 5 s and whenever a full batch is
 * queued, at most 10 000 events held (`drop-newest` when full), 3 retries with full-jitter backoff from 1 s to
 * 30 s, 2 batches in flight, `flush()` waits at most 5 s and `close()` 2 s.
 *
 * Errors: throws `EnsignError('INVALID_OPTIONS')` for a missing dispatcher or scheduler or an out-of-range
 * number. Nothing else throws.
 *
 * @example
 * const pipeline = createEventPipeline({ dispatcher, scheduler: createNodeScheduler(), privateAttributes: ['email'] });
 * pipeline.recordDecision({ context, flagKey: 'checkout', flagVersion: 4, variationKey: 'on', variationIndex: 1,
 *   value: true, defaultValue: false, track: isOptimizelyDecisionTracked({ ruleType: 'experiment' }) });
 * pipeline.recordConversion({ context, eventKey: 'purchase', tags: { revenue: 4200 } });
 * const { delivered, pending } = await pipeline.flush({ timeoutMs: 1_000 });
 * await pipeline.close();
 */
export function createEventPipeline(options: EventPipelineOptions): EventPipeline {
  const o = resolveOptions(options);
  const limited = createRateLimitedLogger(o.logger, { clock: o.clock, windowMs: 60_000 });
  const factory = createEventFactory({ ...o, exposureTtlMs: o.exposureDedup.ttlMs });
  const summarizer = createSummarizer(o.clock, {
    maxFlags: o.summaryMaxFlags,
    onOverflow: () =>
      limited.log('warn', 'summary-overflow', `[event-pipeline] the summary reached its caps (summaryMaxFlags ${o.summaryMaxFlags}); further evaluations are counted as overflow`),
  });
  let unknownEvents = 0;
  const indexed = createContextKeySet({ capacity: o.contextKeysCapacity, ttlMs: o.contextKeysFlushIntervalMs, seed: (Math.random() * 0x100000000) | 0, clock: o.clock });
  const shared = createSharedDedupGate(o); // `sharedDedup`: fleet-wide dedup, checked per batch before it is sent

  // The summary joins each flush, outside the overflow policy: it is queued whatever its size when the queue holds
  // fewer than maxQueueSize events and at most half of maxQueueBytes; otherwise it waits (its counters keep growing
  // until there is room), except at close, where it is queued regardless. It is never dropped for room.
  const delivery = createDelivery(o, (final) => {
    if (summarizer.isEmpty() || (!final && !delivery.hasRoomForSummary())) return;
    const snapshot = summarizer.snapshot(o.clock.now());
    if (snapshot !== null) delivery.enqueue(factory.summary(snapshot), true);
  }, shared);

  // Creates and queues an event, or counts it as dropped. Redaction happens inside `build`, so a full queue
  // costs no redaction.
  const emit = (build: () => EnsignEvent): RecordOutcome => {
    if (!delivery.hasCapacity()) {
      delivery.countDropped(1, 'queue-full');
      return 'dropped';
    }
    let event: EnsignEvent;
    try {
      event = build();
    } catch (error) {
      delivery.countDropped(1, whyNotBuilt(error));
      return 'dropped';
    }
    return delivery.enqueue(event) ? 'queued' : 'dropped';
  };

  const closed = (): RecordOutcome => {
    delivery.countDropped(1, 'closed');
    return 'dropped';
  };

  const invalid = (): RecordOutcome => {
    delivery.countDropped(1, 'invalid');
    return 'dropped';
  };

  // LaunchDarkly-style index: whether a context key is seen for the first time in this window (and remember it).
  // The canonical key of a single-kind user context is its key (no allocation), and the check is one lookup.
  // Returns the key when it is new, null when it was seen (or the context has no readable key).
  const claimKey = (context: Context, now: number): string | null => {
    let key: string;
    try {
      key = canonicalKey(context);
    } catch {
      return null;
    }
    return indexed.claim(key, now) ? key : null;
  };
  const isNew = (context: Context, now: number): boolean => claimKey(context, now) !== null;

  const { emitIndex, emitNewIndex } = createIndexEmitters(o, factory, delivery, shared);

  const notice = (context: Context) => {
    const now = o.clock.now();
    if (isNew(context, now)) emitNewIndex(context, now);
  };



  const amplitude = createAmplitudeRecords({ o, factory, isOpen: delivery.isOpen, closed, invalid, emit, shared });

  // The record functions; the pipeline below wraps each in a try/catch (free when nothing throws), so an input that
  // throws where it is read (a getter, a Proxy) is counted as dropped instead of reaching the caller.
  const records: Pick<EventPipeline, 'recordDecision' | 'recordConversion' | 'recordIdentify'> = {
    recordDecision(input) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(input) || !isObject(input.context) || typeof input.flagKey !== 'string') return invalid();
      const context = input.context;
      // One clock read per call: the index window, and the timestamps of the events this evaluation makes.
      const now = o.clock.now();
      if (input.excludeFromSummaries !== true) {
        try {
          summarizer.count(input, kindsOf(context), now);
        } catch {
          // an input whose reason or values throw when read: it is not counted
        }
      }
      if (input.track !== true) {
        if (isNew(context, now)) emitNewIndex(context, now);
        return 'summarized';
      }
      // A tracked evaluation of a new context: the decision event shares the index event's redacted context when
      // both redact alike (no anonymous kind), so the context is redacted once. With `indexTrackedContexts: false`
      // the decision event carries it alone (see the option), and the key is forgotten if that event is dropped.
      let redacted: RedactedContext | undefined;
      const newKey = claimKey(context, now);
      let standsIn = false;
      if (newKey !== null) {
        if (!o.indexTrackedContexts && factory.redactsAlike(context)) {
          standsIn = true;
        } else {
          redacted = emitIndex(context, now);
          if (redacted !== undefined && !factory.redactsAlike(context)) redacted = undefined;
        }
      }
      if (!delivery.hasCapacity()) {
        if (standsIn) indexed.delete(newKey as string);
        delivery.countDropped(1, 'queue-full');
        return 'dropped';
      }
      let event: EnsignEvent;
      try {
        event = factory.decision(input, now, redacted);
      } catch (error) {
        if (standsIn) indexed.delete(newKey as string);
        delivery.countDropped(1, whyNotBuilt(error));
        return 'dropped';
      }
      if (delivery.enqueue(event)) return 'queued';
      if (standsIn) indexed.delete(newKey as string);
      return 'dropped';
    },

    recordConversion(input) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(input) || !isObject(input.context) || typeof input.eventKey !== 'string') return invalid();
      let known = input.knownEvent;
      if (known === undefined && o.knownEvent !== null) {
        try {
          known = o.knownEvent(input.eventKey) !== false;
        } catch {
          known = true; // a broken port must not lose the user's conversions
        }
      }
      if (known === false) {
        // Rate-limited by the kind of problem, not per key: distinct unknown keys cannot flood the log.
        unknownEvents += 1;
        const key = JSON.stringify(input.eventKey.slice(0, 100));
        limited.log('error', 'unknown-event', `[event-pipeline] event key ${key} is not in the datafile; the conversion was not sent (${unknownEvents} unknown event key(s) so far)`);
        return 'skipped';
      }
      notice(input.context);
      return emit(() => factory.conversion(input));
    },

    recordIdentify(context) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(context)) return invalid();
      try {
        indexed.set(canonicalKey(context), o.clock.now());
      } catch {
        // An unreadable context is counted as dropped by emit below.
      }
      return emit(() => factory.identify(context));
    },

  };

  return {
    recordDecision(input) {
      try {
        return records.recordDecision(input);
      } catch {
        return invalid();
      }
    },
    recordConversion(input) {
      try {
        return records.recordConversion(input);
      } catch {
        return invalid();
      }
    },
    recordIdentify(context) {
      try {
        return records.recordIdentify(context);
      } catch {
        return invalid();
      }
    },
    recordAssignment(input) {
      try {
        return amplitude.recordAssignment(input);
      } catch {
        return invalid();
      }
    },
    recordExposure(input) {
      try {
        return amplitude.recordExposure(input);
      } catch {
        return invalid();
      }
    },
    recordExposures(input) {
      try {
        return amplitude.recordExposures(input);
      } catch {
        return invalid();
      }
    },
    flush: (opts) => delivery.flush(timeout(timeoutOf(opts), o.flushTimeoutMs)),
    close: (opts) => delivery.close(timeout(timeoutOf(opts), o.closeTimeoutMs)),
    stats: () => delivery.stats(),
    isClosed: () => !delivery.isOpen(),
  };
}

