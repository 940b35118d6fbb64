import type { RedisConnectionOptions } from './connection.js';
import { describe, openConnection } from './connection.js';
import { createLruSet } from './lru.js';

/** Options of {@link createRedisDedup}. */
export interface RedisDedupOptions extends RedisConnectionOptions {
  /** How long a key stays claimed in Redis (`SET NX EX`), seconds. Default 86 400 (Amplitude's 24 h). */
  ttlSeconds?: number;
  /** Keys remembered in this process (the LRU in front of Redis). Default 65 536. */
  localCapacity?: number;
  /** A namespace inside the prefix, e.g. `assignment`, `exposure`, `index`. Default `dedup`. */
  namespace?: string;
}

/** De-duplication shared by every process of a fleet. */
export interface RedisDedup {
  /**
   * Synchronous, no round trip: true when this process has seen `key` (it is in the LRU). On a miss it answers
   * false, remembers the key, and claims it in Redis in the background: at most once per process, not exact across
   * the fleet (use `claim` where a fleet-wide once matters and the caller can wait for one round trip).
   */
  seen(key: string): boolean;
  /**
   * Exact across the fleet: resolves true when the key was already claimed (by this process, from the LRU at once,
   * or by another, from Redis), false when this call claimed it. Redis down or slow: false (send rather than lose).
   */
  claim(key: string): Promise<boolean>;
  /** Waits for the background claims started by `seen` (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Creates the fleet-wide de-duplication of Amplitude's assignment and exposure events (24 h) and LaunchDarkly's index
 * events (`contextKeysFlushInterval`): `SET <prefix><namespace>:<key> 1 NX EX <ttlSeconds>` decides who is first,
 * and a local LRU in front keeps the hot path free of round trips for keys this process has seen.
 *
 * Failure behaviour: nothing throws. With Redis down or slow, `seen` works from the LRU alone (per-process dedup)
 * and `claim` answers false (the event is sent: a duplicate is cheaper than a loss), with one rate-limited warning.
 *
 * @throws {TypeError} for a bad `ttlSeconds` or `localCapacity` (at creation).
 * @example
 * const dedup = createRedisDedup({ url: 'redis://127.0.0.1:6379', namespace: 'exposure', ttlSeconds: 86_400 });
 * if (!(await dedup.claim(`${userId}:${flagKey}:${variant}`))) track(exposure);
 */
export function createRedisDedup(options: RedisDedupOptions = {}): RedisDedup {
  const ttlSeconds = options.ttlSeconds ?? 86_400;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new TypeError('ttlSeconds must be a positive integer');
  const local = createLruSet(options.localCapacity ?? 65_536);
  const c = openConnection(options, 'dedup');
  const base = `${c.prefix}${options.namespace ?? 'dedup'}:`;
  const pending = new Set<Promise<unknown>>();

  /** true: claimed now by us; false: someone had it; null: Redis failed. */
  const setNx = async (key: string): Promise<boolean | null> => {
    try {
      return (await c.bounded(c.redis.set(base + key, '1', 'EX', ttlSeconds, 'NX'))) === 'OK';
    } catch (error) {
      c.log.log('warn', 'claim', `[ensign/redis-store] shared de-duplication unavailable (${describe(error)}); de-duplicating in this process only`);
      return null;
    }
  };

  return {
    seen(key) {
      if (local.has(key)) return true;
      local.add(key);
      const p = setNx(key);
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return false;
    },
    async claim(key) {
      if (local.has(key)) return true;
      local.add(key);
      const claimed = await setNx(key);
      return claimed === false;
    },
    async flush() {
      await Promise.all([...pending]);
    },
    async close() {
      await Promise.all([...pending]);
      await c.close();
    },
  };
}
