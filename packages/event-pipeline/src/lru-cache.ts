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

/** No slot: the end of the recency list. */
const NONE = -1;

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
  // Recency lives in a doubly linked list of slots, kept in parallel arrays: a key maps to its slot number, so an
  // entry is no object at all. A cache that churns (a new context on every evaluation) then allocates nothing per
  // insert and leaves nothing for the garbage collector to copy; each operation is a Map lookup and a few array
  // writes. (The Map's insertion order is not used for recency: evicting by iterating a Map from its start walks over
  // the slots its deletions left behind.) Slots are handed out as the cache fills, up to `capacity`, and reused.
  const slots = new Map<string, number>();
  const keys: string[] = [];
  const values: V[] = [];
  const expiresAt: number[] = [];
  /** The insertion counter when the entry last moved to the most recently used end. */
  const stamps: number[] = [];
  /** Neighbours in recency order (from the oldest to the newest entry); NONE at the ends. */
  const older: number[] = [];
  const newer: number[] = [];
  const free: number[] = [];
  const expires = Number.isFinite(ttlMs);
  const half = Math.max(1, Math.floor(capacity / 2));
  let oldest = NONE;
  let newest = NONE;
  let inserted = 0;

  const unlink = (slot: number) => {
    const o = older[slot] as number;
    const n = newer[slot] as number;
    if (o === NONE) oldest = n;
    else newer[o] = n;
    if (n === NONE) newest = o;
    else older[n] = o;
  };
  const append = (slot: number) => {
    stamps[slot] = ++inserted;
    older[slot] = newest;
    newer[slot] = NONE;
    if (newest === NONE) oldest = slot;
    else newer[newest] = slot;
    newest = slot;
  };
  // Takes `slot` out of the list and the map; its number is then free for the next key.
  const release = (slot: number) => {
    unlink(slot);
    slots.delete(keys[slot] as string);
    values[slot] = undefined as V; // let the value go
  };
  const remove = (slot: number) => {
    release(slot);
    free.push(slot);
  };
  // Whether the entry in `slot` is fresh (marking it recently used when it has fallen into the older half).
  const touch = (slot: number, now: number): boolean => {
    if (expires && (expiresAt[slot] as number) <= now) {
      remove(slot);
      return false;
    }
    if (inserted - (stamps[slot] as number) >= half) {
      unlink(slot);
      append(slot);
    }
    return true;
  };
  const fresh = (key: string): number => {
    const slot = slots.get(key);
    return slot !== undefined && touch(slot, expires ? clock.now() : 0) ? slot : NONE;
  };
  const insert = (key: string, value: V, now: number) => {
    let slot: number | undefined;
    if (slots.size >= capacity && oldest !== NONE) {
      // Full (the common case of a server seeing new contexts): the least recently used entry gives up its slot.
      slot = oldest;
      release(slot);
    } else {
      slot = free.pop();
    }
    if (slot === undefined) {
      slot = keys.length;
      keys.push(key);
      values.push(value);
      expiresAt.push(0);
      stamps.push(0);
      older.push(NONE);
      newer.push(NONE);
    } else {
      keys[slot] = key;
      values[slot] = value;
    }
    expiresAt[slot] = expires ? now + ttlMs : Infinity;
    slots.set(key, slot);
    append(slot);
  };
  return {
    get(key) {
      const slot = fresh(key);
      return slot === NONE ? undefined : values[slot];
    },
    has: (key) => fresh(key) !== NONE,
    set(key, value) {
      const now = expires ? clock.now() : 0;
      const slot = slots.get(key);
      if (slot === undefined) return insert(key, value, now);
      values[slot] = value;
      expiresAt[slot] = expires ? now + ttlMs : Infinity;
      unlink(slot);
      append(slot);
    },
    claim(key, value, now) {
      const slot = slots.get(key);
      if (slot !== undefined && touch(slot, now)) return false;
      insert(key, value, now);
      return true;
    },
    delete(key) {
      const slot = slots.get(key);
      if (slot !== undefined) remove(slot);
    },
    clear() {
      slots.clear();
      keys.length = 0;
      values.length = 0;
      expiresAt.length = 0;
      stamps.length = 0;
      older.length = 0;
      newer.length = 0;
      free.length = 0;
      oldest = NONE;
      newest = NONE;
    },
    get size() {
      return slots.size;
    },
  };
}
