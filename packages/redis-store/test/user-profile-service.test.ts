import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedisUserProfileService } from '../src/index.js';
import { cleanPrefix, linesLogger, privateRedis, testRedis, uniquePrefix, until } from './redis-helpers.js';

const redis = testRedis();
let prefix = '';
afterEach(() => cleanPrefix(redis, prefix));
afterAll(() => redis.quit());

describe('createRedisUserProfileService', () => {
  it('saves a profile as one hash per user and reads it back from another instance', async () => {
    prefix = uniquePrefix('ups');
    const a = createRedisUserProfileService({ redis, prefix, ttlSeconds: 60 });
    const b = createRedisUserProfileService({ url: 'redis://127.0.0.1:6379', prefix });
    await a.save({ user_id: 'user-42', experiment_bucket_map: { 'rule-1': { variation_id: 'treatment' }, __proto__x: { variation_id: 'v' } } });
    expect(await redis.hgetall(`${prefix}ups:user-42`)).toEqual({ 'rule-1': 'treatment', __proto__x: 'v' });
    const ttl = await redis.ttl(`${prefix}ups:user-42`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(await b.lookup('user-42')).toEqual({ user_id: 'user-42', experiment_bucket_map: { 'rule-1': { variation_id: 'treatment' }, __proto__x: { variation_id: 'v' } } });
    expect(await b.lookup('nobody')).toBeNull();
    await b.close();
  });

  it('answers a cached user from the local LRU without Redis, and reads Redis again once the entry is older than localTtlMs', async () => {
    prefix = uniquePrefix('ups-lru');
    const ups = createRedisUserProfileService({ redis, prefix, localCapacity: 2, localTtlMs: 60_000 });
    await ups.save({ user_id: 'u1', experiment_bucket_map: { r: { variation_id: 'a' } } });
    await redis.hset(`${prefix}ups:u1`, 'r', 'changed-elsewhere');
    expect((await ups.lookup('u1'))?.experiment_bucket_map).toEqual({ r: { variation_id: 'a' } });
    await ups.lookup('u2');
    await ups.lookup('u3'); // u1 falls out of the 2-entry LRU
    expect((await ups.lookup('u1'))?.experiment_bucket_map).toEqual({ r: { variation_id: 'changed-elsewhere' } });
    const fresh = createRedisUserProfileService({ redis, prefix, localCapacity: 10, localTtlMs: 1 });
    await fresh.lookup('u1');
    await redis.hset(`${prefix}ups:u1`, 'r', 'third');
    await new Promise((r) => setTimeout(r, 5));
    expect((await fresh.lookup('u1'))?.experiment_bucket_map).toEqual({ r: { variation_id: 'third' } });
  });

  it('keeps a rule id named __proto__ as plain data', async () => {
    prefix = uniquePrefix('ups-proto');
    await redis.hset(`${prefix}ups:u`, '__proto__', 'evil');
    const ups = createRedisUserProfileService({ redis, prefix });
    const profile = await ups.lookup('u');
    expect(Object.getPrototypeOf(profile?.experiment_bucket_map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(profile?.experiment_bucket_map, '__proto__')?.value).toEqual({ variation_id: 'evil' });
    expect(({} as Record<string, unknown>)['variation_id']).toBeUndefined();
  });

  it('answers no profile, logs once and never throws when Redis is unreachable', async () => {
    prefix = uniquePrefix('ups-down');
    const { lines, logger } = linesLogger();
    const ups = createRedisUserProfileService({ url: 'redis://127.0.0.1:1', prefix, timeoutMs: 200, logger });
    expect(await ups.lookup('user-1')).toBeNull();
    expect(await ups.lookup('user-2')).toBeNull();
    await expect(ups.save({ user_id: 'user-1', experiment_bucket_map: { r: { variation_id: 'v' } } })).resolves.toBeUndefined();
    expect(lines.filter((l) => l.includes('lookup failed'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('save failed'))).toHaveLength(1);
    await ups.close();
  });

  it('answers no profile while its Redis is stopped and reads and saves again once it is back, on its own', async () => {
    const engine = await privateRedis();
    await engine.start();
    const { lines, logger } = linesLogger();
    const ups = createRedisUserProfileService({ url: engine.url, timeoutMs: 200, logger });
    const profile = { user_id: 'user-7', experiment_bucket_map: { 'rule-1': { variation_id: 'control' } } };
    try {
      await ups.save(profile);
      expect(await ups.lookup('user-7')).toEqual(profile);
      await engine.stop();
      expect(await ups.lookup('user-7')).toBeNull();
      expect(await ups.lookup('user-8')).toBeNull();
      await ups.save(profile); // resolves without saving
      expect(lines.filter((l) => l.includes('lookup')).length).toBe(1);
      await engine.start(); // empty: no persistence
      await until(async () => {
        await ups.save(profile);
        return (await ups.lookup('user-7')) !== null;
      }, 10_000);
      expect(await ups.lookup('user-7')).toEqual(profile);
    } finally {
      await ups.close();
      await engine.stop();
    }
  }, 30_000);
});
