import type { Logger } from '@ensign/common';
import { EVENT_PIPELINE_DEFAULTS } from '@ensign/event-pipeline';
import { maskSecret, safeLog, systemClock } from '@ensign/common';
import { createAmplitudeFace } from '../faces/amplitude/amplitude-face.js';
import { createLaunchDarklyFace } from '../faces/launchdarkly/launchdarkly-face.js';
import { createOptimizelyUserContext } from '../faces/optimizely/user-context.js';
import { messageOf } from '../faces/records.js';
import type { EventSink } from '../events/wiring.js';
import { createEventSink } from '../events/wiring.js';
import { createNodeScheduler } from '../platform/node-scheduler.js';
import { createFileSource } from '../sources/file-source.js';
import type { FileSource } from '../sources/file-source.js';
import { loadStaticDatafile } from '../sources/static-source.js';
import type { ClientFlushResult, EnsignClient } from './client-types.js';
import { createClientCore } from './core.js';
import { createDatafileStore } from './datafile-store.js';
import { createEmitter } from './emitter.js';
import { createClientLogger } from './logging.js';
import type { ClientOptions, UserProfileService } from './options.js';
import { resolveOptions } from './options.js';
import { keepAliveWhile } from './keep-alive.js';
import { createReadiness, DEFAULT_READY_TIMEOUT_MS } from './readiness.js';
import { createStatusTracker } from './status.js';

const NOTHING_FLUSHED: ClientFlushResult = Object.freeze({ delivered: 0, pending: 0, failed: 0, dropped: 0 });

/** A user profile service whose exceptions are logged instead of thrown into evaluation. */
function safeProfileService(service: UserProfileService, logger: Logger): UserProfileService {
  return {
    lookup(userId) {
      try {
        return service.lookup(userId);
      } catch (error) {
        safeLog(logger, 'error', `userProfileService.lookup failed: ${messageOf(error)}`);
        return null;
      }
    },
    save(profile) {
      try {
        service.save(profile);
      } catch (error) {
        safeLog(logger, 'error', `userProfileService.save failed: ${messageOf(error)}`);
      }
    },
  };
}

/**
 * Creates an Ensign client: validates the options once, loads the datafile (`datafile` now, `datafilePath` read and
 * watched), and wires the three faces and the event pipeline.
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
 */
export function createClient(options: ClientOptions): EnsignClient {
  const o = resolveOptions(options);
  const clock = o.clock ?? systemClock;
  const scheduler = o.scheduler ?? createNodeScheduler();
  const logger = createClientLogger({
    logger: o.logger,
    debug: o.debug,
    secrets: [o.sdkKey, o.assignmentConfig?.apiKey, o.exposureConfig?.apiKey],
  });
  const resolved = o.userProfileService ? { ...o, userProfileService: safeProfileService(o.userProfileService, logger) } : o;

  const readiness = createReadiness(scheduler);
  const status = createStatusTracker(clock);
  let reportListenerError: (name: string, error: unknown) => void = () => {};
  const emitter = createEmitter({ onListenerError: (name, error) => reportListenerError(name, error) });
  const store = createDatafileStore({ logger, readiness, status, emitter });
  let sink: EventSink | null = createEventSink(resolved, { scheduler, clock, logger, ...(o.eventDispatcher ? { dispatcher: o.eventDispatcher } : {}) });
  const core = createClientCore({ options: resolved, logger, clock, store, emitter, events: () => sink });
  reportListenerError = (name, error) => {
    const message = `a "${name}" listener failed: ${messageOf(error)}`;
    core.limited.log('error', `listener:${name}`, message);
    if (name !== 'error') emitter.emit('error', { message, source: 'listener', error });
  };

  safeLog(logger, 'debug', `client created (sdk key ${maskSecret(o.sdkKey)}, events ${sink ? 'on' : 'off'})`);

  let fileSource: FileSource | null = null;
  if (o.datafile !== undefined) loadStaticDatafile(store, o.datafile);
  else if (o.datafilePath !== undefined) {
    fileSource = createFileSource({ path: o.datafilePath, store, scheduler, logger, watch: o.watchDatafile, debounceMs: o.datafileDebounceMs });
    void fileSource.start();
  }

  const ld = createLaunchDarklyFace(core);
  const amplitude = createAmplitudeFace(core);
  let closing: Promise<ClientFlushResult> | null = null;

  const timeoutOf = (given: unknown, scale: number, call: string): number => {
    if (given === undefined) return DEFAULT_READY_TIMEOUT_MS;
    if (typeof given === 'number' && Number.isFinite(given) && given >= 0) return given * scale;
    core.limited.log('warn', `timeout:${call}`, `${call}: timeout must be a non-negative number; using ${DEFAULT_READY_TIMEOUT_MS} ms`);
    return DEFAULT_READY_TIMEOUT_MS;
  };
  const timeoutOption = (options: unknown): unknown =>
    typeof options === 'object' && options !== null ? (options as { timeout?: unknown }).timeout : undefined;

  return {
    ...ld,
    ...amplitude,
    onReady: (options) => readiness.wait(timeoutOf(timeoutOption(options), 1, 'onReady')),
    waitForInitialization: (options) => readiness.wait(timeoutOf(timeoutOption(options), 1_000, 'waitForInitialization')),
    start: (options) => readiness.wait(timeoutOf(timeoutOption(options), 1, 'start')),
    initialized: () => readiness.isReady(),
    getStatus: () => status.snapshot(readiness.isReady(), sink?.stats() ?? null),
    on: (name, listener) => emitter.on(name, listener),
    createUserContext: (userId, attributes) => createOptimizelyUserContext(core, userId, attributes),
    async flush(options) {
      const callback = typeof options === 'function' ? options : undefined;
      const timeoutMs = typeof options === 'object' && options !== null ? options.timeoutMs : undefined;
      const result = sink ? await keepAliveWhile(sink.flush(timeoutMs), timeoutMs ?? EVENT_PIPELINE_DEFAULTS.flushTimeoutMs) : NOTHING_FLUSHED;
      if (callback) {
        try {
          callback(null, result.pending === 0 && result.failed === 0 && result.dropped === 0);
        } catch (error) {
          core.limited.log('error', 'flush-callback', `a flush callback threw: ${messageOf(error)}`);
        }
      }
      return result;
    },
    close(options) {
      if (closing) return closing;
      fileSource?.close();
      readiness.close();
      status.closed();
      const closingSink = sink;
      sink = null;
      closing = (async () => {
        const timeoutMs = options?.timeoutMs;
        const result = closingSink ? await keepAliveWhile(closingSink.close(timeoutMs), timeoutMs ?? EVENT_PIPELINE_DEFAULTS.closeTimeoutMs) : NOTHING_FLUSHED;
        safeLog(logger, 'debug', 'client closed');
        return result;
      })();
      return closing;
    },
  };
}
