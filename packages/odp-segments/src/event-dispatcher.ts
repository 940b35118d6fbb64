import type { HttpClient, Logger, Scheduler, TimerHandle } from '@ensign/common';
import { EnsignError, safeLog, silentLogger } from '@ensign/common';
import type { OdpEndpoint } from './graphql-fetcher.js';
import type { OdpEvent } from './odp-event.js';

/** Options of {@link createOdpEventDispatcher}. */
export interface OdpEventDispatcherOptions {
  http: HttpClient;
  scheduler: Scheduler;
  /** Where events go now; null drops them (ODP is not integrated). Read at send time, so a new datafile applies. */
  endpoint: () => OdpEndpoint | null;
  logger?: Logger;
  /** Events per request at most. Default 10 (Optimizely's). */
  batchSize?: number;
  /** Longest wait before a partial batch is sent, ms. Default 1 000. */
  flushIntervalMs?: number;
  /** Events held at most; more are dropped and counted. Default 10 000. */
  queueCapacity?: number;
  /** Tries per batch (network errors and 5xx are retried, 4xx is not). Default 3. */
  maxAttempts?: number;
  /** Wait before the first retry, ms, doubled each time. Default 1 000. */
  retryDelayMs?: number;
  /** Timeout of one request, ms. Default 10 000. */
  timeoutMs?: number;
}

/** Counts since creation. */
export interface OdpEventStats {
  queued: number;
  sent: number;
  failed: number;
  dropped: number;
}

/** Sends ODP events in batches to `POST {host}/v3/events`. */
export interface OdpEventDispatcher {
  /** Queues one event; false when it was dropped (queue full, or closed). */
  send(event: OdpEvent): boolean;
  /** Sends everything queued now (retries included). Never rejects. */
  flush(): Promise<void>;
  /** Stops the timer and sends what is queued, one try per batch (no retry waits). Idempotent; never rejects. Later events are dropped. */
  close(): Promise<void>;
  stats(): OdpEventStats;
}

const positive = (name: string, value: number | undefined, fallback: number, min: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new EnsignError('INVALID_OPTIONS', `${name} must be an integer of at least ${min}`);
  return value;
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Creates the ODP event dispatcher: a bounded queue, sent in batches of `batchSize` (at once when a batch is full,
 * else after `flushIntervalMs`), one request at a time, with `x-api-key` and a JSON array body. Network errors and
 * 5xx are retried with a doubling delay up to `maxAttempts`; then, or on a 4xx, the batch counts as failed. Every
 * event ends up counted as sent, failed or dropped.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` for a number out of range.
 * @example
 * const odpEvents = createOdpEventDispatcher({ http, scheduler, endpoint: () => ({ host, publicKey }) });
 * odpEvents.send(buildIdentifyEvent({ userId: 'user-42', vuid: 'vuid_1' }, { newId })!);
 * await odpEvents.close();
 */
export function createOdpEventDispatcher(options: OdpEventDispatcherOptions): OdpEventDispatcher {
  const { http, scheduler } = options;
  const logger = options.logger ?? silentLogger;
  const batchSize = positive('batchSize', options.batchSize, 10, 1);
  const flushIntervalMs = positive('flushIntervalMs', options.flushIntervalMs, 1_000, 0);
  const capacity = positive('queueCapacity', options.queueCapacity, 10_000, 1);
  const maxAttempts = positive('maxAttempts', options.maxAttempts, 3, 1);
  const retryDelayMs = positive('retryDelayMs', options.retryDelayMs, 1_000, 0);
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 10_000, 1);
  const queue: OdpEvent[] = [];
  const stats: OdpEventStats = { queued: 0, sent: 0, failed: 0, dropped: 0 };
  let timer: TimerHandle | null = null;
  let draining: Promise<void> | null = null;
  let closed: Promise<void> | null = null;

  /** Ends the retry wait in progress at once (close). */
  let wake: (() => void) | null = null;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const handle = scheduler.setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        handle.cancel();
        wake = null;
        resolve();
      };
    });

  const post = async (batch: OdpEvent[]): Promise<void> => {
    const endpoint = options.endpoint();
    if (endpoint === null) {
      stats.dropped += batch.length;
      safeLog(logger, 'warn', `${batch.length} ODP event(s) dropped: ODP is not integrated (no host and public key)`);
      return;
    }
    const body = JSON.stringify(batch);
    for (let attempt = 1; ; attempt++) {
      let why: string;
      try {
        const response = await http.request({
          method: 'POST',
          url: `${endpoint.host.replace(/\/+$/, '')}/v3/events`,
          headers: { 'content-type': 'application/json', 'x-api-key': endpoint.publicKey },
          body,
          timeoutMs,
        });
        if (response.status >= 200 && response.status < 300) {
          stats.sent += batch.length;
          return;
        }
        why = `status ${response.status}`;
        if (response.status < 500) {
          stats.failed += batch.length;
          safeLog(logger, 'error', `ODP event send failed (${why}); ${batch.length} event(s) not retried`);
          return;
        }
      } catch (error) {
        why = describe(error);
      }
      // Closing does not wait for retry timers: close() must end even when the scheduler's timers no longer run.
      if (attempt >= maxAttempts || closed !== null) {
        stats.failed += batch.length;
        safeLog(logger, 'error', `ODP event send failed (${why}) after ${attempt} attempt(s); ${batch.length} event(s) lost`);
        return;
      }
      await wait(retryDelayMs * 2 ** (attempt - 1));
    }
  };

  /** Sends batches one at a time: every queued event with `all`, else only full batches (the timer sends the rest). */
  const drain = (all: boolean): Promise<void> => {
    if (all) {
      timer?.cancel();
      timer = null;
    }
    draining ??= (async () => {
      try {
        while (queue.length >= (all ? 1 : batchSize)) await post(queue.splice(0, batchSize));
      } finally {
        draining = null;
        if (queue.length > 0 && closed === null) timer ??= scheduler.setTimeout(onTimer, flushIntervalMs);
      }
    })();
    return draining;
  };
  const onTimer = () => {
    timer = null;
    void drain(true);
  };
  const drainAll = async () => {
    while (draining !== null || queue.length > 0) await (draining ?? drain(true));
  };

  return {
    send(event) {
      if (closed !== null || queue.length >= capacity) {
        stats.dropped++;
        safeLog(logger, 'warn', closed !== null ? 'ODP event dropped: the client is closed' : `ODP event dropped: ${capacity} events are queued`);
        return false;
      }
      queue.push(event);
      stats.queued++;
      if (queue.length >= batchSize) void drain(false);
      else timer ??= scheduler.setTimeout(onTimer, flushIntervalMs);
      return true;
    },
    // A drain in progress may have started before the latest events arrived: wait for it, then drain again.
    flush: drainAll,
    close() {
      closed ??= (async () => {
        timer?.cancel();
        timer = null;
        (wake as (() => void) | null)?.();
        await drainAll();
      })();
      return closed;
    },
    stats: () => ({ ...stats }),
  };
}
