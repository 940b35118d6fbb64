import type { DatafileSource, Logger, Platform } from '@ensign/common';
import type { ServerConfig } from '../core/core-options.js';
import { createBootstrapSource } from '../core/sources/bootstrap-source.js';
import { createPollingSource } from '../core/sources/polling-source.js';
import { createDatafileVerifier } from '../core/sources/signature.js';
import { createStreamingSource } from '../core/sources/streaming-source.js';

/**
 * The datafile source of a client given `sdkKey` and a server: polling `<base>/v1/datafiles/<sdkKey>.json` every
 * `flagConfigPollingIntervalMillis`, or (`streaming: true`) the Server-Sent Events of `<base>/v1/stream/<sdkKey>` with
 * that polling as the fall-back, both asking for the `datafileEncoding` (`?encoding=compact` by default); signatures checked when `datafilePublicKeys` is set; started from `bootstrap` when
 * given. Every request goes through the platform's `http`, every timer through its `scheduler`.
 *
 * @example
 * const source = createServerSource(options.server, sdkKey, platform, logger);
 */
export function createServerSource(server: ServerConfig, sdkKey: string, platform: Platform, logger: Logger): DatafileSource {
  const key = encodeURIComponent(sdkKey);
  const random = platform.random ?? Math.random;
  const verifier = server.publicKeys === null ? undefined : createDatafileVerifier(server.publicKeys, platform.crypto);
  const polling = createPollingSource({
    url: `${server.baseUrl}/v1/datafiles/${key}.json`,
    http: platform.http,
    scheduler: platform.scheduler,
    clock: platform.clock,
    logger,
    random,
    intervalMs: server.pollingIntervalMs,
    datafileEncoding: server.datafileEncoding,
    ...(verifier ? { verifier } : {}),
  });
  const source = server.streaming
    ? createStreamingSource({ url: `${server.baseUrl}/v1/stream/${key}`, http: platform.http, scheduler: platform.scheduler, logger, random, fallback: polling, datafileEncoding: server.datafileEncoding, ...(verifier ? { verifier } : {}) })
    : polling;
  return server.bootstrap === undefined ? source : createBootstrapSource(server.bootstrap, source);
}
