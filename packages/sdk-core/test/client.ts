// The client the sdk-core tests drive: createCoreClient on a test platform (system clock, real unref'd timers, a
// network that is never reached: tests deliver events through a fake dispatcher).
import { readFile } from 'node:fs/promises';
import type { Platform, Scheduler } from '@ensign/common';
import { systemClock } from '@ensign/common';
import { createCoreClient } from '../src/index.js';
import type { ClientOptions, CoreClientRuntime, EnsignClient } from '../src/index.js';

export * from '../src/index.js';
export { exampleDatafile } from '../src/examples.js';
export { silentLogger } from '@ensign/common';

const timers: Scheduler = {
  setTimeout(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
  setInterval(callback, intervalMs) {
    const handle = setInterval(callback, intervalMs);
    handle.unref?.();
    return { cancel: () => clearInterval(handle) };
  },
};

/** A platform for tests: real time, real file reads, no network (a request rejects as a refused connection). */
export function createTestPlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    clock: systemClock,
    scheduler: timers,
    // Files are read for real; changes are not watched (node-sdk's tests cover its watcher).
    fileSystem: { readFile: (path) => readFile(path, 'utf8'), watch: () => ({ close() {} }) },
    http: {
      request: () => Promise.reject(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
    },
    ...overrides,
  };
}

/** `createClient` as the tests know it: the core client on {@link createTestPlatform}. */
export function createClient(options: ClientOptions, runtime: Partial<CoreClientRuntime> = {}): EnsignClient {
  return createCoreClient(options, { platform: createTestPlatform(), ...runtime });
}
