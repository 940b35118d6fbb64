// `Experiment.initializeLocal` / `Experiment.initializeRemote` of the `amplitude` vendor entry: Amplitude's
// construction and clients over an Ensign client.
import type { Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { AmplitudeUser } from '@ensign/context';
import type { AmplitudeEvaluateOptions, Variant } from '../../faces/amplitude/variant.js';
import type { FetchOptions, Variants } from '../../faces/amplitude/remote-fetch.js';
import type { EnsignClient } from '../client-types.js';
import type { CoreClientRuntime } from '../create-core-client.js';
import { createCoreClient } from '../create-core-client.js';
import { REMOTE_FETCH_DEFAULTS } from '../server-options.js';
import { amplitudeLogger } from './vendor-loggers.js';
import type { ClientOptionsDraft, VendorOptionTable } from './vendor-options.js';
import { booleanOption, NEVER_SOURCE, numberOption, readVendorOptions, sameOption, urlOption } from './vendor-options.js';

/** Amplitude's `LocalEvaluationClient`. */
export interface LocalEvaluationClient {
  /**
   * Resolves once the first datafile is in use, or (as Amplitude's) once the first fetch has failed, with an error
   * logged; Ensign then keeps polling. Waits at most `fetchTimeoutMillis` (default 10 000 ms).
   */
  start(): Promise<void>;
  /** Stops polling and delivers queued assignment and exposure events. */
  stop(): void;
  /** Local evaluation: a variant per flag, `metadata.default` marking a default (off) variant. */
  evaluateV2(user: AmplitudeUser, flagKeys?: readonly string[], options?: AmplitudeEvaluateOptions): Record<string, Variant>;
  /** Amplitude's deprecated `evaluate`: `evaluateV2` without default variants, as a promise. */
  evaluate(user: AmplitudeUser, flagKeys?: readonly string[]): Promise<Variants>;
  /** The Ensign client behind this one (`getStatus`, other faces, awaiting `close()`). */
  readonly ensign: EnsignClient;
}

/** Amplitude's `RemoteEvaluationClient`: evaluation on your flag server (`POST <server>/v1/evaluate`). */
export interface RemoteEvaluationClient {
  /** The variants the server evaluated; `{}` (and one logged error) when every attempt failed. */
  fetchV2(user: AmplitudeUser, fetchOptions?: FetchOptions): Promise<Variants>;
  /** Amplitude's deprecated `fetch`: `fetchV2` without default variants; `{}` on failure. */
  fetch(user: AmplitudeUser, fetchOptions?: FetchOptions): Promise<Variants>;
  /** The Ensign client behind this one. */
  readonly ensign: EnsignClient;
}

const OPTIONS: VendorOptionTable = {
  vendor: 'Amplitude',
  mapped: {
    serverZone: (value, draft) => {
      if (typeof value !== 'string') return 'expected "us" or "eu"';
      draft.serverZone = value.toLowerCase() as 'us';
    },
    serverUrl: urlOption('serverUrl'),
    flagConfigPollingIntervalMillis: numberOption('flagConfigPollingIntervalMillis'),
    ...Object.fromEntries(Object.keys(REMOTE_FETCH_DEFAULTS).map((key) => [key, numberOption(key as keyof ClientOptionsDraft)])),
    assignmentConfig: sameOption('assignmentConfig'),
    exposureConfig: sameOption('exposureConfig'),
    cohortSyncConfig: sameOption('cohortSyncConfig'),
    streamUpdates: booleanOption('streaming'),
    streamServerUrl: (value, _draft, all) =>
      value === all['serverUrl'] ? undefined : 'Ensign streams from the flag server it polls (serverUrl)',
  },
  handled: ['loggerProvider', 'logLevel', 'debug'],
  unsupported: ['bootstrap', 'httpAgent', 'instanceName', 'streamFlagConnTimeoutMillis', 'cohortConfig', 'assignmentConfiguration'],
};

/**
 * Plans `initializeLocal`/`initializeRemote`: Amplitude's config names as `createClient` options, the deployment
 * key as `sdkKey`, `serverZone` `us` unless `serverUrl` or `serverZone` says otherwise.
 *
 * @example
 * planAmplitudeClient('deployment-key', { serverZone: 'EU' }).draft.serverZone; // 'eu'
 */
export function planAmplitudeClient(deploymentKey: unknown, config: unknown): { draft: ClientOptionsDraft; logger: Logger; ignored: readonly string[] } {
  const options = typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  const logger = amplitudeLogger(options);
  const { draft, ignored } = readVendorOptions(OPTIONS, options, logger);
  if (typeof deploymentKey === 'string' && deploymentKey.trim() !== '') draft.sdkKey = deploymentKey;
  if (draft.serverUrl === undefined && draft.serverZone === undefined) draft.serverZone = 'us';
  // Amplitude's local client sends events only for assignmentConfig and exposureConfig.
  if (draft.assignmentConfig === undefined && draft.exposureConfig === undefined) draft.events = false;
  return { draft: { ...draft, logger }, logger, ignored };
}

const withoutDefaults = (variants: Record<string, Variant>): Variants => {
  const kept: Variants = {};
  for (const [key, variant] of Object.entries(variants)) if ((variant.metadata as { default?: unknown } | undefined)?.default !== true) kept[key] = variant;
  return kept;
};

/**
 * Amplitude's `Experiment.initializeLocal(deploymentKey, config)`: local evaluation of datafiles polled (or streamed,
 * `streamUpdates`) from your flag server (`serverUrl`, or `serverZone`: `us` by default).
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when an option Ensign reads is invalid.
 */
export function initializeLocal(deploymentKey: unknown, config: unknown, runtimeFor: (logger: Logger) => CoreClientRuntime): LocalEvaluationClient {
  const { draft, logger } = planAmplitudeClient(deploymentKey, config);
  const client = createCoreClient(draft, runtimeFor(logger));
  const startTimeout = draft.fetchTimeoutMillis ?? REMOTE_FETCH_DEFAULTS.fetchTimeoutMillis;
  return {
    async start() {
      const ready = await client.start({ timeout: startTimeout });
      if (!ready.success) safeLog(logger, 'error', `[Experiment] flag config initial poll failed: ${ready.reason ?? 'unknown'}`);
    },
    stop() {
      void client.close();
    },
    evaluateV2: (user, flagKeys, options) => client.evaluateV2(user, flagKeys, options),
    evaluate: (user, flagKeys) => Promise.resolve(withoutDefaults(client.evaluateV2(user, flagKeys))),
    ensign: client,
  };
}

/**
 * Amplitude's `Experiment.initializeRemote(deploymentKey, config)`: `fetchV2` on your flag server, with Amplitude's
 * timeouts and retries. No datafile is downloaded.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when an option Ensign reads is invalid.
 */
export function initializeRemote(deploymentKey: unknown, config: unknown, runtimeFor: (logger: Logger) => CoreClientRuntime): RemoteEvaluationClient {
  const { draft, logger } = planAmplitudeClient(deploymentKey, config);
  const client = createCoreClient({ ...draft, datafileSource: NEVER_SOURCE, events: false }, runtimeFor(logger));
  return {
    fetchV2: (user, fetchOptions) => client.fetchV2(user, fetchOptions),
    fetch: async (user, fetchOptions) => withoutDefaults(await client.fetchV2(user, fetchOptions)),
    ensign: client,
  };
}
