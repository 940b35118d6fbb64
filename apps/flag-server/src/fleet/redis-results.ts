import { Redis } from 'ioredis';
import type { EventStats } from '../events/event-store.js';
import type { StoredLine } from '../events/ndjson-files.js';
import { createResultsBuilder, exposureOf, identityOf } from '../experiments/experiment-results.js';
import type { ExperimentResults } from '../experiments/experiment-results.js';
import type { PublishedEvent } from './jetstream-events.js';

/**
 * Folds one event, once: `SET <seen> NX EX` guards against a redelivery (an aggregator that stopped between the
 * fold and the ack), then the kind is counted and, for an exposure or a conversion, the user's entry kept:
 * the earliest exposure (`min`) or the latest conversion (`max`), as `<at>|<value>`.
 * KEYS: seen, stats, target hash, conversion-keys set. ARGV: ttl, kind, mode, field, value, at, eventKey.
 */
const FOLD = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) == false then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
local mode = ARGV[3]
if mode == 'min' or mode == 'max' then
  local at = tonumber(ARGV[6])
  local current = redis.call('HGET', KEYS[3], ARGV[4])
  local replace = current == false
  if not replace then
    local was = tonumber(string.match(current, '^[^|]+'))
    if mode == 'min' then replace = at < was else replace = at > was end
  end
  if replace then redis.call('HSET', KEYS[3], ARGV[4], ARGV[6] .. '|' .. ARGV[5]) end
  if mode == 'max' then redis.call('SADD', KEYS[4], ARGV[7]) end
end
return 1
`;

/** Options of {@link createRedisResults}. */
export interface RedisResultsOptions {
  url: string;
  /** Key prefix. Default `ensign:`. */
  prefix: string;
  /** How long an event id is remembered against redelivery, seconds. Default 7 days. */
  seenTtlSeconds?: number;
}

/** Experiment results and event counts kept in Redis, shared by every instance. */
export interface RedisResults {
  readonly redis: Redis;
  /** Folds an event; resolves true when it counted, false when it was already folded. Rejects when Redis fails. */
  fold(message: PublishedEvent): Promise<boolean>;
  /**
   * Sets the epoch key if it is missing: true when this call set it (first start, or Redis lost its data), false
   * when it was there. Rejects when Redis fails.
   */
  claimEpoch(): Promise<boolean>;
  /** Counts a duplicate JetStream recognised at ingest (best effort). */
  countDuplicates(environment: string, n: number): Promise<void>;
  stats(environment: string): Promise<EventStats>;
  results(environment: string, flagKey: string, variationOrder: readonly string[]): Promise<ExperimentResults>;
  close(): Promise<void>;
}

/** Splits `kind:key` (an identity) back into a context. */
function contextOf(identity: string): { kind: string; key: string } {
  const at = identity.indexOf(':');
  return { kind: identity.slice(0, at), key: identity.slice(at + 1) };
}

/**
 * Creates the Redis side of the fleet's results: per environment, `<prefix>exp:<env>:stats` (events per kind),
 * `<prefix>exp:<env>:exposures:<flagKey>` (user → first exposure), `<prefix>exp:<env>:conversions:<eventKey>`
 * (user → latest conversion) and `<prefix>exp:<env>:conversion-keys`. Results are computed from these with the same
 * builder as the NDJSON store, so both modes answer alike.
 *
 * @example
 * const results = createRedisResults({ url: 'redis://127.0.0.1:6379', prefix: 'ensign:' });
 * await results.results('production', 'checkout', ['control', 'treatment']);
 */
export function createRedisResults(options: RedisResultsOptions): RedisResults {
  const redis = new Redis(options.url, { maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000) });
  redis.on('error', () => undefined); // failures surface as rejected commands, answered by the callers
  redis.defineCommand('ensignFold', { numberOfKeys: 4, lua: FOLD });
  const base = (environment: string) => `${options.prefix}exp:${environment}:`;
  const ttl = options.seenTtlSeconds ?? 7 * 86_400;
  const fold = (redis as unknown as { ensignFold(...args: (string | number)[]): Promise<number> }).ensignFold.bind(redis);
  return {
    redis,
    async fold({ environment, receivedAt, event }) {
      const b = base(environment);
      const at = typeof event['timestamp'] === 'number' ? event['timestamp'] : receivedAt;
      let mode = 'none';
      let target = `${b}none`;
      let field = '';
      let value = '';
      let eventKey = '';
      const who = identityOf(event['context']);
      const flagKey = typeof event['flagKey'] === 'string' ? event['flagKey'] : null;
      if (who !== null && event.kind === 'conversion' && typeof event['eventKey'] === 'string') {
        eventKey = event['eventKey'];
        mode = 'max';
        target = `${b}conversions:${eventKey}`;
        field = who;
      } else if (who !== null && flagKey !== null) {
        const variation = exposureOf(event, flagKey);
        if (variation !== null) {
          mode = 'min';
          target = `${b}exposures:${flagKey}`;
          field = who;
          value = variation;
        }
      }
      return (await fold(`${b}seen:${event.id}`, `${b}stats`, target, `${b}conversion-keys`, ttl, event.kind, mode, field, value, at, eventKey)) === 1;
    },
    async claimEpoch() {
      return (await redis.set(`${options.prefix}exp:epoch`, String(Date.now()), 'NX')) === 'OK';
    },
    async countDuplicates(environment, n) {
      if (n > 0) await redis.hincrby(`${base(environment)}stats`, '\u0000duplicates', n);
    },
    async stats(environment) {
      const counts = await redis.hgetall(`${base(environment)}stats`);
      const byKind: Record<string, number> = {};
      let accepted = 0;
      let duplicates = 0;
      for (const [kind, text] of Object.entries(counts)) {
        const n = Number(text);
        if (kind === '\u0000duplicates') duplicates = n;
        else {
          accepted += n;
          Object.defineProperty(byKind, kind, { value: n, enumerable: true, writable: true, configurable: true });
        }
      }
      return { accepted, duplicates, byKind };
    },
    async results(environment, flagKey, variationOrder) {
      const b = base(environment);
      const builder = createResultsBuilder(flagKey, environment);
      const line = (event: Record<string, unknown>): StoredLine => ({ receivedAt: 0, batchId: '', event: event as StoredLine['event'] });
      const exposures = await redis.hgetall(`${b}exposures:${flagKey}`);
      for (const [who, entry] of Object.entries(exposures)) {
        const bar = entry.indexOf('|');
        builder.add(line({ id: '', kind: 'exposure', flagKey, variantKey: entry.slice(bar + 1), context: contextOf(who), timestamp: Number(entry.slice(0, bar)) }));
      }
      if (Object.keys(exposures).length > 0) {
        for (const eventKey of await redis.smembers(`${b}conversion-keys`)) {
          const conversions = await redis.hgetall(`${b}conversions:${eventKey}`);
          for (const [who, entry] of Object.entries(conversions)) {
            if (!Object.prototype.hasOwnProperty.call(exposures, who)) continue;
            builder.add(line({ id: '', kind: 'conversion', eventKey, context: contextOf(who), timestamp: Number(entry.slice(0, entry.indexOf('|'))) }));
          }
        }
      }
      return builder.finish(variationOrder);
    },
    async close() {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
