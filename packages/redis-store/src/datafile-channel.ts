import type { Redis } from 'ioredis';
import type { RedisConnectionOptions } from './connection.js';
import { describe, openConnection, quit } from './connection.js';

/** An environment's datafile as kept in Redis. */
export interface StoredDatafile {
  environment: string;
  /** The exact datafile text. */
  datafile: string;
  /** Its revision (the flag server's hash of the bytes). */
  revision: string;
}

/** The pub/sub message of a change: which environment, which revision, and which writer. */
export interface DatafileChange {
  environment: string;
  revision: string;
  /** The writer's id, so a writer can ignore its own messages. */
  origin: string;
}

/** Options of {@link createRedisDatafileChannel}. */
export interface RedisDatafileChannelOptions extends RedisConnectionOptions {
  /** This writer's id in change messages. Default a random id. */
  origin?: string;
}

/** Reads, writes and follows the environments' datafiles in Redis. */
export interface RedisDatafileChannel {
  readonly origin: string;
  /** The stored datafile of an environment, or null (none stored). Rejects when Redis fails. */
  read(environment: string): Promise<StoredDatafile | null>;
  /** Stores the datafile and its revision (one transaction), then publishes the change. Rejects when Redis fails. */
  write(environment: string, datafile: string, revision: string): Promise<void>;
  /**
   * Follows changes: `onChange` for every message (own ones too: compare `origin`); `onReconnect` each time the
   * subscription is (re)established after a loss, so the caller re-reads what it may have missed.
   */
  subscribe(listener: { onChange(change: DatafileChange): void; onReconnect?(): void }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The key layout shared by the flag server (writer) and SDKs (readers): hash `<prefix>datafile:<environment>` with
 * fields `datafile` and `revision`, and channel `<prefix>datafile-changes` carrying
 * `{"environment","revision","origin"}`. The datafile itself is not in the message: a reader fetches the hash, so
 * a message that arrives late or twice never brings an old datafile back.
 *
 * @example
 * const channel = createRedisDatafileChannel({ url: 'redis://127.0.0.1:6379' });
 * await channel.write('production', text, revision);
 */
export function createRedisDatafileChannel(options: RedisDatafileChannelOptions = {}): RedisDatafileChannel {
  const c = openConnection(options, 'datafile');
  const origin = options.origin ?? Math.random().toString(36).slice(2, 12);
  const keyOf = (environment: string) => `${c.prefix}datafile:${environment}`;
  const channel = `${c.prefix}datafile-changes`;
  let subscriber: Redis | null = null;
  return {
    origin,
    async read(environment) {
      const fields = await c.bounded(c.redis.hgetall(keyOf(environment)));
      if (typeof fields['datafile'] !== 'string' || typeof fields['revision'] !== 'string') return null;
      return { environment, datafile: fields['datafile'], revision: fields['revision'] };
    },
    async write(environment, datafile, revision) {
      const message: DatafileChange = { environment, revision, origin };
      await c.bounded(c.redis.multi().hset(keyOf(environment), 'datafile', datafile, 'revision', revision).publish(channel, JSON.stringify(message)).exec());
    },
    async subscribe(listener) {
      if (subscriber) throw new Error('already subscribed');
      const sub = (subscriber = c.duplicate());
      let connectedOnce = false;
      let subscribed = false;
      const trySubscribe = () =>
        sub.subscribe(channel).then(
          () => {
            subscribed = true;
          },
          (error: unknown) => {
            c.log.log('warn', 'subscribe', `[ensign/redis-store] cannot subscribe to datafile changes yet (${describe(error)}); retrying on reconnect`);
            throw error;
          },
        );
      sub.on('ready', () => {
        // ioredis re-subscribes on its own after a reconnect (autoResubscribe); messages sent meanwhile are lost,
        // so the caller re-reads. A subscription that never succeeded is attempted again.
        if (connectedOnce) {
          if (!subscribed) void trySubscribe().catch(() => undefined);
          listener.onReconnect?.();
        }
        connectedOnce = true;
      });
      sub.on('message', (from: string, text: string) => {
        if (from !== channel) return;
        try {
          const change = JSON.parse(text) as Partial<DatafileChange>;
          if (typeof change.environment === 'string' && typeof change.revision === 'string') {
            listener.onChange({ environment: change.environment, revision: change.revision, origin: String(change.origin ?? '') });
          }
        } catch (error) {
          c.log.log('warn', 'message', `[ensign/redis-store] an unreadable datafile change message was ignored (${describe(error)})`);
        }
      });
      await trySubscribe();
    },
    async close() {
      if (subscriber) await quit(subscriber);
      subscriber = null;
      await c.close();
    },
  };
}
