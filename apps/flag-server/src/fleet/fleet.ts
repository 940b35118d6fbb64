import type { FastifyInstance } from 'fastify';
import type { Logger } from '@ensign/common';
import type { DataStore } from '../data/data-store.js';
import type { RouteDeps } from '../routes/context.js';
import { registerFleetEventRoutes } from './fleet-event-routes.js';
import { connectJetStream } from './jetstream-events.js';
import type { JetStreamEvents } from './jetstream-events.js';
import { startRedisDatafileSync } from './redis-datafile-sync.js';
import type { RedisDatafileSync } from './redis-datafile-sync.js';
import { createRedisResults } from './redis-results.js';
import type { RedisResults } from './redis-results.js';

/** Options of {@link startFleet}: the engines an instance was started with (either may be null). */
export interface FleetOptions {
  store: DataStore;
  redis: string | null;
  redisPrefix: string;
  nats: string | null;
  /** The JetStream stream. Default `ENSIGN_EVENTS`. */
  natsStream?: string;
  logger: Logger;
}

/** The shared-state side of one flag-server instance. */
export interface Fleet {
  /** Registers the JetStream/Redis event routes (only when started with `nats`). */
  registerEventRoutes(app: FastifyInstance, deps: RouteDeps): void;
  close(): Promise<void>;
}

/**
 * Connects an instance to its fleet: with `redis`, datafiles are shared (see `startRedisDatafileSync`); with `nats`
 * too, events go to JetStream and results are read from Redis. Without either, nothing happens.
 *
 * @throws the connection error when NATS cannot be reached at start (Redis is reconnected to in the background).
 * @example
 * const fleet = await startFleet({ store, redis: 'redis://127.0.0.1:6379', redisPrefix: 'ensign:', nats: null, logger });
 */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const { logger } = options;
  let sync: RedisDatafileSync | null = null;
  let events: JetStreamEvents | null = null;
  let results: RedisResults | null = null;
  const close = async () => {
    await events?.close().catch(() => undefined);
    await results?.close().catch(() => undefined);
    await sync?.close().catch(() => undefined);
  };
  try {
    if (options.redis !== null) {
      sync = await startRedisDatafileSync({ store: options.store, url: options.redis, prefix: options.redisPrefix, logger });
      logger.info('datafiles are shared through Redis');
    }
    if (options.nats !== null && options.redis !== null) {
      events = await connectJetStream({ url: options.nats, logger, ...(options.natsStream === undefined ? {} : { stream: options.natsStream }) });
      results = createRedisResults({ url: options.redis, prefix: options.redisPrefix });
      logger.info('events are ingested into NATS JetStream; results are read from Redis');
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    registerEventRoutes(app, deps) {
      if (events && results) registerFleetEventRoutes(app, deps, { events, results });
    },
    close,
  };
}
