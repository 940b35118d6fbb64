// `init` of the `launchdarkly` vendor entry: LaunchDarkly's Node client API (promises, callbacks, events) over an
// Ensign client.
import type { Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { JsonValue } from '@ensign/datafile-schema';
import type { Hook } from '../../core/hooks.js';
import type { LDEvaluationDetail } from '../../faces/launchdarkly/detail.js';
import type { LDFlagsState, LDFlagsStateOptions } from '../../faces/launchdarkly/flags-state.js';
import type { EnsignClient } from '../client-types.js';
import type { CoreClientRuntime } from '../create-core-client.js';
import { createCoreClient } from '../create-core-client.js';
import type { ListenerMethods } from './listeners.js';
import { createListeners } from './listeners.js';
import { planLaunchDarklyInit } from './launchdarkly-options.js';

type Callback<T> = (err: null, result: T) => void;

/** The client `init` returns: LaunchDarkly's `LDClient`, answering with promises (and callbacks where LaunchDarkly has them). */
export interface LDClient extends ListenerMethods<LDClient> {
  /** Whether a datafile is in use (always true `offline`). */
  initialized(): boolean;
  /**
   * Resolves with this client once a datafile is in use; rejects with `LaunchDarklyTimeoutError` after `timeout`
   * **seconds** (without `timeout` it waits as long as it takes), or with the failure when the first datafile is refused.
   */
  waitForInitialization(options?: { timeout?: number }): Promise<LDClient>;
  variation(key: string, context: unknown, defaultValue: JsonValue, callback?: Callback<JsonValue>): Promise<JsonValue>;
  variationDetail(key: string, context: unknown, defaultValue: JsonValue, callback?: Callback<LDEvaluationDetail>): Promise<LDEvaluationDetail>;
  boolVariation(key: string, context: unknown, defaultValue: boolean): Promise<boolean>;
  numberVariation(key: string, context: unknown, defaultValue: number): Promise<number>;
  stringVariation(key: string, context: unknown, defaultValue: string): Promise<string>;
  jsonVariation(key: string, context: unknown, defaultValue: unknown): Promise<unknown>;
  boolVariationDetail(key: string, context: unknown, defaultValue: boolean): Promise<LDEvaluationDetail<boolean>>;
  numberVariationDetail(key: string, context: unknown, defaultValue: number): Promise<LDEvaluationDetail<number>>;
  stringVariationDetail(key: string, context: unknown, defaultValue: string): Promise<LDEvaluationDetail<string>>;
  jsonVariationDetail(key: string, context: unknown, defaultValue: unknown): Promise<LDEvaluationDetail>;
  allFlagsState(context: unknown, options?: LDFlagsStateOptions, callback?: Callback<LDFlagsState>): Promise<LDFlagsState>;
  track(key: string, context: unknown, data?: unknown, metricValue?: number): void;
  identify(context: unknown): void;
  /** Sends the queued events; the callback gets `(null, true)` when all were delivered. */
  flush(callback?: (err: Error | null, res: boolean) => void): Promise<void>;
  /** Stops the client: queued events are delivered first (LaunchDarkly drops them), then every timer stops. */
  close(): void;
  isOffline(): boolean;
  addHook(hook: Hook): void;
  /** The Ensign client behind this one, for the rest of Ensign's API (`getStatus`, other faces, awaiting `close()`). */
  readonly ensign: EnsignClient;
}

/** The longest timer Node runs: "wait as long as it takes". */
const FOREVER_MS = 2_147_483_647;

/** LaunchDarkly's timeout error (`LDTimeoutError`, named `LaunchDarklyTimeoutError`). */
function timeoutError(seconds: number): Error {
  const error = new Error(`waitForInitialization timed out after ${seconds} seconds.`);
  error.name = 'LaunchDarklyTimeoutError';
  return error;
}

function wrap(client: EnsignClient, logger: Logger, offline: boolean): LDClient {
  const listeners = createListeners<LDClient>(() => self, logger);
  const answer = <T>(value: T, callback?: Callback<T>): Promise<T> => {
    if (typeof callback === 'function') {
      try {
        callback(null, value);
      } catch (error) {
        safeLog(logger, 'error', `a variation callback threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return Promise.resolve(value);
  };
  const self: LDClient = {
    ...listeners.methods,
    initialized: () => offline || client.initialized(),
    async waitForInitialization(options) {
      if (offline) return self;
      const seconds = typeof options?.timeout === 'number' && options.timeout >= 0 ? options.timeout : undefined;
      const ready = await client.onReady({ timeout: seconds === undefined ? FOREVER_MS : seconds * 1_000 });
      if (ready.success) return self;
      if (seconds !== undefined && (ready.reason ?? '').startsWith('not ready after')) {
        safeLog(logger, 'error', `waitForInitialization timed out after ${seconds} seconds.`);
        throw timeoutError(seconds);
      }
      throw new Error(ready.reason ?? 'not initialized');
    },
    variation: (key, context, defaultValue, callback) => answer(client.variation(key, context, defaultValue), callback),
    variationDetail: (key, context, defaultValue, callback) => answer(client.variationDetail(key, context, defaultValue), callback),
    boolVariation: (key, context, defaultValue) => answer(client.boolVariation(key, context, defaultValue)),
    numberVariation: (key, context, defaultValue) => answer(client.numberVariation(key, context, defaultValue)),
    stringVariation: (key, context, defaultValue) => answer(client.stringVariation(key, context, defaultValue)),
    jsonVariation: (key, context, defaultValue) => answer(client.jsonVariation(key, context, defaultValue as JsonValue)),
    boolVariationDetail: (key, context, defaultValue) => answer(client.boolVariationDetail(key, context, defaultValue)),
    numberVariationDetail: (key, context, defaultValue) => answer(client.numberVariationDetail(key, context, defaultValue)),
    stringVariationDetail: (key, context, defaultValue) => answer(client.stringVariationDetail(key, context, defaultValue)),
    jsonVariationDetail: (key, context, defaultValue) => answer(client.jsonVariationDetail(key, context, defaultValue as JsonValue)),
    allFlagsState: (context, options, callback) => answer(client.allFlagsState(context, options), callback),
    track: (key, context, data, metricValue) => client.track(key, context, data as JsonValue, metricValue),
    identify: (context) => client.identify(context),
    async flush(callback) {
      const result = await client.flush();
      const delivered = result.pending === 0 && result.failed === 0 && result.dropped === 0;
      if (typeof callback === 'function') callback(null, delivered);
    },
    close() {
      void client.close();
    },
    isOffline: () => offline,
    addHook: (hook) => client.addHook(hook),
    ensign: client,
  };
  // LaunchDarkly's events: ready/failed once, update and update:<key> per flag of each new datafile, error.
  if (!offline) {
    void client.onReady({ timeout: FOREVER_MS }).then((ready) => {
      if (ready.success) listeners.emit('ready');
      else if (ready.reason !== 'client closed') listeners.emit('failed', new Error(ready.reason ?? 'initialization failed'));
    });
  }
  let previous: readonly string[] = [];
  client.on('update', (event) => {
    const keys = new Set([...previous, ...event.flagKeys]);
    previous = event.flagKeys;
    if (event.previousRevision === null) return;
    for (const key of keys) {
      listeners.emit('update', { key });
      listeners.emit(`update:${key}`, { key });
    }
  });
  client.on('error', (event) => {
    // As LaunchDarkly's: errors reach `error` listeners when there are some, the logger otherwise (already done).
    if (self.listenerCount('error') > 0) listeners.emit('error', event.error instanceof Error ? event.error : new Error(event.message));
  });
  return self;
}

/**
 * LaunchDarkly's `init(sdkKey, options)`: the same option names and units, an Ensign client behind it. Options
 * Ensign does not implement are warned about once and ignored, as LaunchDarkly does with unknown options.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when an option Ensign reads is invalid (e.g. a `baseUri` that is not a URL).
 * @example
 * const ld = initLaunchDarkly('sdk-key', { baseUri: 'http://127.0.0.1:8080', stream: false }, runtimeFor);
 * await ld.waitForInitialization({ timeout: 10 });
 * await ld.boolVariation('dark-mode', { kind: 'user', key: 'user-42' }, false);
 */
export function initLaunchDarkly(sdkKey: unknown, options: unknown, runtimeFor: (logger: Logger) => CoreClientRuntime): LDClient {
  const plan = planLaunchDarklyInit(sdkKey, options);
  return wrap(createCoreClient(plan.draft, runtimeFor(plan.logger)), plan.logger, plan.offline);
}
