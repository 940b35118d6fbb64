/** Options of Optimizely's ODP integration ("Advanced Audience Targeting"): the client's `odp` option. */
export interface OdpOptions {
  /** Turns ODP off: no segment fetches, no ODP events. Default false. */
  disabled?: boolean;
  /** The ODP host, e.g. `https://api.zaius.com`. Default: the datafile's `integrations` entry with key `odp`. */
  host?: string;
  /** The ODP public API key (sent as `x-api-key`). Default: the datafile's `odp` integration `publicKey`. */
  publicKey?: string;
  /** Users whose segments are cached. Default 10 000; 0 disables the cache. */
  segmentsCacheSize?: number;
  /** How long fetched segments are reused, ms. Default 600 000 (10 minutes); 0 disables the cache. */
  segmentsCacheTimeoutMs?: number;
  /** Timeout of one segment query, ms. Default 10 000. */
  segmentsRequestTimeoutMs?: number;
  /** No identify events and no `sendOdpEvent` (segments are still fetched). Default false. */
  disableEvents?: boolean;
  /** ODP events per request. Default 10. */
  eventBatchSize?: number;
  /** Longest wait before a partial batch of ODP events is sent, ms. Default 1 000. */
  eventFlushIntervalMs?: number;
  /** ODP events held at most; more are dropped and counted. Default 10 000. */
  eventQueueCapacity?: number;
  /** Tries per batch of ODP events (network errors and 5xx are retried). Default 3. */
  eventMaxAttempts?: number;
}

/** Amplitude's `cohortSyncConfig`: download the cohorts that loaded flags target, for local evaluation. */
export interface CohortSyncConfig {
  /** Amplitude analytics API key (basic auth user). Never logged. */
  apiKey: string;
  /** Amplitude analytics secret key (basic auth password). Never logged. */
  secretKey: string;
  /** Cohorts larger than this are not downloaded (the server answers 413; the cohort is skipped). Default 2 147 483 647. */
  maxCohortSize?: number;
  /** How often cohorts are downloaded again (only changed ones come back), ms. Default 60 000. */
  cohortPollingIntervalMillis?: number;
  /** The cohort server. Default `https://cohort-v2.lab.amplitude.com`. */
  cohortServerUrl?: string;
  /** Timeout of one cohort download, ms. Default 20 000. */
  cohortRequestTimeoutMillis?: number;
}

/** The cohort defaults, as Amplitude's. */
export const COHORT_SYNC_DEFAULTS = Object.freeze({
  maxCohortSize: 2_147_483_647,
  cohortPollingIntervalMillis: 60_000,
  cohortServerUrl: 'https://cohort-v2.lab.amplitude.com',
  cohortRequestTimeoutMillis: 20_000,
} as const);
