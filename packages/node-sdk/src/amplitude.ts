// `@ensign/node-sdk/amplitude`: the names of Amplitude's Experiment Node server SDK over the Ensign client, so a
// migration starts by changing one import line. Each export is named.
import type { AmplitudeConfig, LocalEvaluationClient, RemoteEvaluationClient } from '@ensign/sdk-core/vendor-entries';
import { initializeLocal, initializeRemote } from '@ensign/sdk-core/vendor-entries';
import { nodeRuntime } from './create-client.js';

/**
 * Amplitude's `Experiment` factory on the Node platform. `initializeLocal(deploymentKey, config)` evaluates locally
 * on datafiles from your flag server; `initializeRemote(deploymentKey, config)` (and its old name `initialize`)
 * evaluates on it. Config: `serverZone`, `serverUrl`, `flagConfigPollingIntervalMillis`, `loggerProvider`,
 * `logLevel`, `debug`, `fetchTimeoutMillis`, `fetchRetries`..., `assignmentConfig`, `exposureConfig`,
 * `cohortSyncConfig`, `streamUpdates`. An option Ensign does not implement is warned about once and ignored.
 *
 * @example
 * const experiment = Experiment.initializeLocal('deployment-key', { serverUrl: 'http://127.0.0.1:8080' });
 * await experiment.start();
 * experiment.evaluateV2({ user_id: 'user-42', device_id: 'device-1' })['pricing-page']?.value;
 */
export const Experiment = Object.freeze({
  initializeLocal: (deploymentKey: string, config: AmplitudeConfig = {}): LocalEvaluationClient => initializeLocal(deploymentKey, config, nodeRuntime),
  initializeRemote: (deploymentKey: string, config: AmplitudeConfig = {}): RemoteEvaluationClient => initializeRemote(deploymentKey, config, nodeRuntime),
  /** The older name of `initializeRemote`. */
  initialize: (deploymentKey: string, config: AmplitudeConfig = {}): RemoteEvaluationClient => initializeRemote(deploymentKey, config, nodeRuntime),
});

export { AmplitudeLogLevel as LogLevel } from '@ensign/sdk-core/vendor-entries';
export type { AmplitudeConfig as LocalEvaluationConfig, AmplitudeConfig as RemoteEvaluationConfig, LocalEvaluationClient, RemoteEvaluationClient } from '@ensign/sdk-core/vendor-entries';
export type { AmplitudeUser as ExperimentUser, FetchOptions, Variant, Variants } from '@ensign/sdk-core';
