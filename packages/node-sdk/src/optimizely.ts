// `@ensign/node-sdk/optimizely`: Optimizely's JavaScript SDK names over the Ensign client, so a migration starts by
// changing one import line. `createInstance` takes Optimizely 6's factories (or SDK 5's flat options); the rest is
// re-exported from @ensign/sdk-core. Each export is named.
import type { OptimizelyConfig, OptimizelyInstance } from '@ensign/sdk-core/vendor-entries';
import { createOptimizelyInstance } from '@ensign/sdk-core/vendor-entries';
import { nodeRuntime } from './create-client.js';

/**
 * Optimizely's `createInstance` on the Node platform: `createInstance({ projectConfigManager, eventProcessor,
 * odpManager, logger, userProfileService, defaultDecideOptions })` (Optimizely 6) or `createInstance({ datafile |
 * sdkKey, datafileOptions, logger, logLevel, eventBatchSize, eventFlushInterval, ... })` (SDK 5). An option Ensign
 * does not implement is warned about once and ignored. The datafile is Ensign's (`ensign import optimizely`).
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when neither a datafile nor an SDK key is given, or a value is invalid.
 * @example
 * const optimizely = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile }) });
 * await optimizely.onReady({ timeout: 5_000 }); // rejects when not ready in time
 * optimizely.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign').variationKey;
 */
export function createInstance(config: OptimizelyConfig): OptimizelyInstance {
  return createOptimizelyInstance(config, nodeRuntime);
}

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
  DECISION_NOTIFICATION_TYPES,
  DECISION_SOURCES,
  ERROR,
  INFO,
  NOTIFICATION_TYPES,
  OptimizelyLogLevel as LogLevel,
  WARN,
} from '@ensign/sdk-core/vendor-entries';
export type { NotificationCenter, OpaqueComponent, OptimizelyConfig, OptimizelyConfig as Config, OptimizelyInstance, OptimizelyInstance as Client } from '@ensign/sdk-core/vendor-entries';
export { OptimizelyDecideOption, OptimizelySegmentOption } from '@ensign/sdk-core';
export type { OptimizelyDecision, OptimizelyUserContext, UserProfile, UserProfileService, UserProfileServiceAsync } from '@ensign/sdk-core';

/** SDK 5's `enums`: `LOG_LEVEL`, `NOTIFICATION_TYPES`, `DECISION_NOTIFICATION_TYPES`, `DECISION_SOURCES`. */
export { enums } from './optimizely-enums.js';
