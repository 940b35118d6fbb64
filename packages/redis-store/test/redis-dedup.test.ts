import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedisDedup } from '../src/index.js';
import { dedupRedisKey } from '../src/redis-dedup.js';
import { cleanPrefix, linesLogger, privateRedis, testRedis, uniquePrefix, until } from './redis-helpers.js';

const redis = testRedis();
let prefix = '';
afterEach(() => cleanPrefix(redis, prefix));
afterAll(() => redis.quit());

describe('createRedisDedup', () => {
  it('lets exactly one of two processes claim a key, with SET NX EX', async () => {
    prefix = uniquePrefix('dedup');
    const a = createRedisDedup({ redis, prefix, namespace: 'exposure', ttlSeconds: 30, localCapacity: 10 });
    const b = createRedisDedup({ redis, prefix, namespace: 'exposure', ttlSeconds: 30, localCapacity: 10 });
    const answers = await Promise.all([a.claim('user-1:flag:on'), b.claim('user-1:flag:on')]);
    expect(answers.sort()).toEqual([false, true]);
    expect(await a.claim('user-1:flag:on')).toBe(true);
    expect(await redis.exists(`${prefix}exposure:user-1:flag:on`)).toBe(0); // never in clear
    const ttl = await redis.ttl(dedupRedisKey(`${prefix}exposure:`, 'user-1:flag:on'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('answers seen() from the LRU and claims the key in Redis in the background', async () => {
    prefix = uniquePrefix('dedup-seen');
    const a = createRedisDedup({ redis, prefix, localCapacity: 2 });
    const b = createRedisDedup({ redis, prefix, localCapacity: 2 });
    expect(a.seen('k1')).toBe(false);
    expect(a.seen('k1')).toBe(true);
    await a.flush();
    expect(await redis.get(dedupRedisKey(`${prefix}dedup:`, 'k1'))).toBe('1');
    expect(await b.claim('k1')).toBe(true);
    a.seen('k2');
    a.seen('k3'); // k1 falls out of the 2-entry LRU
    expect(a.seen('k1')).toBe(false);
    await a.close();
  });

  it('claims a batch of keys in one round trip (the SDK port), each for its window, and answers keys it holds from the LRU', async () => {
    prefix = uniquePrefix('dedup-keys');
    const a = createRedisDedup({ redis, prefix });
    const b = createRedisDedup({ redis, prefix });
    expect(await a.claimKeys(['exposure:u1 f on', 'index:u1'], 60_000)).toEqual([true, true]);
    expect(await b.claimKeys(['exposure:u1 f on', 'exposure:u2 f on', 'index:u1'], 60_000)).toEqual([false, true, false]);
    const pttl = await redis.pttl(dedupRedisKey(`${prefix}dedup:`, 'exposure:u2 f on'));
    expect(pttl).toBeGreaterThan(50_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    // B holds u2 in its LRU: it answers without Redis, even once the key is gone from Redis.
    await cleanPrefix(redis, prefix);
    expect(await b.claimKeys(['exposure:u2 f on'], 60_000)).toEqual([false]);
    expect(await redis.exists(dedupRedisKey(`${prefix}dedup:`, 'exposure:u2 f on'))).toBe(0);
    // A key whose window ended is claimable again.
    expect(await a.claimKeys(['index:short'], 1)).toEqual([true]);
    await new Promise((r) => setTimeout(r, 20));
    expect(await a.claimKeys(['index:short'], 1)).toEqual([true]);
  });

  it('falls back to in-process de-duplication when Redis is unreachable', async () => {
    prefix = uniquePrefix('dedup-down');
    const { lines, logger } = linesLogger();
    const d = createRedisDedup({ url: 'redis://127.0.0.1:1', prefix, timeoutMs: 200, logger });
    expect(await d.claim('x')).toBe(false);
    expect(await d.claim('x')).toBe(true);
    expect(d.seen('y')).toBe(false);
    expect(d.seen('y')).toBe(true);
    expect(await d.claimKeys(['index:z', 'index:w'], 60_000)).toEqual([true, true]); // send: nothing is lost
    expect(await d.claimKeys(['index:z'], 60_000)).toEqual([false]); // once per process still
    await d.close();
    expect(lines.filter((l) => l.includes('de-duplication unavailable'))).toHaveLength(1);
  });

  it('sends everything while its Redis is stopped, with one log line, and de-duplicates again once it is back', async () => {
    const engine = await privateRedis();
    await engine.start();
    const { lines, logger } = linesLogger();
    const a = createRedisDedup({ url: engine.url, timeoutMs: 200, logger });
    const b = createRedisDedup({ url: engine.url, timeoutMs: 200, logger });
    try {
      expect(await a.claimKeys(['index:u1'], 60_000)).toEqual([true]);
      expect(await b.claimKeys(['index:u1'], 60_000)).toEqual([false]);
      await engine.stop();
      expect(await a.claimKeys(['index:u2', 'index:u3'], 60_000)).toEqual([true, true]);
      expect(await b.claimKeys(['index:u2'], 60_000)).toEqual([true]); // a duplicate, not a loss
      expect(await a.claimKeys(['index:u4'], 60_000)).toEqual([true]);
      expect(lines.filter((l) => l.includes('de-duplication unavailable'))).toHaveLength(2); // one a minute per client
      await engine.start(); // empty: no persistence
      // ioredis reconnects on its own (back-off up to 2 s); then the fleet de-duplicates again.
      await until(async () => {
        const key = `index:after-${Math.random()}`;
        const first = await a.claimKeys([key], 60_000);
        const second = await b.claimKeys([key], 60_000);
        return first[0] === true && second[0] === false;
      }, 10_000);
    } finally {
      await a.close();
      await b.close();
      await engine.stop();
    }
  }, 30_000);
});
