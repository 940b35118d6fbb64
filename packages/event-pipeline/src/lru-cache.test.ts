import { createFakeClock } from '@ensign/common/testing';
import { isEnsignError } from '@ensign/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClaimingLruCache, createLruCache } from './lru-cache.js';

describe('createLruCache', () => {
  it('returns what was set while the entry is fresh', () => {
    const clock = createFakeClock(1_000);
    const cache = createLruCache<number>({ capacity: 3, ttlMs: 100, clock });
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
    expect(cache.has('a')).toBe(true);
    expect(cache.get('b')).toBeUndefined();
  });

  it('forgets an entry once its time to live has passed', () => {
    const clock = createFakeClock(0);
    const cache = createLruCache<true>({ capacity: 3, ttlMs: 100, clock });
    cache.set('a', true);
    clock.advance(99);
    expect(cache.has('a')).toBe(true);
    clock.advance(1);
    expect(cache.has('a')).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('restarts the time to live when an entry is set again', () => {
    const clock = createFakeClock(0);
    const cache = createLruCache<true>({ capacity: 3, ttlMs: 100, clock });
    cache.set('a', true);
    clock.advance(80);
    cache.set('a', true);
    clock.advance(80);
    expect(cache.has('a')).toBe(true);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = createLruCache<number>({ capacity: 2, ttlMs: Infinity, clock: createFakeClock() });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a'); // a is now the most recently used
    cache.set('c', 3);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('treats "__proto__" and "constructor" as plain keys', () => {
    const cache = createLruCache<string>({ capacity: 4, ttlMs: 1_000, clock: createFakeClock() });
    expect(cache.has('__proto__')).toBe(false);
    expect(cache.has('constructor')).toBe(false);
    cache.set('__proto__', 'x');
    expect(cache.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('deletes and clears entries', () => {
    const cache = createLruCache<number>({ capacity: 4, ttlMs: 1_000, clock: createFakeClock() });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    expect(cache.has('a')).toBe(false);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('rejects a capacity below 1 and a non-positive ttl with INVALID_OPTIONS', () => {
    const clock = createFakeClock();
    for (const bad of [{ capacity: 0, ttlMs: 1 }, { capacity: 1.5, ttlMs: 1 }, { capacity: 1, ttlMs: 0 }, { capacity: 1, ttlMs: Number.NaN }]) {
      let thrown: unknown;
      try {
        createLruCache({ ...bad, clock });
      } catch (error) {
        thrown = error;
      }
      expect(isEnsignError(thrown, 'INVALID_OPTIONS')).toBe(true);
    }
  });

  it('never holds more than its capacity, whatever the reads and writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.constantFrom('get', 'set'), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')), { maxLength: 80 }),
        (capacity, ops) => {
          const cache = createLruCache<number>({ capacity, ttlMs: Infinity, clock: createFakeClock() });
          const setSoFar = new Set<string>();
          ops.forEach(([op, key], i) => {
            if (op === 'set') {
              cache.set(key, i);
              setSoFar.add(key);
              expect(cache.get(key)).toBe(i); // what was just set is there
            } else if (!setSoFar.has(key)) expect(cache.has(key)).toBe(false);
            expect(cache.size).toBeLessThanOrEqual(capacity);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never evicts a key read at least once while capacity / 2 other keys are set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (capacity, gaps) => {
        const cache = createLruCache<true>({ capacity, ttlMs: Infinity, clock: createFakeClock() });
        cache.set('hot', true);
        let n = 0;
        for (const gap of gaps) {
          const others = gap % (Math.floor(capacity / 2) + 1); // at most capacity / 2 between reads
          for (let i = 0; i < others; i++) cache.set(`k${n++}`, true);
          expect(cache.has('hot')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lets keys that are never read leave in the order they were set', () => {
    const cache = createLruCache<number>({ capacity: 3, ttlMs: Infinity, clock: createFakeClock() });
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) cache.set(key, i);
    expect(['a', 'b', 'c', 'd', 'e'].filter((k) => cache.has(k))).toEqual(['c', 'd', 'e']);
  });

  it('claims a key in one call: true when it was absent or expired (and sets it), false when fresh', () => {
    const clock = createFakeClock(0);
    const cache = createClaimingLruCache<true>({ capacity: 2, ttlMs: 100, clock });
    expect(cache.claim('a', true, 0)).toBe(true);
    expect(cache.claim('a', true, 50)).toBe(false);
    expect(cache.claim('a', true, 100)).toBe(true); // expired at 100: claimed again, fresh until 200
    expect(cache.claim('a', true, 199)).toBe(false);
    expect(cache.claim('b', true, 150)).toBe(true);
    expect(cache.claim('c', true, 150)).toBe(true); // evicts the least recently used: a
    expect(cache.size).toBe(2);
    expect(cache.claim('a', true, 150)).toBe(true);
  });

  it('behaves as a Map-ordered reference cache under any sequence of operations', () => {
    // The reference: recency as the insertion order of a Map (the previous implementation).
    function reference(capacity: number, ttlMs: number, clock: { now(): number }) {
      const entries = new Map<string, { value: number; expiresAt: number; stamp: number }>();
      const half = Math.max(1, Math.floor(capacity / 2));
      let inserted = 0;
      const fresh = (key: string, now = clock.now()) => {
        const e = entries.get(key);
        if (e === undefined) return undefined;
        if (e.expiresAt <= now) {
          entries.delete(key);
          return undefined;
        }
        if (inserted - e.stamp >= half) {
          entries.delete(key);
          e.stamp = ++inserted;
          entries.set(key, e);
        }
        return e;
      };
      const set = (key: string, value: number, now = clock.now()) => {
        entries.delete(key);
        entries.set(key, { value, expiresAt: now + ttlMs, stamp: ++inserted });
        if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      };
      return {
        get: (key: string) => fresh(key)?.value,
        set,
        delete: (key: string) => void entries.delete(key),
        claim(key: string, value: number, now: number) {
          if (fresh(key, now) !== undefined) return false;
          set(key, value, now);
          return true;
        },
        size: () => entries.size,
      };
    }
    const op = fc.oneof(
      { weight: 9, arbitrary: fc.tuple(fc.constantFrom('get', 'set', 'delete', 'claim'), fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__')) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('tick'), fc.integer({ min: 1, max: 60 }).map(String)) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { minLength: 10, maxLength: 100, size: 'medium' }), (capacity, ops) => {
        const clock = createFakeClock(0);
        const cache = createClaimingLruCache<number>({ capacity, ttlMs: 100, clock });
        const model = reference(capacity, 100, clock);
        ops.forEach(([name, arg], i) => {
          if (name === 'tick') clock.advance(Number(arg));
          else if (name === 'get') expect(cache.get(arg)).toBe(model.get(arg));
          else if (name === 'set') {
            cache.set(arg, i);
            model.set(arg, i);
          } else if (name === 'delete') {
            cache.delete(arg);
            model.delete(arg);
          } else expect(cache.claim(arg, i, clock.now())).toBe(model.claim(arg, i, clock.now()));
          expect(cache.size).toBe(model.size());
        });
      }),
      { numRuns: 200 },
    );
  });
});
