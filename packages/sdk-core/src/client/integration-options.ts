import { EnsignError } from '@ensign/common';
import type { CohortSyncConfig, OdpOptions } from '../core/odp/odp-options.js';

const fail = (message: string): never => {
  throw new EnsignError('INVALID_OPTIONS', message);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUrl = (v: unknown) => {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

function checkKeys(name: string, o: Record<string, unknown>, checks: Record<string, [(v: unknown) => boolean, string]>): void {
  for (const key of Object.keys(o)) {
    const check = checks[key];
    if (check === undefined) fail(`${name}: unknown option "${key}"`);
    else if (o[key] !== undefined && !check[0](o[key])) fail(`${name}.${key} must be ${check[1]}`);
  }
}

const integer = (min: number): [(v: unknown) => boolean, string] => [(v) => Number.isInteger(v) && (v as number) >= min, `an integer of at least ${min}`];
const BOOL: [(v: unknown) => boolean, string] = [(v) => typeof v === 'boolean', 'a boolean'];
const KEY: [(v: unknown) => boolean, string] = [(v) => typeof v === 'string' && v.trim() !== '', 'a non-empty string'];
const URL_CHECK: [(v: unknown) => boolean, string] = [isUrl, 'an http(s) URL'];

/**
 * Checks the client's `odp` option (Optimizely ODP).
 *
 * @throws {EnsignError} `INVALID_OPTIONS` naming the first bad key.
 * @example
 * resolveOdpOptions({ host: 'https://api.zaius.com', segmentsCacheSize: 100 });
 */
export function resolveOdpOptions(value: unknown): OdpOptions | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return fail('odp must be an object');
  checkKeys('odp', value, {
    disabled: BOOL,
    host: URL_CHECK,
    publicKey: KEY,
    segmentsCacheSize: integer(0),
    segmentsCacheTimeoutMs: integer(0),
    segmentsRequestTimeoutMs: integer(1),
    disableEvents: BOOL,
    eventBatchSize: integer(1),
    eventFlushIntervalMs: integer(0),
    eventQueueCapacity: integer(1),
    eventMaxAttempts: integer(1),
  });
  return { ...value } as OdpOptions;
}

/**
 * Checks the client's `cohortSyncConfig` option (Amplitude).
 *
 * @throws {EnsignError} `INVALID_OPTIONS` for missing keys or a bad value.
 * @example
 * resolveCohortSyncConfig({ apiKey: 'a', secretKey: 's', cohortPollingIntervalMillis: 60_000 });
 */
export function resolveCohortSyncConfig(value: unknown): CohortSyncConfig | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return fail('cohortSyncConfig must be an object');
  checkKeys('cohortSyncConfig', value, {
    apiKey: KEY,
    secretKey: KEY,
    maxCohortSize: integer(1),
    cohortPollingIntervalMillis: integer(1_000),
    cohortServerUrl: URL_CHECK,
    cohortRequestTimeoutMillis: integer(1),
  });
  if (value['apiKey'] === undefined || value['secretKey'] === undefined) fail('cohortSyncConfig needs apiKey and secretKey');
  return { ...value } as unknown as CohortSyncConfig;
}
