// The vendors' option objects as the entries read them: the options Ensign implements, typed; any other option is
// accepted (and warned about once), as the index signature says.
import type { Logger } from '@ensign/common';
import type { Hook } from '../../core/hooks.js';
import type { AssignmentConfig, ExposureConfig, UserProfileService, UserProfileServiceAsync } from '../../core/core-options.js';
import type { CohortSyncConfig } from '../../core/odp/odp-options.js';
import type { DecideOption } from '../../faces/optimizely/decide-options.js';
import type { OpaqueComponent } from './optimizely-factories.js';

/** `createInstance`'s configuration: Optimizely 6's components, or SDK 5's flat options. */
export interface OptimizelyConfig {
  projectConfigManager?: OpaqueComponent;
  eventProcessor?: OpaqueComponent;
  odpManager?: OpaqueComponent;
  /** `createLogger(...)`, an SDK 5 logger (`log(level, message)`), or a `debug/info/warn/error` logger. */
  logger?: OpaqueComponent | Logger | { log(level: number, message: string): void };
  userProfileService?: UserProfileService;
  userProfileServiceAsync?: UserProfileServiceAsync;
  defaultDecideOptions?: readonly DecideOption[];
  /** SDK 5: the datafile (Ensign's format), as JSON text or an object. */
  datafile?: string | object;
  /** SDK 5: the SDK key, for datafiles from your flag server. */
  sdkKey?: string;
  /** SDK 5: `{ autoUpdate, updateInterval, urlTemplate }`. */
  datafileOptions?: { autoUpdate?: boolean; updateInterval?: number; urlTemplate?: string; [option: string]: unknown };
  /** SDK 5: `'debug' | 'info' | 'warning' | 'error'` or `enums.LOG_LEVEL`. */
  logLevel?: string | number;
  eventBatchSize?: number;
  eventFlushInterval?: number;
  eventMaxQueueSize?: number;
  odpOptions?: Record<string, unknown>;
  [option: string]: unknown;
}

/** `init`'s options, LaunchDarkly's `LDOptions` (times in seconds). */
export interface LDOptions {
  baseUri?: string;
  streamUri?: string;
  eventsUri?: string;
  stream?: boolean;
  offline?: boolean;
  pollInterval?: number;
  capacity?: number;
  flushInterval?: number;
  timeout?: number;
  sendEvents?: boolean;
  privateAttributes?: readonly string[];
  allAttributesPrivate?: boolean;
  contextKeysCapacity?: number;
  contextKeysFlushInterval?: number;
  hooks?: readonly Hook[];
  logger?: Logger;
  /** An Ensign datafile source (`createTestData()`, `createStaticSource(datafile)`). */
  updateProcessor?: unknown;
  diagnosticOptOut?: boolean;
  [option: string]: unknown;
}

/** The config of `Experiment.initializeLocal` and `initializeRemote` (Amplitude's, times in ms). */
export interface AmplitudeConfig {
  serverZone?: 'us' | 'eu' | 'US' | 'EU';
  serverUrl?: string;
  flagConfigPollingIntervalMillis?: number;
  streamUpdates?: boolean;
  loggerProvider?: Logger & { verbose?(message: string, ...args: unknown[]): void };
  /** `LogLevel.Disable` … `LogLevel.Verbose`. */
  logLevel?: number;
  debug?: boolean;
  fetchTimeoutMillis?: number;
  fetchRetries?: number;
  fetchRetryBackoffMinMillis?: number;
  fetchRetryBackoffMaxMillis?: number;
  fetchRetryBackoffScalar?: number;
  fetchRetryTimeoutMillis?: number;
  assignmentConfig?: AssignmentConfig;
  exposureConfig?: ExposureConfig;
  cohortSyncConfig?: CohortSyncConfig;
  [option: string]: unknown;
}
