// `@ensign/node-sdk/launchdarkly`: LaunchDarkly's Node server SDK names over the Ensign client, so a migration
// starts by changing one import line. Each export is named.
import type { LDClient, LDOptions } from '@ensign/sdk-core/vendor-entries';
import { initLaunchDarkly } from '@ensign/sdk-core/vendor-entries';
import { nodeRuntime } from './create-client.js';

/**
 * LaunchDarkly's `init(sdkKey, options)` on the Node platform: the same option names and units (`stream`,
 * `offline`, `capacity`, `flushInterval` in seconds, `baseUri`, `streamUri`, `eventsUri`, `timeout`, `logger`,
 * `privateAttributes`...). `baseUri` is your flag server. An option Ensign does not implement is warned about once
 * and ignored, as LaunchDarkly does.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when a value Ensign reads is invalid (a `baseUri` that is not a URL).
 * @example
 * const client = init(process.env.LD_SDK_KEY ?? '', { baseUri: 'http://127.0.0.1:8080' });
 * await client.waitForInitialization({ timeout: 10 }); // rejects on timeout or failure
 * await client.variation('dark-mode', { kind: 'user', key: 'user-42' }, false);
 */
export function init(sdkKey: string, options: LDOptions = {}): LDClient {
  return initLaunchDarkly(sdkKey, options, nodeRuntime);
}

export { basicLogger } from '@ensign/sdk-core/vendor-entries';
export type { BasicLoggerOptions, LDClient, LDOptions } from '@ensign/sdk-core/vendor-entries';
export type { Hook, LDEvaluationDetail, LDFlagsState, LDFlagsStateOptions, LegacyUser, MultiKindContext, SingleKindContext } from '@ensign/sdk-core';
