import type { Clock } from '@ensign/common';

/** Options of {@link createLruTtlCache}. */
export interface LruTtlCacheOptions {
  /** Entries held at most; the least recently used goes first. 0 disables the cache. */
  maxSize: number;
  /** Milliseconds an entry lives after it was set. 0 or less: entries never expire. */
  timeoutMs: number;
  clock: Clock;
}

/** A bounded cache whose entries expire. */
export interface LruTtlCache<V> {
  /** The value, or undefined when absent or expired (an expired entry is removed). A hit makes it the most recent. */
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** Removes every entry. */
  reset(): void;
  readonly size: number;
}

/**
 * Creates a least-recently-used cache with a time to live, on a `Map` (whose insertion order is the recency order).
 *
 * @example
 * const cache = createLruTtlCache<string[]>({ maxSize: 10_000, timeoutMs: 600_000, clock: systemClock });
 * cache.set('fs_user_id-$-user-42', ['vip']);
 */
export function createLruTtlCache<V>(options: LruTtlCacheOptions): LruTtlCache<V> {
  const { maxSize, timeoutMs, clock } = options;
  const entries = new Map<string, { value: V; at: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (timeoutMs > 0 && clock.now() - entry.at >= timeoutMs) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      if (maxSize <= 0) return;
      entries.delete(key);
      entries.set(key, { value, at: clock.now() });
      while (entries.size > maxSize) entries.delete(entries.keys().next().value as string);
    },
    reset() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
