import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { createRateLimitedLogger, systemClock } from '@ensign/common';
import type { Logger } from '@ensign/common';
import { connectJetStream } from './jetstream-events.js';
import type { JetStreamEvents, PublishedEvent } from './jetstream-events.js';
import { createRedisResults } from './redis-results.js';
import type { RedisResults } from './redis-results.js';

/** Options of {@link startAggregator}. */
export interface AggregatorOptions {
  /** `nats://…` URL. */
  nats: string;
  /** `redis://…` URL. */
  redis: string;
  /** Key prefix in Redis. Default `ensign:`. */
  redisPrefix?: string;
  /** The JetStream stream to read. Default `ENSIGN_EVENTS`. */
  stream?: string;
  /** The durable consumer every aggregator instance shares (the work is split between them). Default `ensign-aggregator`. */
  durable?: string;
  logger: Logger;
}

/** A running aggregator. */
export interface Aggregator {
  /** Events folded by this instance (a redelivered one that was already folded is not counted). */
  folded(): number;
  close(): Promise<void>;
}

const decoder = new TextDecoder();

/**
 * Starts an aggregator: a durable pull consumer on the events stream, shared by every aggregator instance (like a
 * queue group: each message goes to one of them), folds each event into the results in Redis, then acks it. A fold
 * that fails (Redis down) is nak'ed with a 1 s delay and comes back; a fold is idempotent per event id, so a
 * redelivery after a crash between fold and ack counts once. When Redis comes back empty (restarted without
 * persistence), the stream is replayed from the start into it.
 *
 * @throws the connection error when NATS cannot be reached at start.
 * @example
 * const aggregator = await startAggregator({ nats: 'nats://127.0.0.1:4222', redis: 'redis://127.0.0.1:6379', logger });
 */
export async function startAggregator(options: AggregatorOptions): Promise<Aggregator> {
  const { logger } = options;
  const durable = options.durable ?? 'ensign-aggregator';
  const events: JetStreamEvents = await connectJetStream({ url: options.nats, logger, name: 'ensign-aggregator', ...(options.stream === undefined ? {} : { stream: options.stream }) });
  const results: RedisResults = createRedisResults({ url: options.redis, prefix: options.redisPrefix ?? 'ensign:' });
  const limited = createRateLimitedLogger(logger, { clock: systemClock, windowMs: 10_000 });
  const addConsumer = () => events.jsm.consumers.add(events.stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(30_000), max_ack_pending: 10_000 });
  try {
    await events.jsm.consumers.info(events.stream, durable);
  } catch {
    await addConsumer();
  }
  let folded = 0;
  let stopped = false;
  let messages: ConsumerMessages | null = null;
  let replaying: Promise<void> = Promise.resolve();

  // Redis without persistence comes back empty after a restart: the results are gone, but every event is still in
  // the stream. The first aggregator to notice (its SET NX of the epoch key wins) replays the stream from the start
  // by recreating the durable consumer; folds are idempotent per event id, so nothing counts twice.
  const checkEpoch = async (first: boolean): Promise<void> => {
    let won: boolean;
    try {
      won = await results.claimEpoch();
    } catch {
      return; // Redis is down: the folds fail and are redelivered; check again later
    }
    if (!won || first) return;
    logger.warn('the results in Redis are gone (Redis restarted empty); replaying the event stream from the start');
    replaying = (async () => {
      await messages?.close().catch(() => undefined);
      await events.jsm.consumers.delete(events.stream, durable).catch(() => undefined);
      await addConsumer().catch((error: unknown) => logger.error(`the consumer could not be recreated (${error instanceof Error ? error.message : String(error)})`));
    })();
    await replaying;
  };
  await checkEpoch(true);
  let checking = false;
  const watchdog = setInterval(() => {
    if (checking) return;
    checking = true;
    void checkEpoch(false).finally(() => (checking = false));
  }, 1_000);
  watchdog.unref();

  const loop = (async () => {
    while (!stopped) {
      try {
        await replaying;
        const consumer = await events.js.consumers.get(events.stream, durable);
        messages = await consumer.consume({ max_messages: 512 });
        for await (const m of messages) {
          let message: PublishedEvent;
          try {
            message = JSON.parse(decoder.decode(m.data)) as PublishedEvent;
          } catch {
            logger.error(`an unreadable message (stream sequence ${m.seq}) was dropped`);
            m.term();
            continue;
          }
          try {
            if (await results.fold(message)) folded++;
            m.ack();
          } catch (error) {
            limited.log('warn', 'fold', `an event could not be folded into the results (${error instanceof Error ? error.message : String(error)}); it will be delivered again`);
            m.nak(1_000);
          }
        }
      } catch (error) {
        if (stopped) break;
        limited.log('warn', 'consume', `the aggregator's consumer stopped (${error instanceof Error ? error.message : String(error)}); resuming`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  logger.info(`aggregator consuming ${events.stream} as "${durable}"`);
  return {
    folded: () => folded,
    async close() {
      stopped = true;
      clearInterval(watchdog);
      await replaying;
      await messages?.close();
      await loop;
      await events.close();
      await results.close();
    },
  };
}
