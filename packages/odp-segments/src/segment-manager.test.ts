import { createFakeClock } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import type { SegmentFetcher, SegmentQuery } from './graphql-fetcher.js';
import { createSegmentManager } from './segment-manager.js';
import { OptimizelySegmentOption } from './segment-option.js';

function countingFetcher(answer: (q: SegmentQuery) => string[] | null): SegmentFetcher & { calls: SegmentQuery[] } {
  const calls: SegmentQuery[] = [];
  return { calls, fetch: async (q) => (calls.push(q), answer(q)) };
}

const config = { host: 'https://odp.example', publicKey: 'pk', segmentsToCheck: ['vip', 'beta'] };

describe('createSegmentManager', () => {
  it('fetches once, then answers from the cache until the timeout', async () => {
    const clock = createFakeClock();
    const fetcher = countingFetcher(() => ['vip']);
    const manager = createSegmentManager({ fetcher, cacheSize: 100, cacheTimeoutMs: 1_000, clock });
    manager.updateConfig(config);
    expect(await manager.fetchQualifiedSegments('fs_user_id', 'u1')).toEqual(['vip']);
    clock.advance(999);
    expect(await manager.fetchQualifiedSegments('fs_user_id', 'u1')).toEqual(['vip']);
    expect(fetcher.calls).toHaveLength(1);
    clock.advance(1);
    await manager.fetchQualifiedSegments('fs_user_id', 'u1');
    expect(fetcher.calls).toHaveLength(2);
    expect(fetcher.calls[0]?.segments).toEqual(['vip', 'beta']);
  });

  it('keys the cache by user key and value', async () => {
    const fetcher = countingFetcher((q) => [q.userValue]);
    const manager = createSegmentManager({ fetcher, clock: createFakeClock() });
    manager.updateConfig(config);
    await manager.fetchQualifiedSegments('fs_user_id', 'same');
    await manager.fetchQualifiedSegments('vuid', 'same');
    expect(fetcher.calls.map((c) => c.userKey)).toEqual(['fs_user_id', 'vuid']);
  });

  it('IGNORE_CACHE neither reads nor writes the cache; RESET_CACHE empties it', async () => {
    const fetcher = countingFetcher(() => ['beta']);
    const manager = createSegmentManager({ fetcher, clock: createFakeClock() });
    manager.updateConfig(config);
    await manager.fetchQualifiedSegments('fs_user_id', 'u1', [OptimizelySegmentOption.IGNORE_CACHE]);
    expect(manager.cacheSize()).toBe(0);
    await manager.fetchQualifiedSegments('fs_user_id', 'u1');
    await manager.fetchQualifiedSegments('fs_user_id', 'u2');
    expect(manager.cacheSize()).toBe(2);
    await manager.fetchQualifiedSegments('fs_user_id', 'u1', [OptimizelySegmentOption.RESET_CACHE]);
    expect(manager.cacheSize()).toBe(1);
    expect(fetcher.calls).toHaveLength(4);
  });

  it('does not cache an unknown answer, answers [] with nothing to check and null without a config', async () => {
    const fetcher = countingFetcher(() => null);
    const manager = createSegmentManager({ fetcher, clock: createFakeClock() });
    expect(await manager.fetchQualifiedSegments('fs_user_id', 'u1')).toBeNull();
    manager.updateConfig({ ...config, segmentsToCheck: [] });
    expect(await manager.fetchQualifiedSegments('fs_user_id', 'u1')).toEqual([]);
    manager.updateConfig(config);
    expect(await manager.fetchQualifiedSegments('fs_user_id', 'u1')).toBeNull();
    expect(manager.cacheSize()).toBe(0);
    expect(fetcher.calls).toHaveLength(1);
  });

  it('empties the cache when the config changes, and rejects bad sizes', async () => {
    const manager = createSegmentManager({ fetcher: countingFetcher(() => ['vip']), clock: createFakeClock() });
    manager.updateConfig(config);
    await manager.fetchQualifiedSegments('fs_user_id', 'u1');
    manager.updateConfig({ ...config, segmentsToCheck: ['vip'] });
    expect(manager.cacheSize()).toBe(0);
    expect(() => createSegmentManager({ fetcher: countingFetcher(() => []), cacheSize: -1 })).toThrow(/cacheSize/);
  });
});
