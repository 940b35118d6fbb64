// `createInstance` of the `optimizely` vendor entry: Optimizely's construction and client API over an Ensign client.
import type { Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { OdpEventInput } from '@ensign/odp-segments';
import { createBootstrapSource } from '../../core/sources/bootstrap-source.js';
import { createPollingSource } from '../../core/sources/polling-source.js';
import type { OptimizelyUserContext } from '../../faces/optimizely/user-context.js';
import type { EnsignClient } from '../client-types.js';
import type { CoreClientRuntime } from '../create-core-client.js';
import { createCoreClient } from '../create-core-client.js';
import type { ClientOptions } from '../options.js';
import type { NotificationCenter } from './optimizely-notifications.js';
import { planOptimizelyInstance } from './optimizely-options.js';

/** The client `createInstance` returns: Optimizely 6's client API (and SDK 5's flag calls) over an Ensign client. */
export interface OptimizelyInstance {
  /** A user context: `decide`, `decideForKeys`, `decideAll` (+ `Async`), `trackEvent`, forced decisions, segments. */
  createUserContext(userId: string, attributes?: Record<string, unknown>): OptimizelyUserContext;
  /**
   * Resolves (with `undefined`) once a valid datafile is in use; rejects, as Optimizely 6's, with an `Error`:
   * `onReady timeout expired after <timeout> ms`, `Instance closed`, or why the datafile was refused. Default 30 000 ms.
   */
  onReady(options?: { timeout?: number }): Promise<unknown>;
  /** Delivers queued events and stops every timer; resolves with the delivery counts. */
  close(): Promise<unknown>;
  /** The Optimizely face's `getOptimizelyConfig()` (flags, variables, experiments); null before a datafile is in use. */
  getOptimizelyConfig(): unknown;
  /** The Optimizely face's notification center (DECISION, TRACK, LOG_EVENT, OPTIMIZELY_CONFIG_UPDATE). */
  readonly notificationCenter: NotificationCenter;
  /** Whether a valid datafile is in use. */
  isValidInstance(): boolean;
  /** The Optimizely face's `isOdpIntegrated()`; false while the face has none. */
  isOdpIntegrated(): boolean;
  /** Sends an ODP event (Optimizely's positional form; `identifiers` and `data` as Maps). */
  sendOdpEvent(action: string, type?: string, identifiers?: ReadonlyMap<string, string>, data?: ReadonlyMap<string, unknown>): void;
  /** Ensign keeps no vuid: always undefined. */
  getVuid(): string | undefined;
  /** SDK 5's `track(eventKey, userId, attributes?, eventTags?)`: `createUserContext(userId, attributes).trackEvent(...)`. */
  track(eventKey: string, userId: string, attributes?: Record<string, unknown>, eventTags?: Record<string, unknown>): void;
  /** SDK 5's `isFeatureEnabled`: `decide(featureKey).enabled`. */
  isFeatureEnabled(featureKey: string, userId: string, attributes?: Record<string, unknown>): boolean;
  /** The Ensign client behind this instance, for the rest of Ensign's API (`getStatus`, `on`, other faces). */
  readonly ensign: EnsignClient;
}

/** The Optimizely face's `isOdpIntegrated`, used when present. */
interface FaceExtras {
  isOdpIntegrated?: () => boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const OPTIMIZELY_MARKERS = ['"projectId"', '"featureFlags"'];

/** Whether a datafile is Optimizely's own (which Ensign reads only after `ensign import optimizely`). */
function isOptimizelyDatafile(datafile: unknown): boolean {
  if (typeof datafile === 'string') return OPTIMIZELY_MARKERS.every((m) => datafile.includes(m));
  return typeof datafile === 'object' && datafile !== null && 'projectId' in datafile && 'featureFlags' in datafile;
}

/** Optimizely's rejection of `onReady` for Ensign's readiness reason. */
function readyError(reason: string | undefined, timeout: number): Error {
  if (reason === undefined || reason.startsWith('not ready after')) return new Error(`onReady timeout expired after ${timeout} ms`);
  if (reason === 'client closed') return new Error('Instance closed');
  return new Error(reason);
}

function clientOptions(plan: ReturnType<typeof planOptimizelyInstance>, runtime: CoreClientRuntime): ClientOptions {
  if (plan.pollUrl === undefined) return plan.draft;
  const { bootstrap, flagConfigPollingIntervalMillis, ...rest } = plan.draft;
  const { platform } = runtime;
  const polling = createPollingSource({
    url: plan.pollUrl,
    http: platform.http,
    scheduler: platform.scheduler,
    clock: platform.clock,
    logger: plan.logger,
    // Polled as given: a URL outside the flag server's layout is not asked for an encoding it may not know.
    datafileEncoding: 'plain',
    ...(platform.random ? { random: platform.random } : {}),
    ...(flagConfigPollingIntervalMillis === undefined ? {} : { intervalMs: flagConfigPollingIntervalMillis }),
  });
  return { ...rest, datafileSource: bootstrap === undefined ? polling : createBootstrapSource(bootstrap, polling) };
}

/**
 * Optimizely's `createInstance`: the same configuration (SDK 6's `projectConfigManager`, `eventProcessor`,
 * `odpManager`, `logger`, `userProfileService`, `defaultDecideOptions`; or SDK 5's `datafile`, `sdkKey`,
 * `datafileOptions`, `eventBatchSize`...), an Ensign client behind it. Options Ensign does not implement are warned
 * about once and ignored. The datafile is Ensign's (`ensign import optimizely` converts Optimizely's).
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when no datafile or SDK key is given, or an option Ensign reads is invalid.
 * @example
 * const optimizely = createOptimizelyInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile }) }, runtimeFor);
 * await optimizely.onReady();
 * optimizely.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign');
 */
export function createOptimizelyInstance(config: unknown, runtimeFor: (logger: Logger) => CoreClientRuntime): OptimizelyInstance {
  const plan = planOptimizelyInstance(config);
  const given = plan.draft.datafile ?? plan.draft.bootstrap;
  if (isOptimizelyDatafile(given)) {
    safeLog(plan.logger, 'error', "createInstance: this datafile is in Optimizely's format; convert it once with `ensign import optimizely <file>` (or importOptimizelyDatafile from @ensign/importers)");
  }
  const runtime = runtimeFor(plan.logger);
  const client = createCoreClient(clientOptions(plan, runtime), runtime);
  const extras = client as EnsignClient & FaceExtras;
  const user = (userId: string, attributes?: Record<string, unknown>) => client.createUserContext(userId, attributes);
  return {
    createUserContext: user,
    async onReady(options) {
      const timeout = typeof options?.timeout === 'number' ? options.timeout : DEFAULT_TIMEOUT_MS;
      const ready = await client.onReady({ timeout });
      if (!ready.success) throw readyError(ready.reason, timeout);
      return undefined;
    },
    close: () => client.close(),
    getOptimizelyConfig: () => client.getOptimizelyConfig(),
    notificationCenter: client.notificationCenter as NotificationCenter,
    isValidInstance: () => client.initialized(),
    isOdpIntegrated: () => (typeof extras.isOdpIntegrated === 'function' ? extras.isOdpIntegrated() : false),
    sendOdpEvent(action, type, identifiers, data) {
      const event: OdpEventInput = { action, ...(type === undefined ? {} : { type }), ...(identifiers ? { identifiers } : {}), ...(data ? { data } : {}) };
      client.sendOdpEvent(event);
    },
    getVuid: () => undefined,
    track: (eventKey, userId, attributes, eventTags) => user(userId, attributes).trackEvent(eventKey, eventTags as never),
    isFeatureEnabled: (featureKey, userId, attributes) => user(userId, attributes).decide(featureKey).enabled,
    ensign: client,
  };
}
