// The context keys indexed in the current window (`contextKeysCapacity`, `contextKeysFlushIntervalMs`): the same
// policy as the package's LRU cache (lru-cache.ts), on a structure made for a key set that churns. A server sees most
// contexts once, so nearly every evaluation inserts a key and evicts one: with a `Map`, that is a lookup that misses,
// an insert, a delete, now and then a rehash of the table, and V8's hash of the new string (about 500 instructions for
// a 36-character key), together about 1 700 instructions per evaluation. Here a key is hashed by a seeded hash of its
// length and of twelve of its characters (the first four, two in the middle, the last six), into an open-addressing
// table of slot numbers; entries are slots in typed arrays (no object per key), linked in recency order.
//
// Keys that agree on those twelve characters share a hash. Should a probe run grow long (many such keys, by chance or
// by design), the set switches for good to a hash of every character and rebuilds its table: lookups stay short
// whatever the keys, and the answers never depend on the hash.
import { EnsignError } from '@ensign/common';
import type { Clock } from '@ensign/common';
import { createClaimingLruCache } from './lru-cache.js';

/** No slot: the end of the recency list. */
const NONE = -1;
/** Probes past which the sampled hash gives way to the full one. */
const LONG_PROBE = 48;

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
  /** The clock of the LRU cache used above {@link MAX_TABLE_CAPACITY}. */
  clock: Clock;
}

/**
 * Capacities up to this get the table, allocated whole when the set is created (about 48 bytes per key: 48 KB for
 * the default 1 000); larger ones use the package's LRU cache (a `Map`), whose memory follows the keys held.
 */
export const MAX_TABLE_CAPACITY = 65_536;

/**
 * Creates a {@link ContextKeySet}. Its arrays are allocated whole, for `capacity` keys (the table's load stays at most
 * one quarter), and never grow: fixed arrays are what the JIT compiles to plain loads and stores. Above
 * {@link MAX_TABLE_CAPACITY} the set is the package's LRU cache, with the same answers.
 *
 * Errors: throws `EnsignError('INVALID_OPTIONS')` when `capacity` is not a positive integer or `ttlMs` is not positive.
 *
 * @example
 * const indexed = createContextKeySet({ capacity: 1_000, ttlMs: 300_000, seed: 7, clock: systemClock });
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
  if (capacity > MAX_TABLE_CAPACITY) {
    const lru = createClaimingLruCache<true>({ capacity, ttlMs, clock: options.clock });
    return {
      claim: (key, now) => lru.claim(key, true, now),
      set: (key) => lru.set(key, true),
      delete: (key) => lru.delete(key),
      get size() {
        return lru.size;
      },
    };
  }
  const seed = options.seed | 0;
  const expires = Number.isFinite(ttlMs);
  const half = Math.max(1, Math.floor(capacity / 2));
  // Slots, in parallel arrays.
  const keys: string[] = [];
  const hashes = new Int32Array(capacity);
  const expiresAt = new Float64Array(capacity);
  const stamps = new Float64Array(capacity);
  const older = new Int32Array(capacity);
  const newer = new Int32Array(capacity);
  let used = 0; // slots handed out so far
  const free: number[] = [];
  // The table: slot + 1 per position, 0 when empty; linear probing, deletion by backward shift (no tombstones).
  let size = 16;
  // At most a quarter full. Linear probing at a load of one half makes runs past LONG_PROBE by chance (a few seeds in
  // a hundred over 60 000 new keys), each a needless switch to the full hash, which costs three times the sampled one;
  // at one quarter, the odds of such a run are below 1e-12 per probe.
  while (size < capacity * 4) size *= 2;
  const table = new Int32Array(size);
  const mask = size - 1;
  let count = 0;
  let oldest = NONE;
  let newest = NONE;
  let inserted = 0;
  let full = false; // hash every character (after a long probe run)
  let longProbe = false;

  const mix = (h: number): number => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x45d9f3b);
    return h ^ (h >>> 16);
  };
  // FNV-1a over the UTF-16 code units of the whole key, from the seed.
  const fullHash = (key: string): number => {
    let h = (0x811c9dc5 ^ seed) | 0;
    for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return mix(h);
  };
  const hash = (key: string): number => {
    const n = key.length;
    if (full || n <= 12) return fullHash(key);
    let h = Math.imul((0x811c9dc5 ^ seed ^ n) | 0, 0x01000193);
    h = Math.imul(h ^ (key.charCodeAt(0) | (key.charCodeAt(1) << 16)), 0x01000193);
    h = Math.imul(h ^ (key.charCodeAt(2) | (key.charCodeAt(3) << 16)), 0x01000193);
    const m = n >>> 1;
    h = Math.imul(h ^ (key.charCodeAt(m - 1) | (key.charCodeAt(m) << 16)), 0x01000193);
    h = Math.imul(h ^ (key.charCodeAt(n - 6) | (key.charCodeAt(n - 5) << 16)), 0x01000193);
    h = Math.imul(h ^ (key.charCodeAt(n - 4) | (key.charCodeAt(n - 3) << 16)), 0x01000193);
    h = Math.imul(h ^ (key.charCodeAt(n - 2) | (key.charCodeAt(n - 1) << 16)), 0x01000193);
    return mix(h);
  };
  const find = (key: string, h: number): number => {
    for (let i = h & mask, probes = 0; ; i = (i + 1) & mask, probes += 1) {
      const entry = table[i] as number;
      if (entry === 0) {
        if (probes > LONG_PROBE) longProbe = true;
        return NONE;
      }
      const slot = entry - 1;
      if (hashes[slot] === h && keys[slot] === key) return slot;
    }
  };
  const place = (slot: number) => {
    let i = (hashes[slot] as number) & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
  };
  const rebuild = () => {
    table.fill(0);
    for (let s = oldest; s !== NONE; s = newer[s] as number) place(s);
  };
  // After a long probe run: every key hashed in full from now on.
  const hashInFull = () => {
    full = true;
    longProbe = false;
    for (let s = oldest; s !== NONE; s = newer[s] as number) hashes[s] = fullHash(keys[s] as string);
    rebuild();
  };
  const unplace = (slot: number) => {
    let i = (hashes[slot] as number) & mask;
    while (table[i] !== slot + 1) i = (i + 1) & mask;
    // Backward shift: move later entries of the run into the hole when their home position allows it (when it is not
    // cyclically in (i, j]). One masked compare, not a branch on wrapping around the table's end: that branch, taken
    // rarely, had no type feedback when the function was compiled, and deoptimized it.
    for (let j = (i + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = (hashes[(table[j] as number) - 1] as number) & mask;
      if (((home - i - 1) & mask) >= ((j - i) & mask)) {
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
  const remove = (slot: number) => {
    unlink(slot);
    unplace(slot);
    keys[slot] = '';
    count -= 1;
    free.push(slot);
  };
  const insert = (key: string, h: number, now: number) => {
    let slot: number;
    if (count >= capacity && oldest !== NONE) {
      // Full (the common case of a server seeing new contexts): the least recently used key gives up its slot. Its
      // unlink, written out here for the oldest slot (no older neighbour), saves a call per new key.
      slot = oldest;
      const n = newer[slot] as number;
      oldest = n;
      if (n === NONE) newest = NONE;
      else older[n] = NONE;
      unplace(slot);
    } else {
      count += 1;
      slot = free.length > 0 ? (free.pop() as number) : used++;
    }
    keys[slot] = key;
    hashes[slot] = h;
    expiresAt[slot] = expires ? now + ttlMs : Infinity;
    // `place` and `append`, written out.
    let i = h & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = slot + 1;
    stamps[slot] = ++inserted;
    older[slot] = newest;
    newer[slot] = NONE;
    if (newest === NONE) oldest = slot;
    else newer[newest] = slot;
    newest = slot;
  };
  const after = () => {
    if (longProbe && !full) hashInFull();
  };

  // Methods in a literal, `size` defined on it afterwards: a literal with a getter is created in dictionary mode, and
  // the pipeline's compiled `indexed.claim` was then a generic load (an inline cache call, about 90 instructions per
  // evaluation) where a fast object's method is one map check.
  const keySet = {
    claim(key: string, now: number): boolean {
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
      after();
      return true;
    },
    set(key: string, now: number): void {
      const h = hash(key);
      const slot = find(key, h);
      if (slot === NONE) {
        insert(key, h, now);
        return after();
      }
      expiresAt[slot] = expires ? now + ttlMs : Infinity;
      unlink(slot);
      append(slot);
    },
    delete(key: string): void {
      const slot = find(key, hash(key));
      if (slot !== NONE) remove(slot);
    },
  };
  Object.defineProperty(keySet, 'size', { get: () => count, enumerable: true });
  return keySet as typeof keySet & { readonly size: number };
}
