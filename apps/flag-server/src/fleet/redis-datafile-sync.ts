import type { Logger } from '@ensign/common';
import { createRedisDatafileChannel } from '@ensign/redis-store';
import type { RedisDatafileChannel } from '@ensign/redis-store';
import type { DataStore } from '../data/data-store.js';

/** Options of {@link startRedisDatafileSync}. */
export interface RedisDatafileSyncOptions {
  store: DataStore;
  /** `redis://…` URL. */
  url: string;
  /** Key prefix shared by the fleet and its SDKs. */
  prefix: string;
  logger: Logger;
}

/** The running sync; `close` unsubscribes and disconnects. */
export interface RedisDatafileSync {
  close(): Promise<void>;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Shares datafiles between flag-server instances (and with SDKs using `createRedisDatafileSource`) through Redis:
 * - at start, an environment Redis already holds is taken from Redis (the fleet's datafile wins over this instance's
 *   folder); one Redis does not hold is written from the folder;
 * - afterwards each datafile this instance loads from its folder is written and announced (last writer wins);
 * - each announcement from another instance is read and served: its SSE clients get the `patch`.
 * Redis down: the instance keeps serving what it has, logs, and catches up (re-reads every environment) when the
 * subscription comes back.
 *
 * @example
 * const sync = await startRedisDatafileSync({ store, url: 'redis://127.0.0.1:6379', prefix: 'ensign:', logger });
 */
export async function startRedisDatafileSync(options: RedisDatafileSyncOptions): Promise<RedisDatafileSync> {
  const { store, logger } = options;
  const channel: RedisDatafileChannel = createRedisDatafileChannel({ url: options.url, prefix: options.prefix, logger, timeoutMs: 2_000 });
  let closed = false;

  const publish = (environment: string, text: string, hash: string): void => {
    channel.write(environment, text, hash).catch((error: unknown) => logger.error(`datafile ${environment} could not be shared through Redis (${describe(error)}); other instances keep their copy`));
  };
  const adopt = async (environment: string): Promise<void> => {
    try {
      const stored = await channel.read(environment);
      if (closed) return;
      if (stored === null) {
        const local = store.current(environment);
        if (local) publish(environment, local.text, local.hash);
        return;
      }
      await store.ingest(environment, stored.datafile);
    } catch (error) {
      logger.warn(`datafile ${environment} could not be read from Redis (${describe(error)}); serving this instance's copy`);
    }
  };

  const unsubscribe = store.onChange((change) => {
    if (change.kind === 'datafile' && change.origin !== 'shared') publish(change.environment, change.revision.text, change.revision.hash);
    if (change.kind === 'keys') for (const environment of store.environments()) void adopt(environment);
  });
  await channel
    .subscribe({
      onChange(change) {
        if (change.origin === channel.origin) return;
        void adopt(change.environment);
      },
      onReconnect() {
        for (const environment of store.environments()) void adopt(environment);
      },
    })
    .catch((error: unknown) => logger.error(`cannot follow datafile changes in Redis yet (${describe(error)}); retrying when it reconnects`));
  await Promise.all(store.environments().map(adopt));

  return {
    async close() {
      closed = true;
      unsubscribe();
      await channel.close();
    },
  };
}
