// The vendors' option objects as the entries read them: the options Ensign implements, typed; any other option is
// accepted (and warned about once), as the index signature says.
import type { Logger } from '@ensign/common';
import type { UserProfileService, UserProfileServiceAsync } from '../../core/core-options.js';
import type { DecideOption } from '../../faces/optimizely/decide-options.js';
import type { ClientOptions } from '../options.js';
import type { REMOTE_FETCH_DEFAULTS } from '../server-options.js';
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

/** `init`'s options, LaunchDarkly's `LDOptions` (times in seconds); the ones named as in `createClient` mean the same. */
export interface LDOptions
  extends Pick<ClientOptions, 'privateAttributes' | 'allAttributesPrivate' | 'contextKeysCapacity' | 'contextKeysFlushInterval' | 'hooks' | 'logger'> {
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
  /** An Ensign datafile source (`createTestData()`, `createStaticSource(datafile)`). */
  updateProcessor?: unknown;
  diagnosticOptOut?: boolean;
  [option: string]: unknown;
}

/** The config of `Experiment.initializeLocal` and `initializeRemote` (Amplitude's, times in ms); the ones named as in `createClient` mean the same. */
export interface AmplitudeConfig
  extends Pick<ClientOptions, 'serverUrl' | 'flagConfigPollingIntervalMillis' | 'assignmentConfig' | 'exposureConfig' | 'cohortSyncConfig' | 'debug' | keyof typeof REMOTE_FETCH_DEFAULTS> {
  serverZone?: 'us' | 'eu' | 'US' | 'EU';
  streamUpdates?: boolean;
  loggerProvider?: Logger & { verbose?(message: string, ...args: unknown[]): void };
  /** `LogLevel.Disable` … `LogLevel.Verbose`. */
  logLevel?: number;
  [option: string]: unknown;
}
