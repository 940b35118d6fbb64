// Options of the pipeline, their defaults, and the one place they are checked.
import { EnsignError, silentLogger, systemClock } from '@ensign/common';
import type { Clock, Logger, Scheduler, SharedDedup } from '@ensign/common';
import type { EventDispatcher } from './dispatcher.js';
import { createEventIdSequence } from './event-id.js';
import type { EventIdSequence } from './event-id.js';

/** What happens to an event recorded while the queue holds `maxQueueSize` events. */
export type OverflowPolicy = 'drop-newest' | 'drop-oldest';

/** The overflow policies as run-time values. */
export const OVERFLOW_POLICIES = Object.freeze({
  'drop-newest': 'drop-newest',
  'drop-oldest': 'drop-oldest',
} as const satisfies Record<OverflowPolicy, OverflowPolicy>);

/** Capacity and window of an assignment or exposure deduplication cache. */
export interface DedupOptions {
  /** Keys remembered at most (LRU). Default 65 536 (Amplitude's `cacheCapacity`). */
  capacity?: number;
  /** Window in ms: the same key is sent at most once per window. Default 86 400 000 (24 h). */
  ttlMs?: number;
}

/** Options of `createEventPipeline`. Only `dispatcher` and `scheduler` are required. */
export interface EventPipelineOptions {
  /** Where batches go. */
  dispatcher: EventDispatcher;
  /** Timers (flush interval, retries, timeouts). node-sdk passes timers that never keep the process alive. */
  scheduler: Scheduler;
  /** Timestamps and windows. Default `systemClock`. */
  clock?: Clock;
  /** Where the pipeline logs (never context attributes, never keys: ids and counts only). Default silent. */
  logger?: Logger;
  /** Events per batch at most. Default 100. */
  batchSize?: number;
  /** A flush starts every this many ms (and as soon as a full batch is queued). Default 5 000; at least 100. */
  flushIntervalMs?: number;
  /** Events held at most (queued, waiting for a retry or in flight). Default 10 000. */
  maxQueueSize?: number;
  /**
   * Estimated serialized size of the events held at most, in bytes (characters of JSON, estimated once per event
   * when it is recorded). Default 64 MiB; at least 1 KiB. An event bigger than this alone is dropped.
   */
  maxQueueBytes?: number;
  /** Which event is dropped when the queue is full. Default `'drop-newest'`. */
  overflow?: OverflowPolicy;
  /** Retries of a batch after its first attempt (network errors, 429, 5xx). Default 3. */
  maxRetries?: number;
  /** Backoff before retry n is a random delay in [0, min(retryMaxDelayMs, retryBaseDelayMs × 2^(n-1))). Default 1 000. */
  retryBaseDelayMs?: number;
  /** Upper bound of a backoff delay. Default 30 000. */
  retryMaxDelayMs?: number;
  /** Batches handed to the dispatcher at the same time at most. Default 2. */
  maxConcurrentBatches?: number;
  /** Default timeout of `flush()`, in ms. Default 5 000. */
  flushTimeoutMs?: number;
  /** Default timeout of `close()`, in ms. Default 2 000. */
  closeTimeoutMs?: number;
  /** Attribute references private in every context (`@ensign/context` redaction). Default none. */
  privateAttributes?: readonly string[];
  /** Every attribute but `kind`, `key` and `anonymous` is private. Default false. */
  allAttributesPrivate?: boolean;
  /** Redact every attribute of anonymous contexts in all events, not only in decision events. Default false. */
  redactAnonymousInAllEvents?: boolean;
  /**
   * Redact every attribute of anonymous contexts in conversion events too, as in decision events (LaunchDarkly's
   * server SDKs redact anonymous contexts in every event that carries one inline: feature and custom events; index
   * and identify events keep them). Default false.
   */
  redactAnonymousInConversions?: boolean;
  /**
   * Distinct flags itemized in one summary at most; evaluations of further flags are counted in the summary's
   * `overflowEvaluations`. Evaluations of flags that were not found are always counted together
   * (`unknownFlagEvaluations`). Default 10 000.
   */
  summaryMaxFlags?: number;
  /** Context keys remembered for index events (LRU). Default 1 000. */
  contextKeysCapacity?: number;
  /** A context key is indexed at most once per this many ms. Default 300 000. */
  contextKeysFlushIntervalMs?: number;
  /**
   * Whether a new context whose tracked decision event already carries it, redacted the same way, also gets an
   * index event. Default true (LaunchDarkly's SDK sends both). With false, the decision event stands in for the
   * index event: the context key is remembered as indexed all the same, and a tracked evaluation of a new context
   * makes one event instead of two. A context with an anonymous kind is still indexed (its decision event redacts
   * it entirely, unless `redactAnonymousInAllEvents`), and so is one whose decision event is dropped.
   */
  indexTrackedContexts?: boolean;
  /** Deduplication of assignment events. Defaults: 65 536 keys, 24 h. */
  assignmentDedup?: DedupOptions;
  /** Deduplication of exposure events. Defaults: 65 536 keys, 24 h. */
  exposureDedup?: DedupOptions;
  /**
   * Fleet-wide de-duplication of index, assignment and exposure events (for example `createRedisDedup` of
   * `@ensign/redis-store`). The local caches above still answer first, synchronously; an event they let through is
   * queued, and before its batch's first attempt the port is asked, once per batch, whether another process already
   * sent it in the same window (`contextKeysFlushIntervalMs`, `assignmentDedup.ttlMs`, `exposureDedup.ttlMs`). Those
   * events are then not sent (counted as dropped, reason `shared-duplicate`). A port that fails, rejects or takes
   * longer than 2 s lets the whole batch go (one rate-limited log line). Default none: per-process dedup.
   */
  sharedDedup?: SharedDedup;
  /**
   * Whether a conversion event key is known (for example, in the datafile's event list). When it returns false,
   * `recordConversion` logs one error and sends nothing. Default: every key is known.
   */
  knownEvent?: (eventKey: string) => boolean;
  /**
   * Event and batch ids. Default: UUID-shaped ids made of a random prefix (one `globalThis.crypto.randomUUID()` per
   * pipeline) and a sequence number, unique for practical purposes and about ten times cheaper than a UUID each.
   */
  idGenerator?: () => string;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** The defaults of {@link EventPipelineOptions}. */
export const EVENT_PIPELINE_DEFAULTS = Object.freeze({
  batchSize: 100,
  flushIntervalMs: 5_000,
  maxQueueSize: 10_000,
  maxQueueBytes: 64 * 1024 * 1024,
  overflow: 'drop-newest',
  maxRetries: 3,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 30_000,
  maxConcurrentBatches: 2,
  flushTimeoutMs: 5_000,
  closeTimeoutMs: 2_000,
  summaryMaxFlags: 10_000,
  contextKeysCapacity: 1_000,
  contextKeysFlushIntervalMs: 300_000,
  indexTrackedContexts: true,
  dedupCapacity: 65_536,
  dedupTtlMs: 86_400_000,
} as const);

/** Options with every default applied. */
export interface ResolvedOptions {
  dispatcher: EventDispatcher;
  scheduler: Scheduler;
  clock: Clock;
  logger: Logger;
  batchSize: number;
  flushIntervalMs: number;
  maxQueueSize: number;
  maxQueueBytes: number;
  overflow: OverflowPolicy;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxConcurrentBatches: number;
  flushTimeoutMs: number;
  closeTimeoutMs: number;
  summaryMaxFlags: number;
  privateAttributes: string[];
  allAttributesPrivate: boolean;
  redactAnonymousInAllEvents: boolean;
  redactAnonymousInConversions: boolean;
  contextKeysCapacity: number;
  contextKeysFlushIntervalMs: number;
  indexTrackedContexts: boolean;
  assignmentDedup: Required<DedupOptions>;
  exposureDedup: Required<DedupOptions>;
  sharedDedup: SharedDedup | null;
  knownEvent: ((eventKey: string) => boolean) | null;
  idGenerator: () => string;
  /** The default id generator's sequence (null with the caller's `idGenerator`): index events reserve their id. */
  idSequence: EventIdSequence | null;
  random: () => number;
}

/**
 * Applies defaults and checks options. Throws `EnsignError('INVALID_OPTIONS')` on a programmer error (a missing
 * port, a negative size); this is the only place the pipeline throws.
 */
export function resolveOptions(options: EventPipelineOptions): ResolvedOptions {
  const o = (options ?? {}) as Partial<EventPipelineOptions>;
  const D = EVENT_PIPELINE_DEFAULTS;
  if (typeof o.dispatcher?.dispatch !== 'function') fail('dispatcher must have a dispatch(batch, options) function');
  if (typeof o.scheduler?.setTimeout !== 'function' || typeof o.scheduler.setInterval !== 'function') {
    fail('scheduler must have setTimeout and setInterval functions');
  }
  if (o.overflow !== undefined && o.overflow !== 'drop-newest' && o.overflow !== 'drop-oldest') {
    fail(`overflow must be 'drop-newest' or 'drop-oldest', got ${String(o.overflow)}`);
  }
  for (const name of ['knownEvent', 'idGenerator', 'random'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function') fail(`${name} must be a function`);
  }
  if (o.sharedDedup !== undefined && typeof o.sharedDedup?.claimKeys !== 'function') fail('sharedDedup must have a claimKeys(keys, ttlMs) function');
  if (o.privateAttributes !== undefined && !(Array.isArray(o.privateAttributes) && o.privateAttributes.every((a) => typeof a === 'string'))) {
    fail('privateAttributes must be an array of strings');
  }
  const dedup = (name: string, given: DedupOptions | undefined): Required<DedupOptions> => ({
    capacity: int(`${name}.capacity`, given?.capacity, D.dedupCapacity, 1),
    ttlMs: num(`${name}.ttlMs`, given?.ttlMs, D.dedupTtlMs, 1),
  });
  const idSequence = o.idGenerator === undefined ? createEventIdSequence(randomUUID) : null;
  return {
    dispatcher: o.dispatcher as EventDispatcher,
    scheduler: o.scheduler as Scheduler,
    clock: o.clock ?? systemClock,
    logger: o.logger ?? silentLogger,
    batchSize: int('batchSize', o.batchSize, D.batchSize, 1),
    flushIntervalMs: num('flushIntervalMs', o.flushIntervalMs, D.flushIntervalMs, 100),
    maxQueueSize: int('maxQueueSize', o.maxQueueSize, D.maxQueueSize, 1),
    maxQueueBytes: int('maxQueueBytes', o.maxQueueBytes, D.maxQueueBytes, 1_024),
    overflow: o.overflow ?? D.overflow,
    maxRetries: int('maxRetries', o.maxRetries, D.maxRetries, 0),
    retryBaseDelayMs: num('retryBaseDelayMs', o.retryBaseDelayMs, D.retryBaseDelayMs, 0),
    retryMaxDelayMs: num('retryMaxDelayMs', o.retryMaxDelayMs, D.retryMaxDelayMs, 0),
    maxConcurrentBatches: int('maxConcurrentBatches', o.maxConcurrentBatches, D.maxConcurrentBatches, 1),
    flushTimeoutMs: num('flushTimeoutMs', o.flushTimeoutMs, D.flushTimeoutMs, 0),
    closeTimeoutMs: num('closeTimeoutMs', o.closeTimeoutMs, D.closeTimeoutMs, 0),
    summaryMaxFlags: int('summaryMaxFlags', o.summaryMaxFlags, D.summaryMaxFlags, 1),
    privateAttributes: [...(o.privateAttributes ?? [])],
    allAttributesPrivate: o.allAttributesPrivate === true,
    redactAnonymousInAllEvents: o.redactAnonymousInAllEvents === true,
    redactAnonymousInConversions: o.redactAnonymousInConversions === true,
    contextKeysCapacity: int('contextKeysCapacity', o.contextKeysCapacity, D.contextKeysCapacity, 1),
    contextKeysFlushIntervalMs: num('contextKeysFlushIntervalMs', o.contextKeysFlushIntervalMs, D.contextKeysFlushIntervalMs, 1),
    indexTrackedContexts: o.indexTrackedContexts !== false,
    assignmentDedup: dedup('assignmentDedup', o.assignmentDedup),
    exposureDedup: dedup('exposureDedup', o.exposureDedup),
    sharedDedup: o.sharedDedup ?? null,
    knownEvent: o.knownEvent ?? null,
    idGenerator: idSequence === null ? (o.idGenerator as () => string) : idSequence.next,
    idSequence,
    random: o.random ?? Math.random,
  };
}

function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

function fail(message: string): never {
  throw new EnsignError('INVALID_OPTIONS', message);
}

function num(name: string, given: number | undefined, fallback: number, min: number): number {
  if (given === undefined) return fallback;
  if (typeof given !== 'number' || Number.isNaN(given) || given < min) fail(`${name} must be a number of at least ${min}, got ${String(given)}`);
  return given;
}

function int(name: string, given: number | undefined, fallback: number, min: number): number {
  if (given === undefined) return fallback;
  if (!Number.isInteger(given) || given < min) fail(`${name} must be an integer of at least ${min}, got ${String(given)}`);
  return given;
}
