// The context keys indexed in the current window (`contextKeysCapacity`, `contextKeysFlushIntervalMs`): the same
// policy as the package's LRU cache (lru-cache.ts), on a structure made for a key set that churns. A server sees most
// contexts once, so nearly every evaluation inserts a key and evicts one: with a `Map`, that is a lookup that misses,
// an insert, a delete and the hash of a new string (V8 hashes a 36-character key in about 500 instructions), which
// made the dedup a third of recording an event. Here a key is hashed once, by a seeded 32-bit hash over its
// characters, into an open-addressing table of slot numbers; entries live in parallel arrays of slots (no object per
// key), linked in recency order.
import { EnsignError } from '@ensign/common';

/** No slot: the end of the recency list. */
const NONE = -1;

/** A set of context keys with a capacity, a time to live and least-recently-used eviction. Internal. */
export interface ContextKeySet {
  /**
   * Whether `key` is new: true when it was absent or expired (it is now remembered, fresh from `now`), false when it
   * was fresh (and it is marked recently used, as the LRU cache does: only once it has fallen into the older half).
   */
  claim(key: string, now: number): boolean;
  /** Remembers `key`, fresh from `now` and most recently used. */
  set(key: string, now: number): void;
  /** Forgets `key`. */
  delete(key: string): void;
  /** Keys held (expired ones are counted until they are touched or evicted). */
  readonly size: number;
}

/** Options of {@link createContextKeySet}. */
export interface ContextKeySetOptions {
  /** Keys kept at most; a positive integer. */
  capacity: number;
  /** How long a key is remembered, in ms from when it was set. `Infinity` keeps keys until evicted. */
  ttlMs: number;
  /** The seed of the key hash (random per pipeline, so colliding keys cannot be chosen in advance). */
  seed: number;
}

/**
 * Creates a {@link ContextKeySet}. The table grows with the set (load at most one half) up to twice the capacity,
 * so memory follows the keys held, not the configured capacity.
 *
 * Errors: throws `EnsignError('INVALID_OPTIONS')` when `capacity` is not a positive integer or `ttlMs` is not positive.
 *
 * @example
 * const indexed = createContextKeySet({ capacity: 1_000, ttlMs: 300_000, seed: 7 });
 * indexed.claim('user-42', Date.now()); // true: index it
 * indexed.claim('user-42', Date.now()); // false
 */
export function createContextKeySet(options: ContextKeySetOptions): ContextKeySet {
  const { capacity, ttlMs } = options;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new EnsignError('INVALID_OPTIONS', `capacity must be a positive integer, got ${String(capacity)}`);
  }
  if (typeof ttlMs !== 'number' || Number.isNaN(ttlMs) || ttlMs <= 0) {
    throw new EnsignError('INVALID_OPTIONS', `ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
  const seed = options.seed | 0;
  const expires = Number.isFinite(ttlMs);
  const half = Math.max(1, Math.floor(capacity / 2));
  // Slots, in parallel arrays.
  const keys: string[] = [];
  const hashes: number[] = [];
  const expiresAt: number[] = [];
  const stamps: number[] = [];
  const older: number[] = [];
  const newer: number[] = [];
  const free: number[] = [];
  // The table: slot + 1 per position, 0 when empty; linear probing, deletion by backward shift (no tombstones).
  let table = new Int32Array(16);
  let mask = 15;
  let count = 0;
  let oldest = NONE;
  let newest = NONE;
  let inserted = 0;

  // FNV-1a over the UTF-16 code units, from the seed, with a final mix so the low bits (the table position) depend on
  // every character.
  const hash = (key: string): number => {
    let h = (0x811c9dc5 ^ seed) | 0;
    for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x45d9f3b);
    return h ^ (h >>> 16);
  };
  const find = (key: string, h: number): number => {
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[i] as number;
      if (entry === 0) return NONE;
      const slot = entry - 1;
      if (hashes[slot] === h && keys[slot] === key) return slot;
    }
  };
  const place = (slot: number) => {
    let i = (hashes[slot] as number) & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
  };
  const grow = () => {
    const old = table;
    table = new Int32Array(old.length * 2);
    mask = table.length - 1;
    for (let i = 0; i < old.length; i += 1) if (old[i] !== 0) place((old[i] as number) - 1);
  };
  const unplace = (slot: number) => {
    let i = (hashes[slot] as number) & mask;
    while (table[i] !== slot + 1) i = (i + 1) & mask;
    // Backward shift: move later entries of the run into the hole when their home position allows it.
    for (let j = (i + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = (hashes[(table[j] as number) - 1] as number) & mask;
      const between = i <= j ? i < home && home <= j : i < home || home <= j;
      if (!between) {
        table[i] = table[j] as number;
        i = j;
      }
    }
    table[i] = 0;
  };

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
  // Takes `slot` out of the list and the table; its number is then free for the next key.
  const release = (slot: number) => {
    unlink(slot);
    unplace(slot);
    keys[slot] = '';
    count -= 1;
  };
  const remove = (slot: number) => {
    release(slot);
    free.push(slot);
  };
  const insert = (key: string, h: number, now: number) => {
    let slot: number | undefined;
    if (count >= capacity && oldest !== NONE) {
      // Full (the common case of a server seeing new contexts): the least recently used key gives up its slot.
      slot = oldest;
      release(slot);
    } else {
      slot = free.pop();
    }
    if (slot === undefined) {
      slot = keys.length;
      keys.push(key);
      hashes.push(h);
      expiresAt.push(0);
      stamps.push(0);
      older.push(NONE);
      newer.push(NONE);
    } else {
      keys[slot] = key;
      hashes[slot] = h;
    }
    expiresAt[slot] = expires ? now + ttlMs : Infinity;
    count += 1;
    if (count * 2 > table.length) grow();
    place(slot);
    append(slot);
  };

  return {
    claim(key, now) {
      const h = hash(key);
      const slot = find(key, h);
      if (slot !== NONE) {
        if (!expires || (expiresAt[slot] as number) > now) {
          if (inserted - (stamps[slot] as number) >= half) {
            unlink(slot);
            append(slot);
          }
          return false;
        }
        remove(slot);
      }
      insert(key, h, now);
      return true;
    },
    set(key, now) {
      const h = hash(key);
      const slot = find(key, h);
      if (slot === NONE) return insert(key, h, now);
      expiresAt[slot] = expires ? now + ttlMs : Infinity;
      unlink(slot);
      append(slot);
    },
    delete(key) {
      const slot = find(key, hash(key));
      if (slot !== NONE) remove(slot);
    },
    get size() {
      return count;
    },
  };
}
