// `init(sdkKey, options)`'s LaunchDarkly options as `createClient` options.
import type { DatafileSource, Logger } from '@ensign/common';
import { isLogger } from '@ensign/common';
import { defaultEntryLogger } from './vendor-loggers.js';
import type { ClientOptionsDraft, VendorOptionTable } from './vendor-options.js';
import { booleanOption, NEVER_SOURCE, numberOption, readVendorOptions, sameOption, urlOption } from './vendor-options.js';

/** What `init` builds. */
export interface LaunchDarklyPlan {
  readonly draft: ClientOptionsDraft;
  readonly logger: Logger;
  /** `offline: true`: no network, every call answers its default, `initialized()` is true. */
  readonly offline: boolean;
  readonly ignored: readonly string[];
}

const isSource = (v: unknown): v is DatafileSource =>
  typeof v === 'object' && v !== null && typeof (v as DatafileSource).start === 'function' && typeof (v as DatafileSource).close === 'function';

const OPTIONS: VendorOptionTable = {
  vendor: 'LaunchDarkly',
  mapped: {
    stream: booleanOption('streaming'),
    baseUri: urlOption('serverUrl'),
    // Events go to the flag server's ingest path under eventsUri, as they do under baseUri by default.
    eventsUri: (value, draft) => {
      if (typeof value !== 'string' || value.trim() === '') return 'expected a URL';
      draft.eventsUrl = `${value.replace(/\/+$/, '')}/v1/events/bulk`;
    },
    capacity: numberOption('eventQueueCapacity'),
    flushInterval: numberOption('eventFlushIntervalMs', 1_000),
    pollInterval: numberOption('flagConfigPollingIntervalMillis', 1_000),
    timeout: numberOption('eventRequestTimeoutMs', 1_000),
    privateAttributes: sameOption('privateAttributes'),
    allAttributesPrivate: booleanOption('allAttributesPrivate'),
    contextKeysCapacity: numberOption('contextKeysCapacity'),
    contextKeysFlushInterval: sameOption('contextKeysFlushInterval'),
    sendEvents: booleanOption('events'),
    hooks: sameOption('hooks'),
    updateProcessor: (value, draft) => {
      // Ensign's data sources (`createTestData()` from the testing subpath, or your own) plug in here.
      const source = typeof value === 'function' ? (value as () => unknown)() : value;
      if (!isSource(source)) return "not an Ensign datafile source (LaunchDarkly's data source factories are not supported)";
      draft.datafileSource = source;
    },
  },
  handled: ['logger', 'offline', 'streamUri'],
  // Ensign sends no diagnostic events: opting out changes nothing.
  noEffect: ['diagnosticOptOut', 'diagnosticRecordingInterval'],
  unsupported: [
    'featureStore', 'bigSegments', 'proxyOptions', 'tlsParams', 'useLdd', 'streamInitialReconnectDelay', 'wrapperName', 'wrapperVersion',
    'application', 'payloadFilterKey', 'enableEventCompression', 'dataSystem', 'plugins', 'streamingInitialReconnectDelay',
  ],
  unknownWarning: (name) => `Ignoring unknown config option "${name}"`,
};

/**
 * Plans `init(sdkKey, options)`: LaunchDarkly's option names and units (seconds) as `createClient` options. The
 * datafile comes from your flag server at `baseUri` (or `streamUri`; `serverZone` `us` without either), streamed
 * unless `stream: false`; from `updateProcessor` when it is an Ensign datafile source; from nowhere with `offline`.
 *
 * @example
 * planLaunchDarklyInit('sdk-key', { baseUri: 'http://127.0.0.1:8080', flushInterval: 2 }).draft.eventFlushIntervalMs; // 2000
 */
export function planLaunchDarklyInit(sdkKey: unknown, input: unknown): LaunchDarklyPlan {
  const options = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const logger = isLogger(options['logger']) ? options['logger'] : defaultEntryLogger(false);
  const read = readVendorOptions(OPTIONS, options, logger);
  const draft: ClientOptionsDraft = { ...read.draft, logger };
  const ignored = [...read.ignored];
  if (typeof sdkKey === 'string' && sdkKey.trim() !== '') draft.sdkKey = sdkKey;
  const offline = options['offline'] === true;
  const streamUri = typeof options['streamUri'] === 'string' ? options['streamUri'].replace(/\/+$/, '') : undefined;
  if (offline) {
    draft.datafileSource = NEVER_SOURCE;
    draft.events = false;
    for (const key of ['serverUrl', 'streaming', 'flagConfigPollingIntervalMillis', 'eventsUrl'] as const) delete draft[key];
  } else if (draft.datafileSource !== undefined) {
    delete draft.streaming;
  } else {
    if (draft.serverUrl === undefined && streamUri !== undefined) draft.serverUrl = streamUri;
    else if (streamUri !== undefined && streamUri !== draft.serverUrl) {
      ignored.push('streamUri');
      logger.warn('LaunchDarkly option "streamUri" ignored: Ensign reads datafiles and their stream from one flag server (baseUri)');
    }
    if (draft.serverUrl === undefined) draft.serverZone = 'us';
    draft.streaming = draft.streaming ?? true;
  }
  return { draft, logger, offline, ignored };
}
