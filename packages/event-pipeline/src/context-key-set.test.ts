import { createFakeClock } from '@ensign/common/testing';
import { isEnsignError } from '@ensign/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_CAPACITY, createContextKeySet } from './context-key-set.js';
import { createClaimingLruCache } from './lru-cache.js';

describe('createContextKeySet', () => {
  it('claims a key once per window, and again once it expired', () => {
    const keys = createContextKeySet({ capacity: 10, ttlMs: 100, clock: createFakeClock(0), seed: 1 });
    expect(keys.claim('user-42', 0)).toBe(true);
    expect(keys.claim('user-42', 99)).toBe(false);
    expect(keys.claim('user-42', 100)).toBe(true);
    expect(keys.size).toBe(1);
  });

  it('evicts the least recently used key when full', () => {
    const keys = createContextKeySet({ capacity: 2, ttlMs: Infinity, clock: createFakeClock(0), seed: 1 });
    const claimed = ['a', 'b', 'a', 'c', 'a', 'b'].map((k) => keys.claim(k, 0));
    expect(claimed).toEqual([true, true, false, true, false, true]);
    expect(keys.size).toBe(2);
  });

  it('treats "__proto__" and "constructor" as plain keys, and forgets deleted keys', () => {
    const keys = createContextKeySet({ capacity: 4, ttlMs: 1_000, clock: createFakeClock(0), seed: 1 });
    expect(keys.claim('__proto__', 0)).toBe(true);
    expect(keys.claim('constructor', 0)).toBe(true);
    expect(keys.claim('__proto__', 0)).toBe(false);
    keys.delete('__proto__');
    expect(keys.claim('__proto__', 0)).toBe(true);
  });

  it('rejects a capacity below 1 and a non-positive ttl with INVALID_OPTIONS', () => {
    for (const options of [{ capacity: 0, ttlMs: 1 }, { capacity: 1.5, ttlMs: 1 }, { capacity: 1, ttlMs: 0 }, { capacity: 1, ttlMs: Number.NaN }]) {
      let error: unknown;
      try {
        createContextKeySet({ ...options, clock: createFakeClock(0), seed: 0 });
      } catch (e) {
        error = e;
      }
      expect(isEnsignError(error) && error.code === 'INVALID_OPTIONS').toBe(true);
    }
  });

  it('answers as the LRU cache does under any sequence of claims, sets, deletes and time, whatever the seed', () => {
    const op = fc.oneof(
      fc.tuple(fc.constant('claim' as const), fc.integer({ min: 0, max: 40 })),
      fc.tuple(fc.constant('set' as const), fc.integer({ min: 0, max: 40 })),
      fc.tuple(fc.constant('delete' as const), fc.integer({ min: 0, max: 40 })),
      fc.tuple(fc.constant('advance' as const), fc.integer({ min: 0, max: 30 })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.constantFrom(50, Infinity), fc.integer(), fc.array(op, { maxLength: 300 }), (capacity, ttlMs, seed, ops) => {
        const clock = createFakeClock(0);
        const reference = createClaimingLruCache<true>({ capacity, ttlMs, clock });
        const keys = createContextKeySet({ capacity, ttlMs, seed, clock });
        for (const [name, n] of ops) {
          const key = `k${n}`;
          if (name === 'advance') clock.advance(n);
          else if (name === 'claim') expect(keys.claim(key, clock.now())).toBe(reference.claim(key, true, clock.now()));
          else if (name === 'set') {
            keys.set(key, clock.now());
            reference.set(key, true);
          } else {
            keys.delete(key);
            reference.delete(key);
          }
          expect(keys.size).toBe(reference.size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every key it holds findable while the table grows and entries shift (many colliding positions)', () => {
    const keys = createContextKeySet({ capacity: 5_000, ttlMs: Infinity, clock: createFakeClock(0), seed: 12345 });
    for (let i = 0; i < 5_000; i += 1) expect(keys.claim(`user-${i}`, 0)).toBe(true);
    for (let i = 0; i < 5_000; i += 2) keys.delete(`user-${i}`);
    for (let i = 1; i < 5_000; i += 2) expect(keys.claim(`user-${i}`, 0)).toBe(false);
    for (let i = 0; i < 5_000; i += 2) expect(keys.claim(`user-${i}`, 0)).toBe(true);
    expect(keys.size).toBe(5_000);
  });

  it('stays correct when many keys agree on the characters the short hash reads (it then hashes them in full)', () => {
    const key = (i: number) => `aaaa${String(i).padStart(9, '0')}mmm${String(i * 7).padStart(8, '0')}zzzzzz`;
    const keys = createContextKeySet({ capacity: 2_000, ttlMs: Infinity, clock: createFakeClock(0), seed: 99 });
    for (let i = 0; i < 2_000; i += 1) expect(keys.claim(key(i), 0)).toBe(true);
    for (let i = 0; i < 2_000; i += 3) expect(keys.claim(key(i), 0)).toBe(false);
    for (let i = 2_000; i < 2_500; i += 1) expect(keys.claim(key(i), 0)).toBe(true);
    expect(keys.size).toBe(2_000);
  });

  it('answers as the LRU cache does for long keys that share their ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), (capacity, picks) => {
        const clock = createFakeClock(0);
        const reference = createClaimingLruCache<true>({ capacity, ttlMs: 1_000, clock });
        const keys = createContextKeySet({ capacity, ttlMs: 1_000, clock: createFakeClock(0), seed: 3 });
        for (const n of picks) {
          const key = `tenant-0001/${n}/${'x'.repeat(n % 5)}/device-web`;
          expect(keys.claim(key, 0)).toBe(reference.claim(key, true, 0));
        }
      }),
    );
  });

  it('answers as the LRU cache does above the table capacity, where it is that cache', () => {
    const clock = createFakeClock(0);
    const keys = createContextKeySet({ capacity: MAX_TABLE_CAPACITY + 1, ttlMs: 100, seed: 1, clock });
    expect(keys.claim('a', 0)).toBe(true);
    expect(keys.claim('a', 0)).toBe(false);
    keys.delete('a');
    keys.set('b', 0);
    expect(keys.claim('b', 0)).toBe(false);
    clock.advance(100);
    expect(keys.claim('b', clock.now())).toBe(true);
    expect(keys.size).toBe(1);
  });
});
