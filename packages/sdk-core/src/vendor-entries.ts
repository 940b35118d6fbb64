// The `./vendor-entries` subpath of @ensign/sdk-core: each vendor's construction and option names over the Ensign
// client (runtime-free; `@ensign/node-sdk/optimizely`, `/launchdarkly` and `/amplitude` give them the Node runtime).
// Each export is named.
export { createOptimizelyInstance } from './client/vendor-entries/optimizely-instance.js';
export type { OptimizelyInstance } from './client/vendor-entries/optimizely-instance.js';
export { planOptimizelyInstance } from './client/vendor-entries/optimizely-options.js';
export type { OptimizelyPlan } from './client/vendor-entries/optimizely-options.js';
export {
  createBatchEventProcessor,
  createErrorNotifier,
  createForwardingEventProcessor,
  createLogger,
  createOdpManager,
  createPollingProjectConfigManager,
  createStaticProjectConfigManager,
  createVuidManager,
  DEBUG,
  ERROR,
  INFO,
  WARN,
} from './client/vendor-entries/optimizely-factories.js';
export type { OpaqueComponent } from './client/vendor-entries/optimizely-factories.js';
export { DECISION_NOTIFICATION_TYPES, DECISION_SOURCES, NOTIFICATION_TYPES } from './client/vendor-entries/optimizely-notifications.js';
export type { NotificationCenter } from './client/vendor-entries/optimizely-notifications.js';
export { initLaunchDarkly } from './client/vendor-entries/launchdarkly-client.js';
export type { LDClient } from './client/vendor-entries/launchdarkly-client.js';
export { planLaunchDarklyInit } from './client/vendor-entries/launchdarkly-options.js';
export type { LaunchDarklyPlan } from './client/vendor-entries/launchdarkly-options.js';
export { initializeLocal, initializeRemote, planAmplitudeClient } from './client/vendor-entries/amplitude-entry.js';
export type { LocalEvaluationClient, RemoteEvaluationClient } from './client/vendor-entries/amplitude-entry.js';
export { AmplitudeLogLevel, OptimizelyLogLevel, basicLogger } from './client/vendor-entries/vendor-loggers.js';
export type { BasicLoggerOptions } from './client/vendor-entries/vendor-loggers.js';
export type { AmplitudeConfig, LDOptions, OptimizelyConfig } from './client/vendor-entries/vendor-option-types.js';
export { readVendorOptions } from './client/vendor-entries/vendor-options.js';
export type { ClientOptionsDraft, OptionMapper, VendorOptionTable, VendorOptionsRead } from './client/vendor-entries/vendor-options.js';
