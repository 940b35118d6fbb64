import { resolve } from 'node:path';

/** Where log lines go and from which level. */
export interface FlagServerLogOptions {
  /** `trace`, `debug`, `info`, `warn`, `error`, `fatal` or `silent`. Default `info`. */
  level?: string;
  /** Where the JSON lines are written. Default standard output. */
  stream?: { write(line: string): unknown };
}

/** Options of `startFlagServer`. */
export interface FlagServerOptions {
  /** The data folder: `keys.json`, `<environment>.json`, `signing/*.pem`. Required. */
  dataDir: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** Address to bind. Default `127.0.0.1` (use `0.0.0.0` to serve other hosts). */
  host?: string;
  /** Heartbeat comment period of the stream, ms. Default 15 000. */
  heartbeatMs?: number;
  /** The `retry:` hint of the stream, ms. Default 1 000. */
  streamRetryMs?: number;
  /** Stat poll period of the data folder, ms (the fall-back of `fs.watch`). Default 1 000. */
  pollIntervalMs?: number;
  /** Quiet period after a change in the data folder before it is read, ms. Default 20. */
  debounceMs?: number;
  /** Where ingested events are stored. Default `<dataDir>/events`. */
  eventsDir?: string;
  /** NDJSON files are rotated past this size, bytes. Default 64 MiB. */
  maxEventFileBytes?: number;
  /** Largest body of the JSON endpoints, bytes. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Largest body of `POST /v1/events/bulk`, compressed and decompressed, bytes. Default 16 MiB. */
  eventsBodyLimitBytes?: number;
  /** Most events in one batch. Default 50 000. */
  maxEventsPerBatch?: number;
  /** Time allowed to receive a whole request, ms. Default 30 000. */
  requestTimeoutMs?: number;
  /** Logging: options, or `false` for none. Default `{ level: 'info' }` on standard output. */
  logger?: FlagServerLogOptions | false;
  /**
   * `redis://…`: share datafiles with the other instances and SDKs through Redis (and, with `nats`, read the
   * experiment results the aggregators keep there). Default none.
   */
  redis?: string;
  /** Prefix of every Redis key and channel. Default `ensign:`. */
  redisPrefix?: string;
  /** `nats://…`: ingest events into JetStream instead of the NDJSON store (needs `redis`). Default none. */
  nats?: string;
  /** The JetStream stream of the events (the aggregators read the same one). Default `ENSIGN_EVENTS`. */
  natsStream?: string;
}

/** The options with defaults applied. */
export type ResolvedServerOptions = Required<Omit<FlagServerOptions, 'logger' | 'redis' | 'nats'>> & {
  logger: FlagServerLogOptions | false;
  redis: string | null;
  nats: string | null;
};

function integer(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new TypeError(`${name} must be an integer of at least ${min}`);
  return value;
}

function url(name: string, value: string | undefined, protocols: readonly string[]): string | null {
  if (value === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(value.split(',')[0] as string);
  } catch {
    throw new TypeError(`${name} must be a URL (${protocols.join(' or ')}//host:port)`);
  }
  if (!protocols.includes(parsed.protocol)) throw new TypeError(`${name} must be a ${protocols.join(' or ')}// URL`);
  return value;
}

function natsWithRedis(nats: string | null, redis: string | undefined): string | null {
  if (nats !== null && redis === undefined) throw new TypeError('nats needs redis too: the experiment results are kept in Redis');
  return nats;
}

/**
 * Checks the options of `startFlagServer` and applies the defaults.
 *
 * @throws {TypeError} for a missing `dataDir` or a number out of range.
 * @example
 * resolveServerOptions({ dataDir: './data' }).heartbeatMs; // 15000
 */
export function resolveServerOptions(options: FlagServerOptions): ResolvedServerOptions {
  if (typeof options?.dataDir !== 'string' || options.dataDir === '') throw new TypeError('dataDir is required');
  const dataDir = resolve(options.dataDir);
  return {
    dataDir,
    port: integer('port', options.port, 0, 0),
    host: options.host ?? '127.0.0.1',
    heartbeatMs: integer('heartbeatMs', options.heartbeatMs, 15_000, 10),
    streamRetryMs: integer('streamRetryMs', options.streamRetryMs, 1_000, 0),
    pollIntervalMs: integer('pollIntervalMs', options.pollIntervalMs, 1_000, 10),
    debounceMs: integer('debounceMs', options.debounceMs, 20, 0),
    eventsDir: resolve(options.eventsDir ?? resolve(dataDir, 'events')),
    maxEventFileBytes: integer('maxEventFileBytes', options.maxEventFileBytes, 64 * 1024 * 1024, 1),
    bodyLimitBytes: integer('bodyLimitBytes', options.bodyLimitBytes, 1024 * 1024, 1),
    eventsBodyLimitBytes: integer('eventsBodyLimitBytes', options.eventsBodyLimitBytes, 16 * 1024 * 1024, 1),
    maxEventsPerBatch: integer('maxEventsPerBatch', options.maxEventsPerBatch, 50_000, 1),
    requestTimeoutMs: integer('requestTimeoutMs', options.requestTimeoutMs, 30_000, 1),
    logger: options.logger ?? { level: 'info' },
    redis: url('redis', options.redis, ['redis:', 'rediss:']),
    redisPrefix: options.redisPrefix ?? 'ensign:',
    natsStream: options.natsStream ?? 'ENSIGN_EVENTS',
    nats: natsWithRedis(url('nats', options.nats, ['nats:', 'tls:']), options.redis),
  };
}
