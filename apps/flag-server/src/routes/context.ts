import type { FastifyRequest } from 'fastify';
import type { DataStore, KeyTarget } from '../data/data-store.js';
import type { Revision } from '../data/revision.js';
import type { EventStore } from '../events/event-store.js';
import type { OdpEventLog } from '../membership/odp-event-log.js';
import { httpError } from '../http/errors.js';
import { sdkKeyOf } from '../http/auth.js';
import type { StreamHub } from '../stream/stream-hub.js';

/** What the routes share. */
export interface RouteDeps {
  store: DataStore;
  hub: StreamHub;
  events: EventStore;
  /** Largest body of the event ingest route, bytes (compressed, and again once decompressed). */
  eventsBodyLimitBytes: number;
  /** Most events accepted in one batch. */
  maxEventsPerBatch: number;
  /** The data folder (membership files: `segments/`, `cohorts/`, `cohort-keys.json`). */
  dataDir: string;
  /** ODP events received lately. */
  odpEvents: OdpEventLog;
  /** True once shutdown started: readiness answers 503. */
  closing: () => boolean;
}

/**
 * The environment of the SDK key a request carries in its headers (see `sdkKeyOf`).
 *
 * @throws an `httpError`: 401 `MISSING_SDK_KEY` without a key, 401 `UNKNOWN_SDK_KEY` for a key `keys.json` does not map.
 * @example
 * const { environment } = targetOfRequest(store, request);
 */
export function targetOfRequest(store: DataStore, request: FastifyRequest): KeyTarget {
  const key = sdkKeyOf(request.headers);
  if (key === null) throw httpError(401, 'MISSING_SDK_KEY', 'send the SDK key as "Authorization: Api-Key <key>", "Authorization: Bearer <key>" or "X-API-Key: <key>"');
  return targetOfKey(store, key);
}

/**
 * The environment of an SDK key.
 *
 * @throws an `httpError`: 401 `UNKNOWN_SDK_KEY` for a key `keys.json` does not map.
 * @example
 * targetOfKey(store, 'sdk-prod-1').environment; // 'production'
 */
export function targetOfKey(store: DataStore, key: string): KeyTarget {
  const target = store.resolve(key);
  if (target === null) throw httpError(401, 'UNKNOWN_SDK_KEY', 'the SDK key is not known to this server');
  return target;
}

/**
 * The datafile of a target.
 *
 * @throws an `httpError`: 503 `DATAFILE_UNAVAILABLE` while the environment has no good datafile yet.
 * @example
 * const revision = revisionOf(targetOfRequest(store, request));
 */
export function revisionOf(target: KeyTarget): Revision {
  if (target.revision === null) throw httpError(503, 'DATAFILE_UNAVAILABLE', `environment "${target.environment}" has no datafile loaded yet`);
  return target.revision;
}
