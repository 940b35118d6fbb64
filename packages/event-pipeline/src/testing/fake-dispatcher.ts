// A dispatcher for tests and benchmarks: it records (or just counts) batches and answers as it is told.
import type { DispatchOptions, DispatchResult, EventDispatcher } from '../dispatcher.js';
import type { EnsignEvent, EventBatch } from '../events.js';

/** Options of {@link createFakeDispatcher}. */
export interface FakeDispatcherOptions {
  /**
   * The answer to each attempt. Default: `{ delivered: true }` for every batch. It may return a promise (a slow
   * receiver) or throw (a broken one).
   */
  respond?: (batch: EventBatch, options: DispatchOptions) => DispatchResult | Promise<DispatchResult>;
  /** Keep every batch in `batches` (a deep copy, as a receiver would parse it). Default true; false only counts. */
  retain?: boolean;
}

/** A dispatcher that remembers what it was given. */
export interface FakeDispatcher extends EventDispatcher {
  /** Every attempt, in order, as JSON-parsed copies (empty when `retain` is false). */
  readonly batches: EventBatch[];
  /** Events of attempts answered with `delivered: true`, in order (empty when `retain` is false). */
  delivered(): EnsignEvent[];
  /** Attempts made. */
  attempts(): number;
  /** Events in attempts answered with `delivered: true`. */
  deliveredCount(): number;
}

/**
 * Creates a {@link FakeDispatcher}. Batches are serialised and parsed, so a test sees exactly the JSON a receiver
 * would, and later mutation of the pipeline's objects cannot change what was recorded.
 *
 * @example
 * let calls = 0;
 * const dispatcher = createFakeDispatcher({ respond: () => (++calls <= 2 ? { delivered: false, status: 503 } : { delivered: true }) });
 * const pipeline = createEventPipeline({ dispatcher, scheduler: createFakeScheduler() });
 */
export function createFakeDispatcher(options: FakeDispatcherOptions = {}): FakeDispatcher {
  const retain = options.retain !== false;
  const batches: EventBatch[] = [];
  const delivered: EnsignEvent[] = [];
  let attempts = 0;
  let deliveredCount = 0;
  return {
    batches,
    async dispatch(batch, dispatchOptions) {
      attempts += 1;
      const copy = retain ? (JSON.parse(JSON.stringify(batch)) as EventBatch) : batch;
      if (retain) batches.push(copy);
      const result = options.respond ? await options.respond(copy, dispatchOptions) : { delivered: true };
      if (result.delivered) {
        deliveredCount += batch.events.length;
        if (retain) delivered.push(...copy.events);
      }
      return result;
    },
    delivered: () => [...delivered],
    attempts: () => attempts,
    deliveredCount: () => deliveredCount,
  };
}
