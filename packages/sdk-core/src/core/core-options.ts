import type { Clock, DatafileSource, Logger, Scheduler, SharedDedup } from '@ensign/common';
import type { Hook } from './hooks.js';
import type { UserProfile, UserProfileStore } from '@ensign/evaluator-core';
import type { EventDispatcher } from '@ensign/event-pipeline';
import type { CohortSyncConfig, OdpOptions } from './odp/odp-options.js';
import type { DatafileEncoding } from './sources/datafile-encoding.js';

/** Optimizely's synchronous sticky-bucketing service: `lookup(userId)` and `save(profile)`. */
export type UserProfileService = UserProfileStore;

/** The asynchronous form, used by `decideAsync` (looked up before evaluating, saved after). */
export interface UserProfileServiceAsync {
  lookup(userId: string): Promise<UserProfile | null | undefined>;
  save(profile: UserProfile): Promise<void>;
}

/** Amplitude's `assignmentConfig`: send `[Experiment] Assignment` events from `evaluate`. */
export interface AssignmentConfig {
  /** Amplitude analytics API key, sent with the events (never logged). */
  apiKey?: string;
  /** Assignments remembered for de-duplication. Default 65 536. */
  cacheCapacity?: number;
}

/** Amplitude's `exposureConfig`: send `[Experiment] Exposure` events from `evaluate(..., { tracksExposure: true })`. */
export interface ExposureConfig {
  apiKey?: string;
  /** Exposures remembered for de-duplication. Default 65 536. */
  cacheCapacity?: number;
}

/** The options after validation, with defaults applied. */
export interface CoreOptions {
  sdkKey: string | undefined;
  datafile: string | object | undefined;
  datafilePath: string | undefined;
  datafileSource: DatafileSource | undefined;
  hooks: readonly Hook[];
  watchDatafile: boolean;
  datafileDebounceMs: number;
  logger: Logger | undefined;
  debug: boolean;
  /** Checked by the client against the Optimizely face's option names. */
  defaultDecideOptions: readonly string[];
  userProfileService: UserProfileService | undefined;
  userProfileServiceAsync: UserProfileServiceAsync | undefined;
  /** Longest wait on a `userProfileServiceAsync` call, ms. */
  userProfileServiceAsyncTimeoutMs: number;
  privateAttributes: readonly string[];
  allAttributesPrivate: boolean;
  events: boolean;
  eventsUrl: string | undefined;
  eventBatchSize: number;
  eventFlushIntervalMs: number | undefined;
  eventQueueCapacity: number;
  eventQueueMaxBytes: number;
  eventRequestTimeoutMs: number;
  eventDispatcher: EventDispatcher | undefined;
  contextKeysCapacity: number;
  contextKeysFlushInterval: number;
  /** Fleet-wide event de-duplication (`sharedDedup`). */
  sharedDedup: SharedDedup | undefined;
  assignmentConfig: AssignmentConfig | undefined;
  exposureConfig: ExposureConfig | undefined;
  clock: Clock | undefined;
  scheduler: Scheduler | undefined;
  /** Optimizely ODP segments and events. */
  odp?: OdpOptions | undefined;
  /** Amplitude cohort sync; without it cohorts are not downloaded. */
  cohortSyncConfig?: CohortSyncConfig | undefined;
  /** The flag server (`serverUrl` or `serverZone`); null when the client has none. */
  server: ServerConfig | null;
  /** Remote evaluation (`fetchV2`) timeouts and retries. */
  remoteFetch: RemoteFetchConfig;
}

/** The flag server a client talks to. */
export interface ServerConfig {
  /** Base URL without a trailing slash: `<baseUrl>/v1/datafiles/<sdkKey>.json`, `/v1/stream/<sdkKey>`, `/v1/evaluate`, `/v1/events/bulk`. */
  baseUrl: string;
  /** `flagConfigPollingIntervalMillis`: default 30 000, at least 1 000. */
  pollingIntervalMs: number;
  /** `streaming`: Server-Sent Events with polling as the fall-back. Default false. */
  streaming: boolean;
  /** `bootstrap`: the datafile to start from until the server answers. */
  bootstrap: string | object | undefined;
  /** `datafilePublicKeys`: key id → PEM; when set, unsigned or wrongly signed datafiles are refused. */
  publicKeys: Readonly<Record<string, string>> | null;
  /** `datafileEncoding`: the encoding asked of the server for polling and streaming. Default `compact`. */
  datafileEncoding: DatafileEncoding;
}

/** Remote evaluation settings, Amplitude's names in ms. */
export interface RemoteFetchConfig {
  /** `fetchTimeoutMillis`: timeout of the first request. */
  timeoutMs: number;
  /** `fetchRetries`: attempts after the first. */
  retries: number;
  /** `fetchRetryBackoffMinMillis`: the first delay before a retry. */
  backoffMinMs: number;
  /** `fetchRetryBackoffMaxMillis`: delays never exceed this. */
  backoffMaxMs: number;
  /** `fetchRetryBackoffScalar`: growth of the delay per retry. */
  backoffScalar: number;
  /** `fetchRetryTimeoutMillis`: timeout of each retry. */
  retryTimeoutMs: number;
}


/**
 * The client's event defaults where they differ from `@ensign/event-pipeline`'s: events leave over HTTP, where a
 * request costs far more than an event, so batches are larger, four requests may be in flight, and the queue holds
 * more. A new context gets its index event even when a tracked decision event carries it too, as LaunchDarkly's SDK
 * sends both (checked side by side with it).
 *
 * @example
 * CLIENT_EVENT_DEFAULTS.eventBatchSize; // 1000
 */
export const CLIENT_EVENT_DEFAULTS = Object.freeze({
  eventBatchSize: 1_000,
  eventQueueCapacity: 100_000,
  eventQueueMaxBytes: 64 * 1024 * 1024,
  concurrentRequests: 4,
  indexTrackedContexts: true,
} as const);

