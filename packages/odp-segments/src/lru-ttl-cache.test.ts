import { createFakeClock } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createLruTtlCache } from './lru-ttl-cache.js';

describe('createLruTtlCache', () => {
  it('evicts the least recently used entry past maxSize', () => {
    const cache = createLruTtlCache<number>({ maxSize: 2, timeoutMs: 0, clock: createFakeClock() });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('forgets an entry once its time to live has passed', () => {
    const clock = createFakeClock(1_000);
    const cache = createLruTtlCache<string>({ maxSize: 10, timeoutMs: 500, clock });
    cache.set('k', 'v');
    clock.advance(499);
    expect(cache.get('k')).toBe('v');
    clock.advance(1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds nothing with maxSize 0, and reset empties it', () => {
    const clock = createFakeClock();
    const off = createLruTtlCache<number>({ maxSize: 0, timeoutMs: 100, clock });
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
    const on = createLruTtlCache<number>({ maxSize: 5, timeoutMs: 100, clock });
    on.set('a', 1);
    on.reset();
    expect(on.get('a')).toBeUndefined();
  });
});
