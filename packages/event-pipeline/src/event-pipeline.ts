// The pipeline: record functions for each face, summaries and index events fed by evaluations, deduplication of
// assignments and exposures, and delivery. Record calls never throw: they return what they did.
import { createRateLimitedLogger } from '@ensign/common';
import { canonicalKey, getContextKinds } from '@ensign/context';
import type { Context } from '@ensign/context';
import { assignmentCanonical, dedupKey, exposureCanonical, resolveIdentity } from './amplitude-identity.js';
import { createDelivery } from './delivery.js';
import type { EventPipelineStats, FlushResult } from './results.js';
import { createEventFactory } from './event-factory.js';
import type { EnsignEvent, IndexEvent, RedactedContext } from './events.js';
import type { AssignmentInput, ConversionInput, DecisionInput, ExposureInput, RecordOutcome } from './inputs.js';
import { createClaimingLruCache, createLruCache } from './lru-cache.js';
import { resolveOptions } from './options.js';
import type { EventPipelineOptions } from './options.js';
import { createSummarizer } from './summarizer.js';

/** Options of `flush` and `close`. */
export interface FlushOptions {
  /** Give up waiting after this many ms (events not settled by then are reported as `pending`). */
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
  /** Sends everything held now (and the summary); resolves when it settled or the timeout passed. Never rejects. */
  flush(options?: FlushOptions): Promise<FlushResult>;
  /** Refuses new records, flushes (bounded by the timeout), then stops every timer. Idempotent; never rejects. */
  close(options?: FlushOptions): Promise<FlushResult>;
  /** Counters: queued (held now), sent, retried, failed, dropped. */
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
  const summarizer = createSummarizer(o.clock);
  const indexed = createClaimingLruCache<true>({ capacity: o.contextKeysCapacity, ttlMs: o.contextKeysFlushIntervalMs, clock: o.clock });
  const assigned = createLruCache<true>({ capacity: o.assignmentDedup.capacity, ttlMs: o.assignmentDedup.ttlMs, clock: o.clock });
  const exposed = createLruCache<true>({ capacity: o.exposureDedup.capacity, ttlMs: o.exposureDedup.ttlMs, clock: o.clock });

  // The summary joins each flush. When the queue is full it waits (its counters keep growing until there is room),
  // except at close, where it is queued regardless: it is a single event.
  const delivery = createDelivery(o, (final) => {
    if (summarizer.isEmpty() || (!final && !delivery.hasCapacity())) return;
    const snapshot = summarizer.snapshot(o.clock.now());
    if (snapshot !== null) delivery.enqueue(factory.summary(snapshot), final);
  });

  // Creates and queues an event, or counts it as dropped. Redaction happens inside `build`, so a full queue
  // costs no redaction.
  const emit = (build: () => EnsignEvent): RecordOutcome => {
    if (!delivery.hasCapacity()) {
      delivery.countDropped(1, 'full');
      return 'dropped';
    }
    let event: EnsignEvent;
    try {
      event = build();
    } catch {
      delivery.countDropped(1, 'invalid');
      return 'dropped';
    }
    return delivery.enqueue(event) ? 'queued' : 'dropped';
  };

  const closed = (): RecordOutcome => {
    delivery.countDropped(1, 'closed');
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
    return indexed.claim(key, true, now) ? key : null;
  };
  const isNew = (context: Context, now: number): boolean => claimKey(context, now) !== null;

  // The index event of a new context, built without a closure. Returns the redacted context so a decision event
  // of the same evaluation can carry it too, or undefined when the index event was not created.
  const emitIndex = (context: Context, now: number): RedactedContext | undefined => {
    if (!delivery.hasCapacity()) {
      delivery.countDropped(1, 'full');
      return undefined;
    }
    let event: IndexEvent;
    try {
      event = factory.index(context, now);
    } catch {
      delivery.countDropped(1, 'invalid');
      return undefined;
    }
    delivery.enqueue(event);
    return event.context;
  };

  const notice = (context: Context) => {
    const now = o.clock.now();
    if (isNew(context, now)) emitIndex(context, now);
  };

  const kindsOf = (context: Context): string | readonly string[] => {
    const kind = (context as { kind?: unknown }).kind;
    if (typeof kind === 'string' && kind !== 'multi') return kind;
    if (kind === undefined) return 'user';
    try {
      return getContextKinds(context);
    } catch {
      return [];
    }
  };

  const isObject = (value: unknown) => typeof value === 'object' && value !== null;

  return {
    recordDecision(input) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(input) || !isObject(input.context) || typeof input.flagKey !== 'string') {
        delivery.countDropped(1, 'invalid');
        return 'dropped';
      }
      const context = input.context;
      // One clock read per call: the index window, and the timestamps of the events this evaluation makes.
      const now = o.clock.now();
      if (input.excludeFromSummaries !== true) summarizer.count(input, kindsOf(context));
      if (input.track !== true) {
        if (isNew(context, now)) emitIndex(context, now);
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
        delivery.countDropped(1, 'full');
        return 'dropped';
      }
      let event: EnsignEvent;
      try {
        event = factory.decision(input, now, redacted);
      } catch {
        if (standsIn) indexed.delete(newKey as string);
        delivery.countDropped(1, 'invalid');
        return 'dropped';
      }
      if (delivery.enqueue(event)) return 'queued';
      if (standsIn) indexed.delete(newKey as string);
      return 'dropped';
    },

    recordConversion(input) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(input) || !isObject(input.context) || typeof input.eventKey !== 'string') {
        delivery.countDropped(1, 'invalid');
        return 'dropped';
      }
      let known = input.knownEvent;
      if (known === undefined && o.knownEvent !== null) {
        try {
          known = o.knownEvent(input.eventKey) !== false;
        } catch {
          known = true; // a broken port must not lose the user's conversions
        }
      }
      if (known === false) {
        const key = JSON.stringify(input.eventKey.slice(0, 100));
        limited.log('error', `unknown-event:${input.eventKey}`, `[event-pipeline] event key ${key} is not in the datafile; the conversion was not sent`);
        return 'skipped';
      }
      notice(input.context);
      return emit(() => factory.conversion(input));
    },

    recordIdentify(context) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(context)) {
        delivery.countDropped(1, 'invalid');
        return 'dropped';
      }
      try {
        indexed.set(canonicalKey(context), true);
      } catch {
        // An unreadable context is counted as dropped by emit below.
      }
      return emit(() => factory.identify(context));
    },

    recordAssignment(input) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(input) || !isObject(input.context) || !Array.isArray(input.flags)) {
        delivery.countDropped(1, 'invalid');
        return 'dropped';
      }
      if (input.flags.length === 0) return 'skipped';
      const identity = resolveIdentity(input.context, input);
      const canonical = assignmentCanonical(identity, input.flags);
      const key = dedupKey(input.context, identity, canonical);
      if (key !== null && assigned.has(key)) return 'deduplicated';
      const outcome = emit(() => factory.assignment(input, identity, canonical));
      if (outcome === 'queued' && key !== null) assigned.set(key, true);
      return outcome;
    },

    recordExposure(input) {
      if (!delivery.isOpen()) return closed();
      if (!isObject(input) || !isObject(input.context) || typeof input.flagKey !== 'string') {
        delivery.countDropped(1, 'invalid');
        return 'dropped';
      }
      const variantKey = input.variantKey;
      if (typeof variantKey !== 'string' || variantKey === '' || input.isDefault === true || input.trackExposure === false) return 'skipped';
      const identity = resolveIdentity(input.context, input);
      const canonical = exposureCanonical(identity, input.flagKey, variantKey);
      const key = dedupKey(input.context, identity, canonical);
      if (key !== null && exposed.has(key)) return 'deduplicated';
      const outcome = emit(() => factory.exposure({ ...input, variantKey }, identity, canonical));
      if (outcome === 'queued' && key !== null) exposed.set(key, true);
      return outcome;
    },

    flush: (opts) => delivery.flush(timeout(opts?.timeoutMs, o.flushTimeoutMs)),
    close: (opts) => delivery.close(timeout(opts?.timeoutMs, o.closeTimeoutMs)),
    stats: () => delivery.stats(),
    isClosed: () => !delivery.isOpen(),
  };
}

function timeout(given: number | undefined, fallback: number): number {
  return typeof given === 'number' && given >= 0 ? given : fallback;
}
