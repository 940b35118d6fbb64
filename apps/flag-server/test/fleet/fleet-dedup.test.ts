import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, redisPrefix, runSdkProcess } from './fleet-harness.js';

interface Sent {
  events: { kind: string; userId?: string; flagKey?: string; variantKey?: string; context?: { key?: string } }[];
  stats: { dropReasons: Record<string, number> };
}

describe('shared de-duplication across SDK processes sharing Redis', () => {
  const { prefix, redis, clean } = redisPrefix('dedup');
  afterAll(clean);

  it('sends one assignment, one exposure per flag and one index event per context between two processes', async () => {
    const [a, b] = (await Promise.all([runSdkProcess(['events', REDIS_URL, prefix]), runSdkProcess(['events', REDIS_URL, prefix])])) as [Sent, Sent];
    const all = [...a.events, ...b.events];
    const assignments = all.filter((e) => e.kind === 'assignment');
    const exposures = all.filter((e) => e.kind === 'exposure');
    const indexed = all.filter((e) => e.kind === 'index').map((e) => e.context?.key);
    expect(assignments).toHaveLength(1);
    expect(exposures.length).toBeGreaterThan(0);
    const exposureKeys = exposures.map((e) => `${e.userId} ${e.flagKey} ${e.variantKey}`);
    expect(new Set(exposureKeys).size).toBe(exposureKeys.length);
    expect(indexed.sort()).toEqual(['ld-user-42', 'user-42']);
    // Each process made them all; the one that asked second dropped what the first had sent.
    const duplicates = (a.stats.dropReasons['shared-duplicate'] ?? 0) + (b.stats.dropReasons['shared-duplicate'] ?? 0);
    expect(duplicates).toBe(1 + exposures.length + 2);
    // The user and device ids are hashed in Redis, never in clear.
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBe(1 + exposures.length + 2);
    expect(keys.join(' ')).not.toMatch(/user-42|device-42/);
  }, 60_000);
});
