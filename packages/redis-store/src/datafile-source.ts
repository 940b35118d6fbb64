import type { DatafileSink, DatafileSource } from '@ensign/common';
import type { RedisDatafileChannel } from './datafile-channel.js';
import { createRedisDatafileChannel } from './datafile-channel.js';
import type { RedisConnectionOptions } from './connection.js';
import { describe } from './connection.js';

/** Options of {@link createRedisDatafileSource}. */
export interface RedisDatafileSourceOptions extends RedisConnectionOptions {
  /** The environment whose datafile to follow (the name the flag server's `keys.json` maps SDK keys to). */
  environment: string;
  /** While Redis holds no datafile or cannot be read, read again this often, ms. Default 5 000. */
  retryMs?: number;
}

/**
 * A `DatafileSource` that reads the environment's datafile from Redis at start and follows the flag server's
 * change messages by pub/sub (LaunchDarkly's daemon mode: SDKs start even when the flag server is unreachable).
 *
 * Failure behaviour: nothing throws. Redis down or empty at start: `sink.error({ retrying: true })` and another read
 * every `retryMs` until one succeeds (the client keeps its embedded or last good datafile meanwhile). After a
 * reconnect the hash is read again, so a change published while the subscription was down is not missed.
 *
 * @throws {TypeError} without an `environment` (at creation).
 * @example
 * const client = createClient({ datafileSource: createRedisDatafileSource({ url: 'redis://127.0.0.1:6379', environment: 'production' }) });
 */
export function createRedisDatafileSource(options: RedisDatafileSourceOptions): DatafileSource {
  if (typeof options?.environment !== 'string' || options.environment === '') throw new TypeError('environment is required');
  const { environment } = options;
  const retryMs = options.retryMs ?? 5_000;
  let channel: RedisDatafileChannel | null = null;
  let sink: DatafileSink | null = null;
  let lastRevision: string | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  const refresh = async (): Promise<void> => {
    if (closed || !channel || !sink) return;
    if (retry) clearTimeout(retry);
    retry = null;
    try {
      const stored = await channel.read(environment);
      if (closed) return;
      if (stored === null) throw new Error(`Redis holds no datafile for environment "${environment}"`);
      if (stored.revision === lastRevision) return;
      lastRevision = stored.revision;
      sink.update(stored.datafile, { revision: stored.revision });
    } catch (error) {
      if (closed) return;
      sink.error({ message: `datafile from Redis: ${describe(error)}`, retrying: true });
      retry = setTimeout(() => void refresh(), retryMs);
      retry.unref();
    }
  };

  return {
    kind: 'redis',
    start(target) {
      if (channel) return;
      sink = target;
      channel = createRedisDatafileChannel(options);
      void refresh();
      channel
        .subscribe({
          onChange: (change) => {
            if (change.environment === environment && change.revision !== lastRevision) void refresh();
          },
          onReconnect: () => void refresh(),
        })
        .catch((error: unknown) => sink?.error({ message: `datafile changes from Redis: ${describe(error)} (following by re-reads every ${retryMs} ms)`, retrying: true }));
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await channel?.close();
    },
  };
}
