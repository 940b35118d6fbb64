import { createHash } from 'node:crypto';
import type { SharedDedup } from '@ensign/common';
import type { RedisConnectionOptions } from './connection.js';
import { describe, openConnection } from './connection.js';
import { createLruSet } from './lru.js';

/** Options of {@link createRedisDedup}. */
export interface RedisDedupOptions extends RedisConnectionOptions {
  /** How long a key stays claimed by `seen` and `claim` (`SET NX EX`), seconds. Default 86 400 (Amplitude's 24 h). */
  ttlSeconds?: number;
  /** Keys remembered in this process (the LRU in front of Redis, each until its window ends). Default 65 536. */
  localCapacity?: number;
  /** A namespace inside the prefix, e.g. `assignment`, `exposure`, `index`. Default `dedup`. */
  namespace?: string;
}

/**
 * De-duplication shared by every process of a fleet. It is the SDK's `sharedDedup` port (`claimKeys`), and can be
 * used directly (`seen`, `claim`).
 */
export interface RedisDedup extends SharedDedup {
  /**
   * Synchronous, no round trip: true when this process has seen `key` in its window (it is in the LRU). On a miss it
   * answers false, remembers the key, and claims it in Redis in the background: at most once per process, not exact
   * across the fleet (use `claim` where a fleet-wide once matters and the caller can wait for one round trip).
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

/** The Redis key of a dedup key: a SHA-256 digest, so user ids (private ones too) are never stored in clear. */
export function dedupRedisKey(base: string, key: string): string {
  return base + createHash('sha256').update(key).digest('base64url');
}

/**
 * Creates the fleet-wide de-duplication of Amplitude's assignment and exposure events (24 h) and LaunchDarkly's index
 * events (`contextKeysFlushInterval`): `SET <prefix><namespace>:<sha256(key)> 1 NX PX <window>` decides who is first,
 * and a local LRU in front (each key until its window ends) keeps keys this process has seen free of round trips.
 * Pass it to the SDK as `sharedDedup`: the client's event pipeline asks `claimKeys` once per batch, before sending.
 *
 * Failure behaviour: nothing throws. With Redis down or slow (past `timeoutMs`), `claimKeys` answers true for every
 * key and `claim` false (the event is sent: a duplicate is cheaper than a loss), `seen` works from the LRU alone,
 * with one warning a minute; ioredis reconnects on its own and the next batch is de-duplicated again.
 *
 * @throws {TypeError} for a bad `ttlSeconds`, `localCapacity` or `timeoutMs` (at creation).
 * @example
 * const sharedDedup = createRedisDedup({ url: 'redis://127.0.0.1:6379', prefix: 'shop:' });
 * const client = createClient({ sdkKey, sharedDedup });
 */
export function createRedisDedup(options: RedisDedupOptions = {}): RedisDedup {
  const ttlSeconds = options.ttlSeconds ?? 86_400;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new TypeError('ttlSeconds must be a positive integer');
  const local = createLruSet(options.localCapacity ?? 65_536);
  const c = openConnection(options, 'dedup');
  const base = `${c.prefix}${options.namespace ?? 'dedup'}:`;
  const pending = new Set<Promise<unknown>>();
  const unavailable = (error: unknown): null => {
    c.log.log('warn', 'claim', `[ensign/redis-store] shared de-duplication unavailable (${describe(error)}); de-duplicating in this process only`);
    return null;
  };

  /** Claims each key for `ttlMs` in one round trip: true claimed now by us, false someone had it; null when Redis failed. */
  const setNx = async (keys: readonly string[], ttlMs: number): Promise<boolean[] | null> => {
    try {
      const batch = c.redis.pipeline();
      for (const key of keys) batch.set(dedupRedisKey(base, key), '1', 'PX', ttlMs, 'NX');
      const replies = await c.bounded(batch.exec());
      if (replies === null) return unavailable(new Error('the pipeline was discarded'));
      const failed = replies.find(([error]) => error !== null);
      if (failed) return unavailable(failed[0]);
      return replies.map(([, reply]) => reply === 'OK');
    } catch (error) {
      return unavailable(error);
    }
  };

  return {
    seen(key) {
      const now = Date.now();
      if (local.has(key, now)) return true;
      local.add(key, now + ttlSeconds * 1_000);
      const p = setNx([key], ttlSeconds * 1_000);
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return false;
    },
    async claim(key) {
      const now = Date.now();
      if (local.has(key, now)) return true;
      local.add(key, now + ttlSeconds * 1_000);
      const claimed = await setNx([key], ttlSeconds * 1_000);
      return claimed?.[0] === false;
    },
    async claimKeys(keys, ttlMs) {
      const window = Math.max(1, Math.ceil(Number.isFinite(ttlMs) ? ttlMs : ttlSeconds * 1_000));
      const now = Date.now();
      const answers: boolean[] = keys.map(() => false);
      const ask: string[] = [];
      const at: number[] = [];
      keys.forEach((key, i) => {
        if (local.has(key, now)) return; // sent (by us or another process) within its window: false
        local.add(key, now + window);
        ask.push(key);
        at.push(i);
      });
      if (ask.length === 0) return answers;
      const claimed = await setNx(ask, window);
      at.forEach((i, j) => (answers[i] = claimed === null || claimed[j] === true));
      return answers;
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
