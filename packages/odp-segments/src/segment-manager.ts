import type { Clock, Logger } from '@ensign/common';
import { EnsignError, safeLog, silentLogger, systemClock } from '@ensign/common';
import type { OdpEndpoint, SegmentFetcher } from './graphql-fetcher.js';
import { createLruTtlCache } from './lru-ttl-cache.js';
import type { OdpUserKey, SegmentOption } from './segment-option.js';
import { OptimizelySegmentOption } from './segment-option.js';

/** What segments are fetched with: the ODP endpoint and the segments the datafile's `qualified` conditions name. */
export interface OdpSegmentsConfig extends OdpEndpoint {
  segmentsToCheck: readonly string[];
}

/** Options of {@link createSegmentManager}. */
export interface SegmentManagerOptions {
  /** Asks the ODP host (usually {@link createGraphqlSegmentFetcher}). */
  fetcher: SegmentFetcher;
  /** Users whose segments are cached at most (least recently used first out). Default 10 000; 0 disables the cache. */
  cacheSize?: number;
  /** How long fetched segments are reused, ms. Default 600 000 (10 minutes); 0 disables the cache. */
  cacheTimeoutMs?: number;
  /** Default: silent. */
  logger?: Logger;
  /** Default: the system clock. */
  clock?: Clock;
}

/** Fetches and caches the qualified segments of users. */
export interface SegmentManager {
  /**
   * The segments `userValue` qualifies for among the configured `segmentsToCheck`: `[]` without a request when there
   * are none, from the cache when fresh, else from the fetcher (and then cached). Null means "unknown": no config
   * yet, or the fetch failed. Never rejects. Unknown options are ignored.
   */
  fetchQualifiedSegments(userKey: OdpUserKey, userValue: string, options?: readonly (SegmentOption | string)[]): Promise<string[] | null>;
  /** Sets the endpoint and segments (from a new datafile); the cache is emptied. Null: ODP is not integrated. */
  updateConfig(config: OdpSegmentsConfig | null): void;
  /** The config in use, or null. */
  config(): OdpSegmentsConfig | null;
  /** Empties the cache. */
  reset(): void;
  /** Users in the cache now. */
  cacheSize(): number;
}

/** The defaults of {@link createSegmentManager}, as Optimizely's. */
export const SEGMENT_MANAGER_DEFAULTS = Object.freeze({ cacheSize: 10_000, cacheTimeoutMs: 600_000 } as const);

const nonNegativeInteger = (name: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new EnsignError('INVALID_OPTIONS', `${name} must be an integer of at least 0`);
  return value;
};

/**
 * Creates a segment manager: an LRU cache with a time to live, keyed by user key and value, in front of a fetcher.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` for a missing fetcher or a negative cache size or timeout.
 * @example
 * const segments = createSegmentManager({ fetcher: createGraphqlSegmentFetcher({ http, logger }), cacheSize: 10_000, cacheTimeoutMs: 600_000, logger, clock });
 * segments.updateConfig({ host: 'https://api.zaius.com', publicKey: 'W4WzcEs-ABgXorzY7h1LCQ', segmentsToCheck: ['vip'] });
 * await segments.fetchQualifiedSegments('fs_user_id', 'user-42'); // ['vip'], or null when unknown
 */
export function createSegmentManager(options: SegmentManagerOptions): SegmentManager {
  if (typeof options?.fetcher?.fetch !== 'function') throw new EnsignError('INVALID_OPTIONS', 'fetcher must be an object with a fetch function');
  const logger = options.logger ?? silentLogger;
  const cache = createLruTtlCache<string[]>({
    maxSize: nonNegativeInteger('cacheSize', options.cacheSize, SEGMENT_MANAGER_DEFAULTS.cacheSize),
    timeoutMs: nonNegativeInteger('cacheTimeoutMs', options.cacheTimeoutMs, SEGMENT_MANAGER_DEFAULTS.cacheTimeoutMs),
    clock: options.clock ?? systemClock,
  });
  const cacheOff = options.cacheTimeoutMs === 0;
  let current: OdpSegmentsConfig | null = null;

  return {
    async fetchQualifiedSegments(userKey, userValue, given) {
      const config = current;
      if (config === null) {
        safeLog(logger, 'warn', 'ODP segments cannot be fetched: ODP is not integrated (no host and public key)');
        return null;
      }
      if (config.segmentsToCheck.length === 0) return [];
      const list = Array.isArray(given) ? given : [];
      const ignore = cacheOff || list.includes(OptimizelySegmentOption.IGNORE_CACHE);
      if (list.includes(OptimizelySegmentOption.RESET_CACHE)) cache.reset();
      const key = `${userKey}-$-${userValue}`;
      if (!ignore) {
        const hit = cache.get(key);
        if (hit !== undefined) return [...hit];
      }
      let segments: string[] | null;
      try {
        segments = await options.fetcher.fetch({ host: config.host, publicKey: config.publicKey, userKey, userValue, segments: config.segmentsToCheck });
      } catch (error) {
        safeLog(logger, 'error', `ODP segments fetch failed (${error instanceof Error ? error.message : String(error)})`);
        segments = null;
      }
      // A config change while the request was out means the answer is about other segments: do not cache it.
      if (segments !== null && !ignore && current === config) cache.set(key, [...segments]);
      return segments;
    },
    updateConfig(config) {
      current = config === null ? null : { host: config.host, publicKey: config.publicKey, segmentsToCheck: Object.freeze([...config.segmentsToCheck]) };
      cache.reset();
    },
    config: () => current,
    reset: () => cache.reset(),
    cacheSize: () => cache.size,
  };
}
