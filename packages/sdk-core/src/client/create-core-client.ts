import type { DatafileSource, Logger, Platform } from '@ensign/common';
import { maskSecret, safeLog } from '@ensign/common';
import { EVENT_PIPELINE_DEFAULTS } from '@ensign/event-pipeline';
import type { EventBatch } from '@ensign/event-pipeline';
import type { ClientCore } from '../core/client-core.js';
import { createClientCore } from '../core/client-core.js';
import { createDatafileStore } from '../core/datafile-store.js';
import { createEmitter } from '../core/emitter.js';
import type { EventSink } from '../core/events/event-sink.js';
import { createEventSink } from '../core/events/event-sink.js';
import { createHookRunner } from '../core/hooks.js';
import { createClientLogger } from '../core/logging.js';
import { createReadiness, DEFAULT_READY_TIMEOUT_MS } from '../core/readiness.js';
import { messageOf } from '../core/records.js';
import { createFileSource } from '../core/sources/file-source.js';
import { createStaticSource } from '../core/sources/static-source.js';
import { createServerSource } from './server-source.js';
import { createStatusTracker } from '../core/status.js';
import type { ClientFlushResult, EnsignClient } from './client-types.js';
import { BUILT_IN_FACES } from './faces.js';
import type { ClientOptions } from './options.js';
import type { UserProfileService } from '../core/core-options.js';
import { resolveOptions } from './options.js';
import { createIntegrations } from './integrations.js';

const NOTHING_FLUSHED: ClientFlushResult = Object.freeze({ delivered: 0, pending: 0, failed: 0, dropped: 0 });

/** A face: built once per client over its core; its methods are merged onto the client. */
export type FaceFactory<T extends object = object> = (core: ClientCore) => T;

/** What a runtime adds to {@link createCoreClient} besides the options. */
export interface CoreClientRuntime {
  /** Time, timers, network, files: the runtime's {@link Platform}. */
  platform: Platform;
  /** Keeps the process alive while a flush or close runs (Node: one ref'd timer). Default: nothing. */
  keepAliveWhile?<T>(work: Promise<T>, maxMs: number): Promise<T>;
  /** Gzip for event bodies, when the runtime has it. */
  gzip?(data: Uint8Array): Promise<Uint8Array>;
  /** More faces, merged onto the client after the built-in ones (see the README's "Adding a face"). */
  faces?: readonly FaceFactory[];
}

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
 * Creates an Ensign client on a runtime's platform: validates the options once, starts the datafile source
 * (`datafile`, `datafilePath` through the platform's file system, or `datafileSource`), and builds the faces over
 * one core. `@ensign/node-sdk`'s `createClient` is this function with the Node platform.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` for a programmer error in the options. Nothing else throws, now or later.
 * @example
 * const client = createCoreClient({ datafile: exampleDatafile }, { platform: myPlatform });
 * client.variation('dark-mode', { kind: 'user', key: 'user-42' }, false);
 */
export function createCoreClient(options: ClientOptions, runtime: CoreClientRuntime): EnsignClient {
  const o = resolveOptions(options);
  const { platform } = runtime;
  const clock = o.clock ?? platform.clock;
  const scheduler = o.scheduler ?? platform.scheduler;
  const logger = createClientLogger({ logger: o.logger, debug: o.debug, secrets: [o.sdkKey, o.assignmentConfig?.apiKey, o.exposureConfig?.apiKey, o.cohortSyncConfig?.apiKey, o.cohortSyncConfig?.secretKey] });
  const resolved = o.userProfileService ? { ...o, userProfileService: safeProfileService(o.userProfileService, logger) } : o;
  const keepAlive = runtime.keepAliveWhile ?? (<T>(work: Promise<T>) => work);

  const readiness = createReadiness(scheduler);
  const status = createStatusTracker(clock);
  let core: ClientCore | null = null;
  const emitter = createEmitter({
    onListenerError: (name, error) => {
      const message = `a "${name}" listener failed: ${messageOf(error)}`;
      core?.limited.log('error', `listener:${name}`, message);
      if (name !== 'error') emitter.emit('error', { message, source: 'listener', error });
    },
  });
  const store = createDatafileStore({ logger, readiness, status, emitter });
  const dispatchListeners = new Set<(batch: EventBatch, url: string) => void>();
  let sink: EventSink | null = createEventSink(resolved, {
    scheduler,
    clock,
    logger,
    http: platform.http,
    ...(runtime.gzip ? { gzip: runtime.gzip } : {}),
    ...(o.eventDispatcher ? { dispatcher: o.eventDispatcher } : {}),
    onDispatch: (batch, url) => {
      for (const listener of dispatchListeners) listener(batch, url);
    },
  });
  const integrations = createIntegrations({ options: o, platform, clock, scheduler, logger, emitter, store });
  const hooks = createHookRunner(o.hooks, logger, (key, line) => core?.limited.log('error', key, line));
  let closing: Promise<ClientFlushResult> | null = null;
  const c = createClientCore({
    options: resolved,
    logger,
    clock,
    scheduler,
    store,
    emitter,
    hooks,
    events: () => sink,
    http: platform.http,
    random: platform.random ?? Math.random,
    hold: keepAlive,
    isClosed: () => closing !== null,
    odp: integrations.odp,
    cohorts: integrations.cohorts,
    dispatchListeners,
  });
  core = c;

  safeLog(logger, 'debug', `client created (sdk key ${maskSecret(o.sdkKey)}, events ${sink ? 'on' : 'off'})`);

  let source: DatafileSource | null = null;
  let origin = 'option';
  if (o.datafile !== undefined) source = createStaticSource(o.datafile);
  else if (o.datafilePath !== undefined) {
    origin = o.datafilePath;
    if (platform.fileSystem === undefined) store.reject('this platform has no file system: datafilePath cannot be read', 'file', origin);
    else source = createFileSource({ path: o.datafilePath, fileSystem: platform.fileSystem, scheduler, logger, watch: o.watchDatafile, debounceMs: o.datafileDebounceMs });
  } else if (o.datafileSource !== undefined) {
    source = o.datafileSource;
    origin = 'datafileSource';
  } else if (o.server !== null) {
    origin = o.server.baseUrl;
    source = createServerSource(o.server, o.sdkKey as string, { ...platform, clock, scheduler }, logger);
  }
  if (source !== null) {
    try {
      source.start(store.sinkFor(source.kind, origin));
    } catch (error) {
      store.reject(`the datafile source failed to start: ${messageOf(error)}`, source.kind, origin);
    }
  }

  const timeoutOf = (given: unknown, scale: number, call: string): number => {
    if (given === undefined) return DEFAULT_READY_TIMEOUT_MS;
    if (typeof given === 'number' && Number.isFinite(given) && given >= 0) return given * scale;
    c.limited.log('warn', `timeout:${call}`, `${call}: timeout must be a non-negative number; using ${DEFAULT_READY_TIMEOUT_MS} ms`);
    return DEFAULT_READY_TIMEOUT_MS;
  };
  const timeoutOption = (value: unknown): unknown => (typeof value === 'object' && value !== null ? (value as { timeout?: unknown }).timeout : undefined);

  const base = {
    onReady: (value?: unknown) => readiness.wait(timeoutOf(timeoutOption(value), 1, 'onReady')),
    waitForInitialization: (value?: unknown) => readiness.wait(timeoutOf(timeoutOption(value), 1_000, 'waitForInitialization')),
    // Amplitude's start() also waits for the first cohort download (within the same timeout).
    async start(value?: unknown) {
      const timeoutMs = timeoutOf(timeoutOption(value), 1, 'start');
      const result = await readiness.wait(timeoutMs);
      if (result.success) await integrations.cohortsSettled(timeoutMs);
      return result;
    },
    initialized: () => readiness.isReady(),
    getStatus: () => status.snapshot(readiness.isReady(), sink?.stats() ?? null),
    on: emitter.on,
    addHook: (hook: unknown) => hooks.add(hook),
    async flush(value?: unknown) {
      const callback = typeof value === 'function' ? (value as (error: null, delivered: boolean) => void) : undefined;
      const timeoutMs = typeof value === 'object' && value !== null ? (value as { timeoutMs?: number }).timeoutMs : undefined;
      const result = sink ? await keepAlive(sink.flush(timeoutMs), timeoutMs ?? EVENT_PIPELINE_DEFAULTS.flushTimeoutMs) : NOTHING_FLUSHED;
      await integrations.flush();
      if (callback) {
        try {
          callback(null, result.pending === 0 && result.failed === 0 && result.dropped === 0);
        } catch (error) {
          c.limited.log('error', 'flush-callback', `a flush callback threw: ${messageOf(error)}`);
        }
      }
      return result;
    },
    close(value?: { timeoutMs?: number }) {
      if (closing) return closing;
      try {
        void source?.close();
      } catch (error) {
        safeLog(logger, 'warn', `closing the datafile source failed: ${messageOf(error)}`);
      }
      readiness.close();
      status.closed();
      const closingSink = sink;
      sink = null;
      closing = (async () => {
        const timeoutMs = value?.timeoutMs;
        const result = closingSink ? await keepAlive(closingSink.close(timeoutMs), timeoutMs ?? EVENT_PIPELINE_DEFAULTS.closeTimeoutMs) : NOTHING_FLUSHED;
        await keepAlive(integrations.close(), timeoutMs ?? EVENT_PIPELINE_DEFAULTS.closeTimeoutMs);
        safeLog(logger, 'debug', 'client closed');
        return result;
      })();
      return closing;
    },
    // Amplitude's name of close (its local-evaluation client's `stop()`).
    stop: (value?: { timeoutMs?: number }) => base.close(value),
  };
  // Merged by spreading rather than `Object.assign`: V8 keeps an object built from spreads in fast mode, while ~30
  // properties assigned one by one turn it into a dictionary, and every `client.variation` would be a hash lookup.
  let client: Record<string, unknown> = {};
  for (const face of [...BUILT_IN_FACES, ...(runtime.faces ?? [])]) client = { ...client, ...face(c) };
  return { ...client, ...base } as unknown as EnsignClient;
}
