// The vendor entries' option tables: each vendor option Ensign implements lands on the matching createClient option
// (in Ensign's units), each other option is warned about exactly once and ignored, and createClient itself stays strict.
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { describe, expect, it, vi } from 'vitest';
import { exampleDatafile, resolveOptions } from '../client.js';
import {
  createBatchEventProcessor,
  createForwardingEventProcessor,
  createLogger,
  createOdpManager,
  createPollingProjectConfigManager,
  createStaticProjectConfigManager,
  INFO,
  planAmplitudeClient,
  planLaunchDarklyInit,
  planOptimizelyInstance,
} from '../../src/vendor-entries.js';

const warnings = (logger: ReturnType<typeof createRecordingLogger>) => logger.lines.filter((r) => r.level === 'warn').map((r) => r.message);

describe('LaunchDarkly init options', () => {
  it('maps every implemented option onto createClient, seconds becoming milliseconds', () => {
    const logger = createRecordingLogger();
    const hook = { getMetadata: () => ({ name: 'audit' }) };
    const plan = planLaunchDarklyInit('sdk-key-1', {
      logger,
      stream: false,
      baseUri: 'http://127.0.0.1:8080/',
      eventsUri: 'http://127.0.0.1:9090',
      capacity: 500,
      flushInterval: 2,
      pollInterval: 45,
      timeout: 3,
      privateAttributes: ['email'],
      allAttributesPrivate: true,
      contextKeysCapacity: 50,
      contextKeysFlushInterval: 60,
      sendEvents: true,
      diagnosticOptOut: true,
      hooks: [hook],
    });
    expect(plan.draft).toMatchObject({
      sdkKey: 'sdk-key-1',
      streaming: false,
      serverUrl: 'http://127.0.0.1:8080',
      eventsUrl: 'http://127.0.0.1:9090/v1/events/bulk',
      eventQueueCapacity: 500,
      eventFlushIntervalMs: 2_000,
      flagConfigPollingIntervalMillis: 45_000,
      eventRequestTimeoutMs: 3_000,
      privateAttributes: ['email'],
      allAttributesPrivate: true,
      contextKeysCapacity: 50,
      contextKeysFlushInterval: 60,
      events: true,
      hooks: [hook],
    });
    expect(plan.ignored).toEqual([]);
    expect(warnings(logger)).toEqual([]);
    expect(() => resolveOptions(plan.draft)).not.toThrow();
  });

  it('streams by default, from streamUri when there is no baseUri, and from serverZone us without either', () => {
    expect(planLaunchDarklyInit('k', { streamUri: 'http://127.0.0.1:1/' }).draft).toMatchObject({ streaming: true, serverUrl: 'http://127.0.0.1:1' });
    expect(planLaunchDarklyInit('k', {}).draft).toMatchObject({ streaming: true, serverZone: 'us' });
  });

  it('warns once about each option it does not implement, an unknown one, a wrong type and a second server, and ignores them', () => {
    const logger = createRecordingLogger();
    const plan = planLaunchDarklyInit('k', {
      logger,
      proxyOptions: { host: 'proxy' },
      bogusOption: 1,
      capacity: 'many',
      baseUri: 'http://127.0.0.1:1',
      streamUri: 'http://127.0.0.1:2',
    });
    expect(plan.ignored).toEqual(['proxyOptions', 'bogusOption', 'capacity', 'streamUri']);
    expect(warnings(logger)).toEqual([
      'LaunchDarkly option "proxyOptions" ignored: not supported by Ensign',
      'Ignoring unknown config option "bogusOption"',
      'LaunchDarkly option "capacity" ignored: expected a number, got a string',
      'LaunchDarkly option "streamUri" ignored: Ensign reads datafiles and their stream from one flag server (baseUri)',
    ]);
    expect(plan.draft).not.toHaveProperty('eventQueueCapacity');
  });

  it('takes no network and no events offline', () => {
    const plan = planLaunchDarklyInit('k', { offline: true, baseUri: 'http://127.0.0.1:1', eventsUri: 'http://127.0.0.1:1' });
    expect(plan.offline).toBe(true);
    expect(plan.draft).toMatchObject({ events: false });
    expect(plan.draft).not.toHaveProperty('serverUrl');
    expect(plan.draft).not.toHaveProperty('eventsUrl');
  });

  it('keeps createClient strict: the same unknown option throws there', () => {
    expect(() => resolveOptions({ datafile: exampleDatafile, bogusOption: 1 })).toThrow('unknown option "bogusOption"');
  });
});

describe('Optimizely createInstance configuration', () => {
  it('reads Optimizely 6 factories: a static datafile, batched events, ODP and a logger', () => {
    const logged: [number, string][] = [];
    const plan = planOptimizelyInstance({
      projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(exampleDatafile) }),
      eventProcessor: createBatchEventProcessor({ batchSize: 20, flushInterval: 2_000 }),
      odpManager: createOdpManager({ segmentsCacheSize: 5, segmentsCacheTimeout: 60_000 }),
      logger: createLogger({ level: INFO, logHandler: { log: (level: number, message: string) => logged.push([level, message]) } }),
      defaultDecideOptions: ['INCLUDE_REASONS'],
      clientEngine: 'node-sdk',
    });
    expect(plan.draft).toMatchObject({ datafile: JSON.stringify(exampleDatafile), eventBatchSize: 20, eventFlushIntervalMs: 2_000, odp: { segmentsCacheSize: 5, segmentsCacheTimeoutMs: 60_000 }, defaultDecideOptions: ['INCLUDE_REASONS'] });
    expect(plan.draft).not.toHaveProperty('events');
    // Warnings go through the logHandler, with Optimizely 6's numbering (Warn = 2).
    expect(logged).toEqual([[2, 'Optimizely option "clientEngine" ignored: not supported by Ensign']]);
    expect(() => resolveOptions(plan.draft)).not.toThrow();
  });

  it('sends no events and turns ODP off without an event processor or an ODP manager, as Optimizely 6', () => {
    const plan = planOptimizelyInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: '{}' }) });
    expect(plan.draft).toMatchObject({ events: false, odp: { disabled: true } });
    expect(planOptimizelyInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: '{}' }), eventProcessor: createForwardingEventProcessor() }).draft).toMatchObject({ eventBatchSize: 1 });
  });

  it('polls the flag server given by urlTemplate, starting from the given datafile, at updateInterval', () => {
    const plan = planOptimizelyInstance({
      projectConfigManager: createPollingProjectConfigManager({ sdkKey: 'key-1', datafile: '{"a":1}', updateInterval: 5_000, urlTemplate: 'http://127.0.0.1:8080/v1/datafiles/%s.json' }),
    });
    expect(plan.draft).toMatchObject({ sdkKey: 'key-1', serverUrl: 'http://127.0.0.1:8080', bootstrap: '{"a":1}', flagConfigPollingIntervalMillis: 5_000 });
    expect(plan.pollUrl).toBeUndefined();
    const other = planOptimizelyInstance({ projectConfigManager: createPollingProjectConfigManager({ sdkKey: 'key-1', urlTemplate: 'http://127.0.0.1:8080/cdn/%s' }) });
    expect(other.pollUrl).toBe('http://127.0.0.1:8080/cdn/key-1');
    expect(planOptimizelyInstance({ projectConfigManager: createPollingProjectConfigManager({ sdkKey: 'key-1' }) }).draft).toMatchObject({ serverZone: 'us' });
  });

  it("reads SDK 5's flat options, logLevel filtering the logger", () => {
    const lines: string[] = [];
    const plan = planOptimizelyInstance({
      sdkKey: 'key-2',
      datafileOptions: { autoUpdate: true, updateInterval: 10_000, urlTemplate: 'http://127.0.0.1:1/v1/datafiles/%s.json', datafileAccessToken: 'secret' },
      eventBatchSize: 7,
      eventFlushInterval: 500,
      eventMaxQueueSize: 99,
      odpOptions: { disabled: true },
      logLevel: 'warn',
      logger: { log: (_level: number, message: string) => lines.push(message) },
    });
    expect(plan.draft).toMatchObject({ sdkKey: 'key-2', serverUrl: 'http://127.0.0.1:1', flagConfigPollingIntervalMillis: 10_000, eventBatchSize: 7, eventFlushIntervalMs: 500, eventQueueCapacity: 99, odp: { disabled: true } });
    expect(plan.draft).not.toHaveProperty('events');
    expect(lines).toEqual(['Optimizely option "datafileAccessToken" ignored: not supported by Ensign']);
  });

  it('warns that autoUpdate: false is not supported, once', () => {
    const logger = createRecordingLogger();
    planOptimizelyInstance({ logger, sdkKey: 'k', datafileOptions: { autoUpdate: false } });
    expect(warnings(logger)).toEqual(['Optimizely option "autoUpdate" ignored: Ensign always follows the flag server (autoUpdate: false is not supported)']);
  });

  it('refuses a configuration without a datafile source, and a config manager it did not make', () => {
    expect(() => planOptimizelyInstance({})).toThrow('createInstance needs a datafile or an sdkKey');
    expect(() => planOptimizelyInstance({ projectConfigManager: { datafile: '{}' } })).toThrow('projectConfigManager must come from');
  });
});

describe('Amplitude initializeLocal / initializeRemote config', () => {
  it('maps serverZone, serverUrl, polling, fetch, assignment, exposure and streaming options', () => {
    const same = {
      flagConfigPollingIntervalMillis: 5_000,
      fetchTimeoutMillis: 1_000,
      fetchRetries: 2,
      fetchRetryBackoffMinMillis: 10,
      fetchRetryBackoffMaxMillis: 100,
      fetchRetryBackoffScalar: 2,
      fetchRetryTimeoutMillis: 500,
      assignmentConfig: { apiKey: 'a', cacheCapacity: 10 },
      exposureConfig: { apiKey: 'e' },
      cohortSyncConfig: { apiKey: 'c', secretKey: 's', cohortPollingIntervalMillis: 60_000 },
    };
    const plan = planAmplitudeClient('deployment-1', { ...same, serverZone: 'EU', streamUpdates: true });
    expect(plan.draft).toMatchObject({ ...same, sdkKey: 'deployment-1', serverZone: 'eu', streaming: true });
    expect(plan.ignored).toEqual([]);
    expect(() => resolveOptions(plan.draft)).not.toThrow();
    expect(planAmplitudeClient('d', {}).draft).toMatchObject({ serverZone: 'us', events: false });
    expect(plan.draft).not.toHaveProperty('events');
  });

  it('warns once through loggerProvider about each option it does not implement, and logLevel Disable silences it', () => {
    const lines: string[] = [];
    const provider = { verbose() {}, debug() {}, info() {}, warn: (m: string) => lines.push(m), error() {} };
    const plan = planAmplitudeClient('d', { loggerProvider: provider, httpAgent: {}, instanceName: 'x', somethingElse: true });
    expect(plan.ignored).toEqual(['httpAgent', 'instanceName', 'somethingElse']);
    expect(lines).toEqual([
      'Amplitude option "httpAgent" ignored: not supported by Ensign',
      'Amplitude option "instanceName" ignored: not supported by Ensign',
      'Amplitude option "somethingElse" ignored: unknown config option (a boolean)',
    ]);
    lines.length = 0;
    planAmplitudeClient('d', { loggerProvider: provider, logLevel: 0, httpAgent: {} });
    expect(lines).toEqual([]);
    const { ignored } = planAmplitudeClient('d', { loggerProvider: provider, bootstrap: {}, streamFlagConnTimeoutMillis: 1_500 });
    expect(ignored).toEqual(['bootstrap', 'streamFlagConnTimeoutMillis']);
    const debugLines: string[] = [];
    planAmplitudeClient('d', { debug: true, loggerProvider: { ...provider, debug: (m: string) => debugLines.push(m) } }).logger.debug('shown at debug');
    planAmplitudeClient('d', { loggerProvider: { ...provider, debug: (m: string) => debugLines.push(m) } }).logger.debug('hidden');
    expect(debugLines).toEqual(['shown at debug']);
  });
});

describe('every entry', () => {
  it("writes to the console at warn without a logger (Ensign's default; the vendors' defaults differ)", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      planLaunchDarklyInit('k', { proxyOptions: {} });
      planOptimizelyInstance({ datafile: '{}', eventDispatcher: {} });
      planAmplitudeClient('d', { streamServerUrl: 'http://127.0.0.1:2', serverUrl: 'http://127.0.0.1:1' });
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        '[ensign] LaunchDarkly option "proxyOptions" ignored: not supported by Ensign',
        '[ensign] Optimizely option "eventDispatcher" ignored: not supported by Ensign',
        '[ensign] Amplitude option "streamServerUrl" ignored: Ensign streams from the flag server it polls (serverUrl)',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("takes LaunchDarkly's updateProcessor only when it is an Ensign datafile source", () => {
    const logger = createRecordingLogger();
    const source = { kind: 'test', start() {}, close() {} };
    expect(planLaunchDarklyInit('k', { logger, updateProcessor: source }).draft.datafileSource).toBe(source);
    expect(planLaunchDarklyInit('k', { logger, updateProcessor: () => ({}) }).ignored).toEqual(['updateProcessor']);
    expect(warnings(logger)).toEqual(["LaunchDarkly option \"updateProcessor\" ignored: not an Ensign datafile source (LaunchDarkly's data source factories are not supported)"]);
  });
});
