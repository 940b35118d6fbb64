/** A bounded set of keys, each until its expiry, that forgets the least recently used key first. */
export interface LruSet {
  /** Whether `key` is held and not expired at `now` (a hit becomes the most recent). */
  has(key: string, now: number): boolean;
  /** Holds `key` until `expiresAt` (ms since the epoch). */
  add(key: string, expiresAt: number): void;
  delete(key: string): void;
  readonly size: number;
}

/**
 * Creates a bounded LRU set on a Map (insertion order is recency order: a hit is moved to the end); an expired key
 * counts as absent and is removed when it is looked up.
 *
 * @throws {TypeError} when `capacity` is not a positive integer.
 * @example
 * const lru = createLruSet(2); lru.add('a', Infinity); lru.add('b', Infinity); lru.add('c', Infinity); lru.has('a', Date.now()); // false
 */
export function createLruSet(capacity: number): LruSet {
  if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError('localCapacity must be a positive integer');
  const entries = new Map<string, number>();
  return {
    has(key, now) {
      const expiresAt = entries.get(key);
      if (expiresAt === undefined) return false;
      entries.delete(key);
      if (expiresAt <= now) return false;
      entries.set(key, expiresAt);
      return true;
    },
    add(key, expiresAt) {
      entries.delete(key);
      entries.set(key, expiresAt);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
