import type { Logger } from '@ensign/common';
import type { ClientOptions, CoreClientRuntime, EnsignClient } from '@ensign/sdk-core';
import { createCoreClient } from '@ensign/sdk-core';
import { keepAliveWhile } from './platform/keep-alive.js';
import { createNodePlatform, nodeGzip } from './platform/node-platform.js';

/**
 * Creates an Ensign client for Node.js: `@ensign/sdk-core`'s client on the Node platform (system clock, unref'd
 * timers, `fetch`, the file system, gzip on the thread pool). Validates the options once, loads the datafile
 * (`datafile` now, `datafilePath` read and watched, your `datafileSource`, or `sdkKey` with `serverUrl`/`serverZone`:
 * polled or streamed from a flag server), and wires the three faces, remote evaluation (`fetchV2`) and events.
 *
 * Defaults: console logging at `warn` (`debug: true` lowers it; a custom `logger` is used as given); events only
 * when `eventsUrl` is set; readiness timeout 30 s. See the README for every option.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` for a programmer error in the options (unknown or mistyped option, no
 * datafile source). Nothing else throws, now or later: an invalid datafile leaves the client not ready (`onReady`
 * resolves `{ success: false, reason }`) and logs one error with the JSON path of the problem.
 * @example
 * const client = createClient({ datafile: exampleDatafile });
 * await client.onReady({ timeout: 5_000 });
 * client.createUserContext('user-42', { country: 'US', plan: 'pro' }).decide('checkout-redesign');
 * client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false);
 * client.evaluate({ user_id: 'user-42', device_id: 'device-1' });
 * await client.close();
 *
 * const remote = createClient({ sdkKey: 'sdk-prod-1234', serverUrl: 'http://127.0.0.1:8080', streaming: true });
 * await remote.onReady({ timeout: 5_000 });
 * await remote.fetchV2({ user_id: 'user-42' }); // remote evaluation on the flag server
 */
export function createClient(options: ClientOptions): EnsignClient {
  const logger = typeof options === 'object' && options !== null ? options.logger : undefined;
  return createCoreClient(options, nodeRuntime(logger));
}

/**
 * The Node runtime of a client (platform, keep-alive, gzip): what `createClient` and the vendor entries
 * (`@ensign/node-sdk/optimizely`, `/launchdarkly`, `/amplitude`) give `@ensign/sdk-core`.
 *
 * @example
 * const client = createCoreClient({ datafile }, nodeRuntime());
 */
export function nodeRuntime(logger?: Logger): CoreClientRuntime {
  return { platform: createNodePlatform(logger ? { logger } : {}), keepAliveWhile, gzip: nodeGzip };
}
