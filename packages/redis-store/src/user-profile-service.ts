import type { UserProfile, UserProfileServiceAsync } from '@ensign/sdk-core';
import type { RedisConnectionOptions } from './connection.js';
import { describe, openConnection } from './connection.js';

/** Options of {@link createRedisUserProfileService}. */
export interface RedisUserProfileServiceOptions extends RedisConnectionOptions {
  /** Seconds a profile lives after its last save (`EXPIRE`); 0 keeps it forever. Default 90 days. */
  ttlSeconds?: number;
  /**
   * Profiles kept in this process (an LRU in front of Redis): a lookup of a cached user makes no round trip. A
   * profile another process saves meanwhile is seen once the entry is older than `localTtlMs`. Default 0 (off).
   */
  localCapacity?: number;
  /** How long a cached profile is trusted, ms. Default 60 000. */
  localTtlMs?: number;
}

/** Optimizely's async user profile service on Redis, plus `close()`. */
export interface RedisUserProfileService extends UserProfileServiceAsync {
  /** Closes the client if the service opened it (from `url`). */
  close(): Promise<void>;
}

/**
 * Creates Optimizely's asynchronous user profile service on Redis, so sticky bucketing holds across every process
 * of a fleet. Each user is one hash, `<prefix>ups:<userId>`, mapping an experiment (rule) id to the saved
 * variation id; a save writes the fields and renews the TTL in one transaction (`HSET` + `EXPIRE`).
 *
 * Failure behaviour: nothing throws. When Redis is down, slow (past `timeoutMs`) or restarting, `lookup` resolves
 * to `null` (the decision buckets as if the user had no profile) and `save` resolves without saving, each with one
 * rate-limited warning per minute; ioredis reconnects on its own.
 *
 * @throws {TypeError} for a negative `ttlSeconds` (a programmer error, at creation).
 * @example
 * const userProfileServiceAsync = createRedisUserProfileService({ url: 'redis://127.0.0.1:6379', prefix: 'shop:', ttlSeconds: 30 * 86_400 });
 * const client = createClient({ sdkKey, userProfileServiceAsync });
 * await client.optimizely.createUserContext('user-42').decideAsync('checkout');
 */
export function createRedisUserProfileService(options: RedisUserProfileServiceOptions = {}): RedisUserProfileService {
  const ttlSeconds = options.ttlSeconds ?? 90 * 86_400;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) throw new TypeError('ttlSeconds must be a non-negative integer');
  const localCapacity = options.localCapacity ?? 0;
  const localTtlMs = options.localTtlMs ?? 60_000;
  if (!Number.isInteger(localCapacity) || localCapacity < 0) throw new TypeError('localCapacity must be a non-negative integer');
  const c = openConnection(options, 'user-profile-service');
  const keyOf = (userId: string) => `${c.prefix}ups:${userId}`;
  /** userId → profile (null: known to have none) and when it was read; Map order is recency order. */
  const local = new Map<string, { profile: UserProfile | null; at: number }>();
  const remember = (userId: string, profile: UserProfile | null) => {
    if (localCapacity === 0) return;
    local.delete(userId);
    local.set(userId, { profile, at: Date.now() });
    if (local.size > localCapacity) local.delete(local.keys().next().value as string);
  };
  return {
    async lookup(userId) {
      if (typeof userId !== 'string' || userId === '') return null;
      const cached = local.get(userId);
      if (cached && Date.now() - cached.at < localTtlMs) {
        local.delete(userId);
        local.set(userId, cached);
        return cached.profile === null ? null : structuredClone(cached.profile);
      }
      try {
        const fields = await c.bounded(c.redis.hgetall(keyOf(userId)));
        const names = Object.keys(fields);
        if (names.length === 0) {
          remember(userId, null);
          return null;
        }
        const map: UserProfile['experiment_bucket_map'] = {};
        // defineProperty: a rule id such as `__proto__` is plain data, never the prototype.
        for (const name of names) Object.defineProperty(map, name, { value: { variation_id: fields[name] }, enumerable: true, writable: true, configurable: true });
        const profile = { user_id: userId, experiment_bucket_map: map };
        remember(userId, structuredClone(profile));
        return profile;
      } catch (error) {
        c.log.log('warn', 'lookup', `[ensign/redis-store] sticky bucketing lookup failed (${describe(error)}); deciding without a saved profile`);
        return null;
      }
    },
    async save(profile) {
      const userId = profile?.user_id;
      const map = profile?.experiment_bucket_map;
      if (typeof userId !== 'string' || userId === '' || typeof map !== 'object' || map === null) return;
      const fields: string[] = [];
      for (const [experiment, entry] of Object.entries(map)) {
        if (typeof entry?.variation_id === 'string') fields.push(experiment, entry.variation_id);
      }
      if (fields.length === 0) return;
      remember(userId, structuredClone({ user_id: userId, experiment_bucket_map: map }));
      try {
        const multi = c.redis.multi().hset(keyOf(userId), ...fields);
        if (ttlSeconds > 0) multi.expire(keyOf(userId), ttlSeconds);
        await c.bounded(multi.exec());
      } catch (error) {
        c.log.log('warn', 'save', `[ensign/redis-store] sticky bucketing save failed (${describe(error)}); the decision stands, unsaved`);
      }
    },
    close: () => c.close(),
  };
}
