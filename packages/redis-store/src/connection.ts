import { Redis } from 'ioredis';
import type { Logger } from '@ensign/common';
import { createRateLimitedLogger, silentLogger, systemClock } from '@ensign/common';
import type { RateLimitedLogger } from '@ensign/common';

/** How a piece of this package reaches Redis: a client of yours, or a URL it connects to itself. */
export interface RedisConnectionOptions {
  /** An ioredis client you own (you close it). Takes precedence over `url`. */
  redis?: Redis;
  /** A `redis://` URL; the piece opens its own client and closes it in `close()`. Default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Prefix of every key and channel. Default `ensign:`. */
  prefix?: string;
  /** Longest wait for one Redis command before the piece falls back, ms. Default 500. */
  timeoutMs?: number;
  /** Where the (rate-limited) failure lines go. Default silent. */
  logger?: Logger;
}

/** A resolved connection: the client, whether we own it, and the fail-soft helpers. */
export interface Connection {
  readonly redis: Redis;
  readonly prefix: string;
  readonly owned: boolean;
  readonly log: RateLimitedLogger;
  /** Runs a command bounded by `timeoutMs`; rejects on timeout. */
  bounded<T>(command: Promise<T>): Promise<T>;
  /** A second client on the same server (for SUBSCRIBE, which takes a connection over). Always owned. */
  duplicate(): Redis;
  /** Closes the client if we opened it. */
  close(): Promise<void>;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';

/** Reconnects forever, backing off to 2 s: a restarted Redis is picked up within seconds. */
const retryStrategy = (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2_000);

/** ioredis options for clients this package opens: few retries per command, so a down Redis answers fast. */
export const CLIENT_OPTIONS = Object.freeze({ maxRetriesPerRequest: 1, retryStrategy, enableReadyCheck: true });

/** Redacts the password of a redis:// URL before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * Resolves `{ redis | url }` into a connection with a rate-limited logger (one line per failure kind per minute)
 * and a command timeout. Owned clients get an `error` listener so ioredis never prints unhandled errors.
 *
 * @example
 * const c = openConnection({ url: 'redis://127.0.0.1:6379', prefix: 'app:' }, 'user-profile');
 */
export function openConnection(options: RedisConnectionOptions, name: string): Connection {
  const logger = options.logger ?? silentLogger;
  const log = createRateLimitedLogger(logger, { clock: systemClock, windowMs: 60_000 });
  const timeoutMs = options.timeoutMs ?? 500;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError('timeoutMs must be a positive integer');
  const prefix = options.prefix ?? 'ensign:';
  const owned = options.redis === undefined;
  const url = options.url ?? DEFAULT_URL;
  const watch = (client: Redis): Redis => {
    client.on('error', (error: Error) => log.log('warn', `${name}:connection`, `[ensign/redis-store] ${name}: Redis connection error (${error.message}); reconnecting`));
    return client;
  };
  const redis = options.redis ?? watch(new Redis(url, { ...CLIENT_OPTIONS, lazyConnect: false }));
  return {
    redis,
    prefix,
    owned,
    log,
    bounded<T>(command: Promise<T>): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      });
      command.catch(() => undefined); // a late rejection after the timeout must not go unhandled
      return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
    },
    duplicate: () => watch(redis.duplicate({ ...CLIENT_OPTIONS })),
    async close() {
      if (owned) await quit(redis);
    },
  };
}

/** Quits a client, disconnecting hard if Redis is unreachable (quit would wait for it). */
export async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
}

/** The message of an unknown error. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
