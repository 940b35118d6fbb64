import { randomUUID, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Logger, Platform } from '@ensign/common';
import { EnsignError, systemClock } from '@ensign/common';
import { createNodeFileSystem } from './node-file-system.js';
import { createNodeHttpClient } from './node-http.js';
import { createNodeScheduler } from './node-scheduler.js';

const gzipAsync = promisify(gzipCallback);

/**
 * A gzip function on libuv's thread pool (never on the caller's thread), for event bodies. Level 1 by default: on
 * event JSON it compresses about as well as the usual 6 (about 10:1) for a fraction of the CPU.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` for a level that is not an integer from 1 to 9.
 * @example
 * createHttpDispatcher({ http: createNodeHttpClient(), url, sdkKey, gzip: createNodeGzip(6) });
 */
export function createNodeGzip(level = 1): (data: Uint8Array) => Promise<Uint8Array> {
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new EnsignError('INVALID_OPTIONS', 'gzip level must be an integer from 1 to 9');
  return (data) => gzipAsync(data, { level });
}

/** Gzip at level 1 (see {@link createNodeGzip}). */
export const nodeGzip = createNodeGzip(1);

/**
 * The Node platform: the system clock, unref'd timers, `fetch`, the file system, and Ed25519 verification. Every
 * runtime-specific thing `@ensign/sdk-core` needs, in one object.
 *
 * @example
 * const client = createCoreClient({ datafilePath: './flags.json' }, { platform: createNodePlatform() });
 */
export function createNodePlatform(options: { logger?: Logger } = {}): Platform {
  return {
    clock: systemClock,
    scheduler: createNodeScheduler(),
    http: createNodeHttpClient(),
    fileSystem: createNodeFileSystem(options.logger ? { logger: options.logger } : {}),
    random: Math.random,
    crypto: {
      verifyEd25519: (data, signature, publicKeyPem) => {
        try {
          return verify(null, data, publicKeyPem, signature);
        } catch {
          return false;
        }
      },
      randomUUID,
    },
  };
}
