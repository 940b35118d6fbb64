// `createInstance`'s configuration (Optimizely 6's factories, or SDK 5's flat options) as `createClient` options.
import type { Logger } from '@ensign/common';
import { EnsignError, filterLogger } from '@ensign/common';
import type { OdpOptions } from '../../core/odp/odp-options.js';
import { componentOf } from './optimizely-factories.js';
import type { OptimizelyComponent } from './optimizely-factories.js';
import { defaultEntryLogger, optimizelyHandlerLogger, optimizelyLevel } from './vendor-loggers.js';
import type { ClientOptionsDraft, OptionMapper, VendorOptionTable } from './vendor-options.js';
import { booleanOption, numberOption, readVendorOptions, sameOption } from './vendor-options.js';

/** What `createInstance` builds: the client's options, a datafile URL outside the flag server's layout, the logger. */
export interface OptimizelyPlan {
  readonly draft: ClientOptionsDraft;
  /** A `urlTemplate` that is not `<server>/v1/datafiles/%s.json`: polled as given. */
  readonly pollUrl?: string;
  readonly logger: Logger;
  readonly ignored: readonly string[];
}

const VENDOR = 'Optimizely';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string): never => {
  throw new EnsignError('INVALID_OPTIONS', message);
};

/** The Ensign `odp` option `key`, from an Optimizely ODP option holding a number. */
function odpNumber(key: keyof OdpOptions): OptionMapper {
  return (value, draft) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
    draft.odp = { ...draft.odp, [key]: Math.round(value) };
  };
}

const ODP_OPTIONS: VendorOptionTable = {
  vendor: `${VENDOR} ODP`,
  mapped: {
    disabled: (value, draft) => {
      if (typeof value !== 'boolean') return 'expected a boolean';
      draft.odp = { ...draft.odp, disabled: value };
    },
    segmentsCacheSize: odpNumber('segmentsCacheSize'),
    segmentsCacheTimeout: odpNumber('segmentsCacheTimeoutMs'),
    segmentsApiTimeout: odpNumber('segmentsRequestTimeoutMs'),
    eventBatchSize: odpNumber('eventBatchSize'),
    eventFlushInterval: odpNumber('eventFlushIntervalMs'),
    eventQueueSize: odpNumber('eventQueueCapacity'),
  },
  unsupported: ['segmentsCache', 'segmentManager', 'eventApiTimeout', 'eventManager', 'userAgentParser', 'segmentsRequestHandler', 'eventRequestHandler', 'eventRetryConfig'],
};

/** Datafile options (SDK 5's `datafileOptions`, SDK 6's polling config manager). `sdkKey`/`datafile` are read by the plan. */
const DATAFILE_OPTIONS: VendorOptionTable = {
  vendor: VENDOR,
  mapped: {
    updateInterval: numberOption('flagConfigPollingIntervalMillis'),
    autoUpdate: (value) => (value === false ? 'Ensign always follows the flag server (autoUpdate: false is not supported)' : undefined),
  },
  handled: ['sdkKey', 'datafile', 'urlTemplate'],
  unsupported: ['datafileAccessToken', 'customHeaders', 'cache', 'jsonSchemaValidator', 'requestHandler'],
};

const EVENT_PROCESSOR_OPTIONS: VendorOptionTable = {
  vendor: `${VENDOR} event processor`,
  mapped: { batchSize: numberOption('eventBatchSize'), flushInterval: numberOption('eventFlushIntervalMs') },
  // Ensign sends its own event schema to the flag server; an Optimizely (logx) dispatcher cannot be used.
  unsupported: ['eventDispatcher', 'closingEventDispatcher', 'storeTtl', 'eventStore', 'retryOptions', 'failedEventRetryInterval'],
};

const TOP_LEVEL: VendorOptionTable = {
  vendor: VENDOR,
  mapped: {
    eventBatchSize: numberOption('eventBatchSize'),
    eventFlushInterval: numberOption('eventFlushIntervalMs'),
    eventMaxQueueSize: numberOption('eventQueueCapacity'),
    userProfileService: sameOption('userProfileService'),
    userProfileServiceAsync: sameOption('userProfileServiceAsync'),
    defaultDecideOptions: sameOption('defaultDecideOptions'),
    debug: booleanOption('debug'),
  },
  handled: ['datafile', 'sdkKey', 'datafileOptions', 'projectConfigManager', 'eventProcessor', 'odpManager', 'odpOptions', 'logger', 'logLevel'],
  unsupported: [
    'errorHandler', 'errorNotifier', 'eventDispatcher', 'jsonSchemaValidator', 'skipJSONValidation', 'clientEngine', 'clientVersion', 'vuidManager',
    'disposable', 'cmab', 'persistentCacheProvider', 'notificationCenter', 'vuidOptions',
  ],
};

/** The logger of the configuration: SDK 6's `createLogger(...)`, SDK 5's `logger` and `logLevel`, or Ensign's default. */
function loggerOf(config: Readonly<Record<string, unknown>>): Logger {
  const given = config['logger'];
  const logger = componentOf(given);
  const level = optimizelyLevel(config['logLevel']);
  if (logger?.kind === 'logger') {
    const preset = componentOf(logger.config['level'])?.config['level'];
    const handler = optimizelyHandlerLogger(logger.config['logHandler'], 'sdk6') ?? defaultEntryLogger(true);
    return filterLogger(handler, typeof preset === 'string' ? (preset as 'debug') : 'error');
  }
  const handler = optimizelyHandlerLogger(given, 'sdk5');
  if (handler !== undefined) return level === undefined ? handler : filterLogger(handler, level);
  return level === undefined ? defaultEntryLogger(config['debug'] === true) : filterLogger(defaultEntryLogger(true), level);
}

function configManager(config: Readonly<Record<string, unknown>>): OptimizelyComponent {
  const manager = componentOf(config['projectConfigManager']);
  if (manager?.kind !== 'staticConfig' && manager?.kind !== 'pollingConfig') {
    return fail('projectConfigManager must come from createStaticProjectConfigManager or createPollingProjectConfigManager');
  }
  return manager;
}

/** `<server>/v1/datafiles/<key>.json` → `<server>`; null for another layout. */
function serverOf(url: string, sdkKey: string): string | null {
  const suffix = `/v1/datafiles/${encodeURIComponent(sdkKey)}.json`;
  return url.endsWith(suffix) ? url.slice(0, -suffix.length) : null;
}

/**
 * Plans `createInstance(config)`: SDK 6's `projectConfigManager`/`eventProcessor`/`odpManager`/`logger` components
 * or SDK 5's `datafile`/`sdkKey`/`datafileOptions`/`eventBatchSize`... options, as `createClient` options. Options
 * Ensign does not implement are warned about once each and ignored.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when no datafile source is given (neither a datafile nor an SDK key).
 * @example
 * planOptimizelyInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile }) }).draft.datafile;
 */
export function planOptimizelyInstance(input: unknown): OptimizelyPlan {
  if (!isObject(input)) return fail('createInstance needs a configuration object');
  const config = input;
  const logger = loggerOf(config);
  const top = readVendorOptions(TOP_LEVEL, config, logger);
  const draft: ClientOptionsDraft = { ...top.draft, logger };
  const ignored = [...top.ignored];
  const read = (table: VendorOptionTable, options: unknown) => {
    if (!isObject(options)) return;
    const result = readVendorOptions(table, options, logger);
    Object.assign(draft, { ...result.draft, odp: { ...draft.odp, ...result.draft.odp } });
    if (draft.odp !== undefined && Object.keys(draft.odp).length === 0) delete draft.odp;
    ignored.push(...result.ignored);
  };

  const sdk6 = config['projectConfigManager'] !== undefined;
  let source: Readonly<Record<string, unknown>>;
  if (sdk6) {
    const manager = configManager(config);
    source = manager.config;
    read(DATAFILE_OPTIONS, source);
    // Optimizely 6 sends events and uses ODP only when given an event processor and an ODP manager.
    const events = componentOf(config['eventProcessor']);
    if (events?.kind === 'batchEvents') read(EVENT_PROCESSOR_OPTIONS, events.config);
    else if (events?.kind === 'forwardingEvents') draft.eventBatchSize = 1;
    else draft.events = false;
    const odp = componentOf(config['odpManager']);
    if (odp?.kind === 'odp') read(ODP_OPTIONS, odp.config);
    else draft.odp = { disabled: true };
  } else {
    source = config;
    read(DATAFILE_OPTIONS, config['datafileOptions']);
    read(ODP_OPTIONS, config['odpOptions']);
  }
  const options = isObject(config['datafileOptions']) ? config['datafileOptions'] : source;
  const datafile = source['datafile'] as string | object | undefined;
  const sdkKey = source['sdkKey'];
  const urlTemplate = options['urlTemplate'];
  if (typeof sdkKey !== 'string' || sdkKey.trim() === '') {
    if (datafile === undefined) return fail('createInstance needs a datafile or an sdkKey');
    draft.datafile = datafile;
    return { draft, logger, ignored };
  }
  draft.sdkKey = sdkKey;
  if (typeof urlTemplate !== 'string') {
    draft.serverZone = 'us';
    if (datafile !== undefined) draft.bootstrap = datafile;
    return { draft, logger, ignored };
  }
  const url = urlTemplate.replace('%s', encodeURIComponent(sdkKey));
  const server = serverOf(url, sdkKey);
  if (server === null) {
    if (datafile !== undefined) draft.bootstrap = datafile;
    return { draft, pollUrl: url, logger, ignored };
  }
  draft.serverUrl = server;
  if (datafile !== undefined) draft.bootstrap = datafile;
  return { draft, logger, ignored };
}
