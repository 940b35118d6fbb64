/** A bounded set that forgets the least recently used key first. */
export interface LruSet {
  has(key: string): boolean;
  add(key: string): void;
  delete(key: string): void;
  readonly size: number;
}

/**
 * Creates a bounded LRU set on a Map (insertion order is recency order: a hit is moved to the end).
 *
 * @throws {TypeError} when `capacity` is not a positive integer.
 * @example
 * const lru = createLruSet(2); lru.add('a'); lru.add('b'); lru.add('c'); lru.has('a'); // false
 */
export function createLruSet(capacity: number): LruSet {
  if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError('localCapacity must be a positive integer');
  const entries = new Map<string, true>();
  return {
    has(key) {
      if (!entries.has(key)) return false;
      entries.delete(key);
      entries.set(key, true);
      return true;
    },
    add(key) {
      entries.delete(key);
      entries.set(key, true);
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
