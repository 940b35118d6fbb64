import type { Clock, DatafileSource, Logger, Scheduler, SharedDedup } from '@ensign/common';
import type { Hook } from '../core/hooks.js';
import { EnsignError, isLogger } from '@ensign/common';
import type { EventDispatcher } from '@ensign/event-pipeline';
import { CLIENT_EVENT_DEFAULTS } from '../core/core-options.js';
import type { AssignmentConfig, CoreOptions, ExposureConfig, UserProfileService, UserProfileServiceAsync } from '../core/core-options.js';
import { keyText } from '../core/records.js';
import type { DecideOption } from '../faces/optimizely/decide-options.js';
import { isDecideOption } from '../faces/optimizely/decide-options.js';
import type { CohortSyncConfig, OdpOptions } from '../core/odp/odp-options.js';
import { resolveCohortSyncConfig, resolveOdpOptions } from './integration-options.js';
import type { ServerZone } from './server-options.js';
import { readServerOptions, SERVER_OPTION_KEYS } from './server-options.js';

/** Options of `createClient`. Every option is checked once, at construction. */
export interface ClientOptions {
  /** Your SDK key: sent only in event request headers, never logged. */
  sdkKey?: string;
  /** The datafile, as JSON text or an object. One of `datafile`, `datafilePath` and `datafileSource` is required. */
  datafile?: string | object;
  /** Your own datafile source (`{ kind, start(sink), close() }`): it pushes datafiles into the client's store. */
  datafileSource?: DatafileSource;
  /** Evaluation hooks (LaunchDarkly's shape), run around every decision of every face; `client.addHook` adds more. */
  hooks?: readonly Hook[];
  /** A datafile on disk, read at start and watched: a good update is applied, a bad one is logged and ignored. */
  datafilePath?: string;
  /** Watch `datafilePath` for changes. Default true. */
  watchDatafile?: boolean;
  /** Quiet period after a file change before it is read, in ms. Default 100. */
  datafileDebounceMs?: number;
  /** Your logger (console, pino, winston...), used as given. Default: a console logger at `warn`. */
  logger?: Logger;
  /** Lowers the default console logger to `debug`. Ignored when `logger` is given. Default false. */
  debug?: boolean;
  /** Decide options applied to every `decide` call (Optimizely). Default none. */
  defaultDecideOptions?: readonly DecideOption[];
  /** Synchronous sticky bucketing (Optimizely `userProfileService`). */
  userProfileService?: UserProfileService;
  /** Asynchronous sticky bucketing, used by the `decide*Async` calls. */
  userProfileServiceAsync?: UserProfileServiceAsync;
  /**
   * How long a `userProfileServiceAsync` lookup or save may take, in ms. A lookup that takes longer is given up:
   * the decision is made without the profile (and nothing is saved), logged once a minute. Default 1 000.
   */
  userProfileServiceAsyncTimeoutMs?: number;
  /** Attribute references never sent in events, for every context (LaunchDarkly). Default none. */
  privateAttributes?: readonly string[];
  /** Send no attribute but `key`, `kind` and `anonymous` in events. Default false. */
  allAttributesPrivate?: boolean;
  /** `false`: no event pipeline at all. Default true (events are sent when `eventsUrl` is set). */
  events?: boolean;
  /** Where events are POSTed. Without it no events leave the process. Credentials (`user:password@`) are refused. */
  eventsUrl?: string;
  /** Events per request at most. Default 1 000 (about 450 KB of JSON for decision events, gzipped to a tenth). */
  eventBatchSize?: number;
  /** Flush period in ms. Default: the pipeline's (5 000); a full batch is sent at once. */
  eventFlushIntervalMs?: number;
  /**
   * Events held at most (queued or in flight); more are dropped and counted. Default 100 000: bursts of
   * evaluations are absorbed while requests are in flight, and memory stays bounded (about 50 MB when full).
   */
  eventQueueCapacity?: number;
  /** Bytes of events held at most (estimated JSON size); more are dropped and counted. Default 64 MiB. */
  eventQueueMaxBytes?: number;
  /** Timeout of one event request, ms. Default 10 000. */
  eventRequestTimeoutMs?: number;
  /** Your own event delivery (a queue, a test double) instead of HTTP to `eventsUrl`. */
  eventDispatcher?: EventDispatcher;
  /** Contexts remembered for index-event de-duplication (LaunchDarkly). Default 1 000. */
  contextKeysCapacity?: number;
  /** Seconds after which the context-key cache is reset (LaunchDarkly). Default 300. */
  contextKeysFlushInterval?: number;
  /**
   * De-duplication shared by every SDK process of a fleet (for example `createRedisDedup` of `@ensign/redis-store`):
   * index events (per `contextKeysFlushInterval`), assignment and exposure events (24 h) are sent once across the
   * fleet, not once per process. The in-process caches still answer first; each batch asks the port once before it
   * is sent. A port that fails or is slow (over 2 s) lets the batch go. Default none.
   */
  sharedDedup?: SharedDedup;
  assignmentConfig?: AssignmentConfig;
  exposureConfig?: ExposureConfig;
  /** Time source (tests). Default the system clock. */
  clock?: Clock;
  /** Timer source (tests). Default unref'd Node timers. */
  scheduler?: Scheduler;
  /** Optimizely ODP segments and events (see the README's "ODP segments"). Default: on when the datafile has an `odp` integration. */
  odp?: OdpOptions;
  /** Amplitude cohort sync for local evaluation (see the README's "Cohorts"). Default: off. */
  cohortSyncConfig?: CohortSyncConfig;
  /**
   * The flag server's base URL (e.g. `http://127.0.0.1:8080`). With `sdkKey` and no other datafile option, datafiles
   * come from `<serverUrl>/v1/datafiles/<sdkKey>.json` (polling) or `/v1/stream/<sdkKey>` (`streaming`); `fetchV2`
   * posts to `/v1/evaluate` and events go to `/v1/events/bulk` unless `eventsUrl` says otherwise. Overrides `serverZone`.
   */
  serverUrl?: string;
  /** Chooses the server's base URL from `serverZones` (Amplitude's option). */
  serverZone?: ServerZone;
  /** Zone → base URL. Default {@link DEFAULT_SERVER_ZONES} (`us`: https://flags.us.ensign.dev, `eu`: https://flags.eu.ensign.dev). */
  serverZones?: Readonly<Record<string, string>>;
  /** Period of datafile polls, ms (Amplitude's name). Default 30 000; at least 1 000. */
  flagConfigPollingIntervalMillis?: number;
  /** Follow the server's Server-Sent Events stream (changes within about a second), polling while it is down. Default false. */
  streaming?: boolean;
  /** A datafile to start from (JSON text or an object) until the server's arrives; the server's then replaces it. */
  bootstrap?: string | object;
  /** Key id → Ed25519 public key (PEM). When set, a datafile from the server that is unsigned or wrongly signed is refused. */
  datafilePublicKeys?: Readonly<Record<string, string>>;
  /**
   * The datafile encoding asked of the flag server (polling and streaming): `compact` (flag templates: 10 000 flags
   * load several times faster) or `plain` (the file as written). Either answer is read. Default `compact`.
   */
  datafileEncoding?: 'compact' | 'plain';
  /** `fetchV2`: timeout of the first request, ms. Default 10 000 (Amplitude's). */
  fetchTimeoutMillis?: number;
  /** `fetchV2`: retries after the first request. Default 8 (Amplitude's). */
  fetchRetries?: number;
  /** `fetchV2`: the first delay before a retry, ms. Default 500 (Amplitude's). */
  fetchRetryBackoffMinMillis?: number;
  /** `fetchV2`: the longest delay between retries, ms. Default 10 000 (Amplitude's). */
  fetchRetryBackoffMaxMillis?: number;
  /** `fetchV2`: growth of the delay per retry. Default 1.5 (Amplitude's). */
  fetchRetryBackoffScalar?: number;
  /** `fetchV2`: timeout of each retry, ms. Default 10 000 (Amplitude's). */
  fetchRetryTimeoutMillis?: number;
}

/** The options after validation, with defaults applied. */
export type ResolvedOptions = CoreOptions;

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'sdkKey', 'datafile', 'datafileSource', 'hooks', 'datafilePath', 'watchDatafile', 'datafileDebounceMs', 'logger', 'debug', 'defaultDecideOptions',
  'userProfileService', 'userProfileServiceAsync', 'userProfileServiceAsyncTimeoutMs', 'privateAttributes', 'allAttributesPrivate', 'events', 'eventsUrl',
  'eventBatchSize', 'eventFlushIntervalMs', 'eventQueueCapacity', 'eventQueueMaxBytes', 'eventRequestTimeoutMs', 'eventDispatcher', 'contextKeysCapacity',
  'contextKeysFlushInterval', 'sharedDedup', 'assignmentConfig', 'exposureConfig', 'clock', 'scheduler', ...SERVER_OPTION_KEYS,
  'odp', 'cohortSyncConfig',
]);

const fail = (message: string): never => {
  throw new EnsignError('INVALID_OPTIONS', message);
};

function optional<T>(o: Record<string, unknown>, key: string, check: (v: unknown) => boolean, what: string): T | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!check(v)) fail(`${key} must be ${what}`);
  return v as T;
}

const isBool = (v: unknown) => typeof v === 'boolean';
const isNonEmptyString = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const positiveInt = (min: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min;
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasMethods = (...names: string[]) => (v: unknown) =>
  isObject(v) && names.every((n) => typeof (v as Record<string, unknown>)[n] === 'function');
const isUrl = (v: unknown) => {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Every option holding a URL: each is refused when it carries credentials, which would reach requests and logs. */
const URL_OPTIONS = ['eventsUrl'] as const;

function refuseCredentials(o: Record<string, unknown>): void {
  for (const key of URL_OPTIONS) {
    const value = o[key];
    if (typeof value !== 'string') continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue; // reported as "not an http(s) URL" by the type check
    }
    if (url.username !== '' || url.password !== '') {
      fail(`${key} must not hold credentials (user:password@ in ${url.protocol}//****@${url.host}): the SDK key authenticates requests`);
    }
  }
}

function amplitudeConfig(o: Record<string, unknown>, key: string): AssignmentConfig | undefined {
  const config = optional<Record<string, unknown>>(o, key, isObject, 'an object');
  if (!config) return undefined;
  optional(config, 'apiKey', (v) => typeof v === 'string', 'a string');
  optional(config, 'cacheCapacity', positiveInt(1), 'an integer of at least 1');
  return config as AssignmentConfig;
}

/**
 * Checks the options of `createClient` once and applies defaults.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` naming the first bad option (an unknown key, a wrong type, a value out of
 * range, no datafile source or two of them, credentials in a URL).
 * @example
 * resolveOptions({ datafile: text, debug: true }).watchDatafile; // true
 * resolveOptions({ sdkKey, serverUrl: 'http://127.0.0.1:8080', streaming: true }).server?.streaming; // true
 */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (!isObject(input)) fail('options must be an object');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KNOWN_KEYS.has(key)) fail(`unknown option "${key}"`);

  const datafile = optional<string | object>(o, 'datafile', (v) => typeof v === 'string' || isObject(v), 'JSON text or an object');
  const datafilePath = optional<string>(o, 'datafilePath', isNonEmptyString, 'a non-empty path');
  const datafileSource = optional<DatafileSource>(o, 'datafileSource', hasMethods('start', 'close'), 'an object with start and close functions');
  const { server, remoteFetch } = readServerOptions(o);
  const given = [datafile, datafilePath, datafileSource].filter((v) => v !== undefined).length;
  if (given === 0 && server === null) fail('pass a datafile source: `datafile`, `datafilePath`, `datafileSource`, or `sdkKey` with `serverUrl` or `serverZone`');
  if (given > 0 && server?.bootstrap !== undefined) fail('bootstrap is the first datafile of the server source: it cannot be combined with `datafile`, `datafilePath` or `datafileSource`');
  if (given > 1) fail('pass one datafile source, not several of `datafile`, `datafilePath` and `datafileSource`');
  const hooks = optional<unknown[]>(o, 'hooks', Array.isArray, 'an array of hooks') ?? [];
  for (const hook of hooks) if (!hasMethods('getMetadata')(hook)) fail('hooks: each hook needs a getMetadata function');

  const defaultDecideOptions = optional<unknown[]>(o, 'defaultDecideOptions', Array.isArray, 'an array') ?? [];
  for (const option of defaultDecideOptions) {
    if (!isDecideOption(option)) fail(`defaultDecideOptions: unknown decide option "${keyText(option)}"`);
  }
  const privateAttributes = optional<unknown[]>(o, 'privateAttributes', Array.isArray, 'an array of attribute references') ?? [];
  for (const ref of privateAttributes) if (!isNonEmptyString(ref)) fail('privateAttributes must hold non-empty strings');

  refuseCredentials(o);
  if (o['eventsUrl'] !== undefined && o['events'] !== false && !isNonEmptyString(o['sdkKey'])) {
    fail('eventsUrl needs sdkKey: events are sent with the SDK key in a header');
  }
  const logger = optional<Logger>(o, 'logger', isLogger, 'an object with debug, info, warn and error functions');
  return {
    sdkKey: optional<string>(o, 'sdkKey', isNonEmptyString, 'a non-empty string'),
    datafile,
    datafilePath,
    datafileSource,
    hooks: Object.freeze([...(hooks as Hook[])]),
    watchDatafile: optional<boolean>(o, 'watchDatafile', isBool, 'a boolean') ?? true,
    datafileDebounceMs: optional<number>(o, 'datafileDebounceMs', positiveInt(0), 'an integer of at least 0') ?? 100,
    logger,
    debug: optional<boolean>(o, 'debug', isBool, 'a boolean') ?? false,
    defaultDecideOptions: Object.freeze([...(defaultDecideOptions as DecideOption[])]),
    userProfileService: optional<UserProfileService>(o, 'userProfileService', hasMethods('lookup', 'save'), 'an object with lookup and save functions'),
    userProfileServiceAsync: optional<UserProfileServiceAsync>(o, 'userProfileServiceAsync', hasMethods('lookup', 'save'), 'an object with lookup and save functions'),
    userProfileServiceAsyncTimeoutMs: optional<number>(o, 'userProfileServiceAsyncTimeoutMs', positiveInt(1), 'an integer of at least 1 (ms)') ?? 1_000,
    privateAttributes: Object.freeze([...(privateAttributes as string[])]),
    allAttributesPrivate: optional<boolean>(o, 'allAttributesPrivate', isBool, 'a boolean') ?? false,
    events: optional<boolean>(o, 'events', isBool, 'a boolean') ?? true,
    // Events go to the flag server by default: it ingests them and computes experiment results.
    eventsUrl: optional<string>(o, 'eventsUrl', isUrl, 'an http(s) URL') ?? (server ? `${server.baseUrl}/v1/events/bulk` : undefined),
    eventBatchSize: optional<number>(o, 'eventBatchSize', positiveInt(1), 'an integer of at least 1') ?? CLIENT_EVENT_DEFAULTS.eventBatchSize,
    eventFlushIntervalMs: optional<number>(o, 'eventFlushIntervalMs', positiveInt(100), 'an integer of at least 100'),
    eventQueueCapacity: optional<number>(o, 'eventQueueCapacity', positiveInt(1), 'an integer of at least 1') ?? CLIENT_EVENT_DEFAULTS.eventQueueCapacity,
    eventQueueMaxBytes: optional<number>(o, 'eventQueueMaxBytes', positiveInt(1_024), 'an integer of at least 1024') ?? CLIENT_EVENT_DEFAULTS.eventQueueMaxBytes,
    eventRequestTimeoutMs: optional<number>(o, 'eventRequestTimeoutMs', positiveInt(1), 'an integer of at least 1') ?? 10_000,
    eventDispatcher: optional<EventDispatcher>(o, 'eventDispatcher', hasMethods('dispatch'), 'an object with a dispatch function'),
    contextKeysCapacity: optional<number>(o, 'contextKeysCapacity', positiveInt(1), 'an integer of at least 1') ?? 1_000,
    contextKeysFlushInterval: optional<number>(o, 'contextKeysFlushInterval', (v) => typeof v === 'number' && v > 0 && Number.isFinite(v), 'a positive number of seconds') ?? 300,
    sharedDedup: optional<SharedDedup>(o, 'sharedDedup', hasMethods('claimKeys'), 'an object with a claimKeys function'),
    assignmentConfig: amplitudeConfig(o, 'assignmentConfig'),
    exposureConfig: amplitudeConfig(o, 'exposureConfig'),
    clock: optional<Clock>(o, 'clock', hasMethods('now'), 'an object with a now function'),
    scheduler: optional<Scheduler>(o, 'scheduler', hasMethods('setTimeout', 'setInterval'), 'an object with setTimeout and setInterval functions'),
    odp: resolveOdpOptions(o['odp']),
    cohortSyncConfig: resolveCohortSyncConfig(o['cohortSyncConfig']),
    server,
    remoteFetch,
  };
}
