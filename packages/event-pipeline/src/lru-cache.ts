// A small LRU cache with a time to live, used to deduplicate index, assignment and exposure events.
import { EnsignError } from '@ensign/common';
import type { Clock } from '@ensign/common';

/** Options of {@link createLruCache}. */
export interface LruCacheOptions {
  /** Entries kept at most; the least recently used is evicted first. Must be a positive integer. */
  capacity: number;
  /** How long an entry lives, in ms, counted from when it was set. `Infinity` keeps entries until evicted. */
  ttlMs: number;
  /** The clock that ages entries. */
  clock: Clock;
}

/**
 * A bounded map whose entries expire. Keys are compared with `Map` semantics, so `__proto__` is plain data.
 *
 * Recency is tracked cheaply: a read moves an entry to the most recently used end only when it has fallen into the
 * older half of the cache, so a hit on a hot key is one `Map` lookup. Guarantee: an entry read at least once
 * while `capacity / 2` other keys are set or refreshed is never evicted; entries never read leave in the order they
 * were set.
 */
export interface LruCache<V> {
  /** The value of `key` if it is present and fresh (and marks it recently used); otherwise `undefined`. */
  get(key: string): V | undefined;
  /** Whether `key` is present and fresh (marks it recently used). */
  has(key: string): boolean;
  /** Sets `key` (fresh from now, most recently used), evicting the least recently used entry when full. */
  set(key: string, value: V): void;
  /** Removes `key`. */
  delete(key: string): void;
  /** Removes every entry. */
  clear(): void;
  /** Entries held (expired ones are counted until they are touched or evicted). */
  readonly size: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  /** The insertion counter when the entry last moved to the most recently used end. */
  stamp: number;
}

/**
 * Creates an {@link LruCache}. Expired entries are removed lazily, when read or evicted, so no timer is needed.
 *
 * Errors: throws `EnsignError('INVALID_OPTIONS')` when `capacity` is not a positive integer or `ttlMs` is not positive.
 *
 * @example
 * const seen = createLruCache<true>({ capacity: 65_536, ttlMs: 86_400_000, clock: systemClock });
 * if (!seen.has(key)) { seen.set(key, true); send(); }
 */
export function createLruCache<V>(options: LruCacheOptions): LruCache<V> {
  const { capacity, ttlMs, clock } = options;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new EnsignError('INVALID_OPTIONS', `capacity must be a positive integer, got ${String(capacity)}`);
  }
  if (typeof ttlMs !== 'number' || Number.isNaN(ttlMs) || ttlMs <= 0) {
    throw new EnsignError('INVALID_OPTIONS', `ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
  // A Map keeps insertion order: re-inserting an entry makes it the most recently used, its first key the least.
  const entries = new Map<string, Entry<V>>();
  const expires = Number.isFinite(ttlMs);
  const half = Math.max(1, Math.floor(capacity / 2));
  let inserted = 0;
  const fresh = (key: string): Entry<V> | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (expires && entry.expiresAt <= clock.now()) {
      entries.delete(key);
      return undefined;
    }
    if (inserted - entry.stamp >= half) {
      entries.delete(key);
      entry.stamp = ++inserted;
      entries.set(key, entry);
    }
    return entry;
  };
  return {
    get: (key) => fresh(key)?.value,
    has: (key) => fresh(key) !== undefined,
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: expires ? clock.now() + ttlMs : Infinity, stamp: ++inserted });
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
