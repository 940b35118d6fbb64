import { EnsignError } from '@ensign/common';
import type { DatafileEncoding } from '../core/sources/datafile-encoding.js';
import { DATAFILE_ENCODINGS, SERVER_DATAFILE_ENCODING } from '../core/sources/datafile-encoding.js';
import { POLLING_DEFAULTS } from '../core/sources/polling-source.js';
import type { RemoteFetchConfig, ServerConfig } from '../core/core-options.js';

/** A data-centre zone of `serverZone`. */
export type ServerZone = 'us' | 'eu';

/**
 * The base URLs `serverZone` chooses from unless the `serverZones` option says otherwise: a flag server per zone,
 * serving `/v1/datafiles`, `/v1/stream`, `/v1/evaluate` and `/v1/events/bulk`. A team running its own servers passes
 * `serverUrl`, or `serverZones: { us: '...', eu: '...' }` to keep choosing by zone.
 *
 * @example
 * DEFAULT_SERVER_ZONES.eu; // 'https://flags.eu.ensign.dev'
 */
export const DEFAULT_SERVER_ZONES: Readonly<Record<ServerZone, string>> = Object.freeze({
  us: 'https://flags.us.ensign.dev',
  eu: 'https://flags.eu.ensign.dev',
});

/**
 * Amplitude's remote-evaluation defaults, from `Defaults` in amplitude/experiment-node-server
 * `packages/node/src/config.ts`: `fetchTimeoutMillis` 10 000, `fetchRetries` 8, `fetchRetryBackoffMinMillis` 500,
 * `fetchRetryBackoffMaxMillis` 10 000, `fetchRetryBackoffScalar` 1.5, `fetchRetryTimeoutMillis` 10 000.
 *
 * @example
 * REMOTE_FETCH_DEFAULTS.fetchRetries; // 8
 */
export const REMOTE_FETCH_DEFAULTS = Object.freeze({
  fetchTimeoutMillis: 10_000,
  fetchRetries: 8,
  fetchRetryBackoffMinMillis: 500,
  fetchRetryBackoffMaxMillis: 10_000,
  fetchRetryBackoffScalar: 1.5,
  fetchRetryTimeoutMillis: 10_000,
} as const);

/** Option names this file reads (for the unknown-option check). */
export const SERVER_OPTION_KEYS: readonly string[] = [
  'serverUrl', 'serverZone', 'serverZones', 'flagConfigPollingIntervalMillis', 'streaming', 'bootstrap', 'datafilePublicKeys', 'datafileEncoding',
  ...Object.keys(REMOTE_FETCH_DEFAULTS),
];

const fail = (message: string): never => {
  throw new EnsignError('INVALID_OPTIONS', message);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
};
const trimSlash = (url: string) => url.replace(/\/+$/, '');

function number(o: Record<string, unknown>, key: string, min: number, integer: boolean, fallback: number): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) fail(`${key} must be ${integer ? 'an integer' : 'a number'} of at least ${min}`);
  return v as number;
}

/**
 * Reads the network options: the server's base URL (`serverUrl`, or `serverZone` through `serverZones`), polling,
 * streaming, bootstrap, public keys, the datafile encoding asked for and remote-fetch settings. `server` is null when neither `serverUrl` nor
 * `serverZone` is given.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` naming the first bad option.
 * @example
 * readServerOptions({ sdkKey: 'k', serverUrl: 'http://127.0.0.1:8080/' }).server?.baseUrl; // 'http://127.0.0.1:8080'
 */
export function readServerOptions(o: Record<string, unknown>): { server: ServerConfig | null; remoteFetch: RemoteFetchConfig } {
  const zones: Record<string, string> = { ...DEFAULT_SERVER_ZONES };
  if (o['serverZones'] !== undefined) {
    if (!isObject(o['serverZones'])) fail('serverZones must be an object mapping zones to http(s) URLs');
    for (const [zone, url] of Object.entries(o['serverZones'] as Record<string, unknown>)) {
      if (!isHttpUrl(url)) fail(`serverZones.${zone} must be an http(s) URL without query`);
      zones[zone] = url as string;
    }
  }
  let baseUrl: string | null = null;
  if (o['serverUrl'] !== undefined) {
    if (!isHttpUrl(o['serverUrl'])) fail('serverUrl must be an http(s) URL without query');
    baseUrl = trimSlash(o['serverUrl'] as string);
  } else if (o['serverZone'] !== undefined) {
    const zone = o['serverZone'];
    if (typeof zone !== 'string' || !Object.hasOwn(zones, zone)) fail(`serverZone must be one of ${Object.keys(zones).map((z) => `"${z}"`).join(', ')}`);
    baseUrl = trimSlash(zones[zone as string] as string);
  }
  const pollingIntervalMs = number(o, 'flagConfigPollingIntervalMillis', POLLING_DEFAULTS.minIntervalMs, true, POLLING_DEFAULTS.intervalMs);
  if (o['streaming'] !== undefined && typeof o['streaming'] !== 'boolean') fail('streaming must be a boolean');
  const bootstrap = o['bootstrap'] as string | object | undefined;
  if (bootstrap !== undefined && typeof bootstrap !== 'string' && !isObject(bootstrap)) fail('bootstrap must be a datafile: JSON text or an object');
  let publicKeys: Record<string, string> | null = null;
  if (o['datafilePublicKeys'] !== undefined) {
    const keys = o['datafilePublicKeys'];
    if (!isObject(keys) || Object.keys(keys).length === 0) fail('datafilePublicKeys must map key ids to PEM public keys');
    for (const [id, pem] of Object.entries(keys as Record<string, unknown>)) {
      if (typeof pem !== 'string' || !pem.includes('-----BEGIN PUBLIC KEY-----')) fail(`datafilePublicKeys.${id} must be a PEM public key`);
    }
    publicKeys = { ...(keys as Record<string, string>) };
  }
  const datafileEncoding = (o['datafileEncoding'] ?? SERVER_DATAFILE_ENCODING) as DatafileEncoding;
  if (!DATAFILE_ENCODINGS.includes(datafileEncoding)) fail(`datafileEncoding must be ${DATAFILE_ENCODINGS.map((e) => `"${e}"`).join(' or ')}`);
  const d = REMOTE_FETCH_DEFAULTS;
  const remoteFetch: RemoteFetchConfig = {
    timeoutMs: number(o, 'fetchTimeoutMillis', 0, true, d.fetchTimeoutMillis),
    retries: number(o, 'fetchRetries', 0, true, d.fetchRetries),
    backoffMinMs: number(o, 'fetchRetryBackoffMinMillis', 0, true, d.fetchRetryBackoffMinMillis),
    backoffMaxMs: number(o, 'fetchRetryBackoffMaxMillis', 0, true, d.fetchRetryBackoffMaxMillis),
    backoffScalar: number(o, 'fetchRetryBackoffScalar', 1, false, d.fetchRetryBackoffScalar),
    retryTimeoutMs: number(o, 'fetchRetryTimeoutMillis', 0, true, d.fetchRetryTimeoutMillis),
  };
  if (baseUrl === null) {
    if (bootstrap !== undefined) fail('bootstrap needs serverUrl or serverZone: it is the datafile to start from until the server answers (use `datafile` for a fixed one)');
    if (o['streaming'] === true) fail('streaming needs serverUrl or serverZone');
    return { server: null, remoteFetch };
  }
  if (typeof o['sdkKey'] !== 'string' || o['sdkKey'].trim() === '') fail('serverUrl and serverZone need sdkKey: the server knows your environment by it');
  return {
    server: { baseUrl, pollingIntervalMs, streaming: o['streaming'] === true, bootstrap, publicKeys, datafileEncoding },
    remoteFetch,
  };
}
