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
  readonly key: string;
  value: V;
  expiresAt: number;
  /** The insertion counter when the entry last moved to the most recently used end. */
  stamp: number;
  /** Neighbours in recency order (a doubly linked list from the oldest to the newest entry). */
  older: Entry<V> | null;
  newer: Entry<V> | null;
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
  return createClaimingLruCache<V>(options);
}

/**
 * Internal to the package: an {@link LruCache} with the one-lookup operation of the pipeline's hot path.
 *
 * @example
 * const indexed = createClaimingLruCache<true>({ capacity: 1_000, ttlMs: 300_000, clock });
 * if (indexed.claim(canonicalKey(context), true, clock.now())) sendIndexEvent();
 */
export interface ClaimingLruCache<V> extends LruCache<V> {
  /**
   * `has(key)` then, when absent, `set(key, value)`, in one lookup and with the caller's `now` (one clock read per
   * record call). Returns true when the key was absent or expired (it is now set), false when it was fresh.
   */
  claim(key: string, value: V, now: number): boolean;
}

/**
 * Creates a {@link ClaimingLruCache}; same options and errors as {@link createLruCache}.
 *
 * @example
 * const seen = createClaimingLruCache<true>({ capacity: 2, ttlMs: Infinity, clock: systemClock });
 * seen.claim('a', true, 0); // true: new
 * seen.claim('a', true, 0); // false: seen
 */
export function createClaimingLruCache<V>(options: LruCacheOptions): ClaimingLruCache<V> {
  const { capacity, ttlMs, clock } = options;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new EnsignError('INVALID_OPTIONS', `capacity must be a positive integer, got ${String(capacity)}`);
  }
  if (typeof ttlMs !== 'number' || Number.isNaN(ttlMs) || ttlMs <= 0) {
    throw new EnsignError('INVALID_OPTIONS', `ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
  // Recency lives in a linked list, not in the Map's insertion order: evicting by iterating a Map from its start
  // walks over the slots its deletions left behind, which made each eviction of a churning cache cost hundreds of
  // slots. With the list, every operation is a Map lookup and a few pointer moves.
  const entries = new Map<string, Entry<V>>();
  const expires = Number.isFinite(ttlMs);
  const half = Math.max(1, Math.floor(capacity / 2));
  let oldest: Entry<V> | null = null;
  let newest: Entry<V> | null = null;
  let inserted = 0;

  const unlink = (entry: Entry<V>) => {
    if (entry.older === null) oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === null) newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = null;
    entry.newer = null;
  };
  const append = (entry: Entry<V>) => {
    entry.stamp = ++inserted;
    entry.older = newest;
    if (newest === null) oldest = entry;
    else newest.newer = entry;
    newest = entry;
  };
  const remove = (entry: Entry<V>) => {
    unlink(entry);
    entries.delete(entry.key);
  };
  // The entry of `key` if it is fresh (marking it recently used when it has fallen into the older half).
  const touch = (entry: Entry<V>, now: number): boolean => {
    if (expires && entry.expiresAt <= now) {
      remove(entry);
      return false;
    }
    if (inserted - entry.stamp >= half) {
      unlink(entry);
      append(entry);
    }
    return true;
  };
  const fresh = (key: string): Entry<V> | undefined => {
    const entry = entries.get(key);
    return entry !== undefined && touch(entry, expires ? clock.now() : 0) ? entry : undefined;
  };
  const insert = (key: string, value: V, now: number) => {
    const entry: Entry<V> = { key, value, expiresAt: expires ? now + ttlMs : Infinity, stamp: 0, older: null, newer: null };
    entries.set(key, entry);
    append(entry);
    if (entries.size > capacity && oldest !== null) remove(oldest);
  };
  return {
    get: (key) => fresh(key)?.value,
    has: (key) => fresh(key) !== undefined,
    set(key, value) {
      const now = expires ? clock.now() : 0;
      const existing = entries.get(key);
      if (existing === undefined) return insert(key, value, now);
      existing.value = value;
      existing.expiresAt = expires ? now + ttlMs : Infinity;
      unlink(existing);
      append(existing);
    },
    claim(key, value, now) {
      const existing = entries.get(key);
      if (existing !== undefined && touch(existing, now)) return false;
      insert(key, value, now);
      return true;
    },
    delete(key) {
      const entry = entries.get(key);
      if (entry !== undefined) remove(entry);
    },
    clear() {
      entries.clear();
      oldest = null;
      newest = null;
    },
    get size() {
      return entries.size;
    },
  };
}
