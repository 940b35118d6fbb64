import type { Clock, HttpClient, Logger, Scheduler } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { CompiledDatafile } from '@ensign/evaluator-core';
import type { OdpEndpoint, OdpEventDispatcher, OdpEventStats, OdpSegmentsConfig, SegmentManager } from '@ensign/odp-segments';
import { buildIdentifyEvent, createGraphqlSegmentFetcher, createOdpEventDispatcher, createSegmentManager, normalizeOdpEvent, odpUserKeyOf } from '@ensign/odp-segments';
import { referencedValues } from '../datafile-references.js';
import type { OdpOptions } from './odp-options.js';

/** The client's ODP integration: segment fetches and ODP events, configured by the options and the datafile. */
export interface OdpService {
  /** Reads the datafile's `odp` integration and `qualified` segments; the segments cache is emptied. */
  apply(compiled: CompiledDatafile): void;
  /** The qualified segments of a user id (`vuid_…` ids are asked as `vuid`), or null when unknown. Never rejects. */
  fetchQualifiedSegments(userId: string, options?: readonly string[]): Promise<string[] | null>;
  /** Sends an identify event when there are two identifiers (the user id and a vuid). */
  identifyUser(userId: string, vuid: string | null): void;
  /** Validates and queues one ODP event; false (with a log line) when invalid, dropped, or ODP is off. */
  sendEvent(input: unknown): boolean;
  /** The endpoint in use, or null when ODP is not integrated. */
  endpoint(): OdpEndpoint | null;
  stats(): OdpEventStats | null;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What {@link createOdpService} needs from the client. */
export interface OdpServiceDeps {
  options: OdpOptions;
  http: HttpClient;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** A unique id per event (`idempotence_id`). */
  newId(): string;
  /** Reported as `data_source_version`. */
  version?: string;
}

/**
 * Creates the ODP service of a client: a segment manager over the GraphQL fetcher and an ODP event dispatcher. The
 * endpoint is `odp.host` / `odp.publicKey` when given, else the datafile's `integrations` entry keyed `odp`.
 *
 * @example
 * const odp = createOdpService({ options: { segmentsCacheSize: 100 }, http, clock, scheduler, logger, newId });
 * odp.apply(store.current()!);
 * await odp.fetchQualifiedSegments('user-42'); // ['vip'] or null
 */
export function createOdpService(deps: OdpServiceDeps): OdpService {
  const { options, logger } = deps;
  const segments: SegmentManager = createSegmentManager({
    fetcher: createGraphqlSegmentFetcher({ http: deps.http, logger, timeoutMs: options.segmentsRequestTimeoutMs ?? 10_000 }),
    cacheSize: options.segmentsCacheSize ?? 10_000,
    cacheTimeoutMs: options.segmentsCacheTimeoutMs ?? 600_000,
    logger,
    clock: deps.clock,
  });
  let endpoint: OdpEndpoint | null = null;
  const events: OdpEventDispatcher | null =
    options.disableEvents === true
      ? null
      : createOdpEventDispatcher({
          http: deps.http,
          scheduler: deps.scheduler,
          endpoint: () => endpoint,
          logger,
          batchSize: options.eventBatchSize ?? 10,
          flushIntervalMs: options.eventFlushIntervalMs ?? 1_000,
          queueCapacity: options.eventQueueCapacity ?? 10_000,
          maxAttempts: options.eventMaxAttempts ?? 3,
        });
  const source = { newId: deps.newId, ...(deps.version !== undefined ? { dataSourceVersion: deps.version } : {}) };

  return {
    apply(compiled) {
      const integration = (compiled.datafile.integrations ?? []).find((i) => i.key === 'odp');
      const host = options.host ?? integration?.host;
      const publicKey = options.publicKey ?? integration?.publicKey;
      endpoint = host && publicKey ? { host, publicKey } : null;
      const config: OdpSegmentsConfig | null = endpoint && { ...endpoint, segmentsToCheck: [...referencedValues(compiled.datafile, 'qualified').keys()] };
      segments.updateConfig(config);
    },
    fetchQualifiedSegments: (userId, given) => segments.fetchQualifiedSegments(odpUserKeyOf(userId), userId, given),
    identifyUser(userId, vuid) {
      if (events === null || endpoint === null) return;
      const event = buildIdentifyEvent({ userId, vuid }, source);
      if (event !== null) events.send(event);
    },
    sendEvent(input) {
      if (events === null) {
        safeLog(logger, 'warn', 'sendOdpEvent: ODP events are disabled (odp.disableEvents); the event was not sent');
        return false;
      }
      if (endpoint === null) {
        safeLog(logger, 'error', 'sendOdpEvent: ODP is not integrated (no host and public key); the event was not sent');
        return false;
      }
      const normalized = normalizeOdpEvent(input, source);
      if (!normalized.ok) {
        safeLog(logger, 'error', `sendOdpEvent: ${normalized.error}; the event was not sent`);
        return false;
      }
      return events.send(normalized.event);
    },
    endpoint: () => endpoint,
    stats: () => events?.stats() ?? null,
    flush: () => events?.flush() ?? Promise.resolve(),
    close: () => events?.close() ?? Promise.resolve(),
  };
}
