// `@ensign/node-sdk/optimizely`: Optimizely's own quick starts (SDK 6's factories, SDK 5's flat options) run after
// changing the import line, against a datafile on disk and against a flag server on 127.0.0.1; onReady rejects as
// Optimizely 6's does; an option Ensign does not implement is warned about once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from '../../src/examples.js';
import { createClient } from '../../src/index.js';
import {
  createBatchEventProcessor,
  createInstance,
  createLogger,
  createOdpManager,
  createPollingProjectConfigManager,
  createStaticProjectConfigManager,
  INFO,
  NOTIFICATION_TYPES,
  OptimizelyDecideOption,
} from '../../src/optimizely.js';
import { closedPort, startFlagServerStub, useCleanup } from './flag-server-stub.js';

const SDK_KEY = 'sdk-optimizely-entry-0001';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const { stubs, closers } = useCleanup();

/** What Ensign's own client decides on the same datafile, for comparison. */
function reference(flagKey: string, userId: string, attributes: Record<string, unknown>) {
  const client = createClient({ datafile: exampleDatafile, logger: quiet, events: false });
  const { variationKey, enabled, variables, ruleKey } = client.createUserContext(userId, attributes).decide(flagKey, [OptimizelyDecideOption.DISABLE_DECISION_EVENT]);
  closers.push(() => client.close());
  return { variationKey, enabled, variables, ruleKey, flagKey };
}

describe('Optimizely 6 quick start through @ensign/node-sdk/optimizely', () => {
  it('polls the flag server for the SDK key, decides, and sends events only through the event processor', async () => {
    const server = await startFlagServerStub({ sdkKey: SDK_KEY, datafile: exampleDatafile });
    stubs.push(server);
    // The vendor's quick start, with urlTemplate naming the flag server.
    const pollingConfigManager = createPollingProjectConfigManager({
      sdkKey: SDK_KEY,
      autoUpdate: true,
      updateInterval: 60000,
      urlTemplate: `${server.url}/v1/datafiles/%s.json`,
    });
    const batchEventProcessor = createBatchEventProcessor();
    const odpManager = createOdpManager();
    const optimizelyClient = createInstance({ projectConfigManager: pollingConfigManager, eventProcessor: batchEventProcessor, odpManager, logger: createLogger({ level: INFO, logHandler: { log() {} } }) });
    await optimizelyClient.onReady();
    const user = optimizelyClient.createUserContext('user-42', { country: 'US', plan: 'pro' });
    const decision = user.decide('checkout-redesign');
    user.trackEvent('purchase', { revenue: 1999 });
    optimizelyClient.track('purchase', 'user-43', { country: 'CA' }); // SDK 5's form
    expect(optimizelyClient.getVuid()).toBeUndefined();
    await optimizelyClient.close();

    expect(decision).toMatchObject(reference('checkout-redesign', 'user-42', { country: 'US', plan: 'pro' }));
    expect(decision.variationKey).not.toBeNull();
    expect(server.requests.some((r) => r.method === 'GET' && r.path === `/v1/datafiles/${SDK_KEY}.json`)).toBe(true);
    const events = server.requests.filter((r) => r.path === '/v1/events/bulk').map((r) => r.body).join('\n');
    expect(events).toContain('checkout-redesign');
    expect(events).toContain('purchase');
    expect(events).toContain('user-43');
  });

  it('sends no events without an event processor, as Optimizely 6', async () => {
    const server = await startFlagServerStub({ sdkKey: SDK_KEY, datafile: exampleDatafile });
    stubs.push(server);
    const optimizelyClient = createInstance({
      projectConfigManager: createPollingProjectConfigManager({ sdkKey: SDK_KEY, urlTemplate: `${server.url}/v1/datafiles/%s.json` }),
      logger: createLogger({ level: INFO, logHandler: { log() {} } }),
    });
    await optimizelyClient.onReady({ timeout: 5_000 });
    optimizelyClient.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign');
    await optimizelyClient.close();
    expect(server.requests.filter((r) => r.path === '/v1/events/bulk')).toEqual([]);
  });

  it('reads a datafile from disk with createStaticProjectConfigManager (SDK 6) and as { datafile } (SDK 5)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensign-optimizely-entry-'));
    try {
      const path = join(dir, 'datafile.json');
      writeFileSync(path, JSON.stringify(exampleDatafile));
      const datafile = readFileSync(path, 'utf8');
      const six = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile }), logger: createLogger({ level: INFO, logHandler: { log() {} } }) });
      const five = createInstance({ datafile, logger: quiet, eventBatchSize: 10, eventFlushInterval: 1000 });
      closers.push(() => six.close(), () => five.close());
      await Promise.all([six.onReady(), five.onReady()]);
      const expected = reference('checkout-redesign', 'user-7', { country: 'DE' });
      expect(six.createUserContext('user-7', { country: 'DE' }).decide('checkout-redesign')).toMatchObject(expected);
      expect(five.createUserContext('user-7', { country: 'DE' }).decide('checkout-redesign')).toMatchObject(expected);
      expect(six.isValidInstance()).toBe(true);
      expect(five.isFeatureEnabled('checkout-redesign', 'user-7', { country: 'DE' })).toBe(expected.enabled);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('polls a urlTemplate outside the flag server layout as given', async () => {
    const server = await startFlagServerStub({ sdkKey: SDK_KEY, datafile: exampleDatafile });
    stubs.push(server);
    const optimizelyClient = createInstance({
      projectConfigManager: createPollingProjectConfigManager({ sdkKey: SDK_KEY, urlTemplate: `${server.url}/v1/datafiles/%s.json?channel=cdn` }),
      logger: createLogger({ level: INFO, logHandler: { log() {} } }),
    });
    closers.push(() => optimizelyClient.close());
    await optimizelyClient.onReady({ timeout: 5_000 });
    expect(optimizelyClient.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign').flagKey).toBe('checkout-redesign');
  });

  it('tells DECISION listeners of the notification center about each decision', async () => {
    const optimizelyClient = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(exampleDatafile) }), logger: createLogger({ level: INFO, logHandler: { log() {} } }) });
    closers.push(() => optimizelyClient.close());
    await optimizelyClient.onReady();
    const seen: unknown[] = [];
    const id = optimizelyClient.notificationCenter.addNotificationListener(NOTIFICATION_TYPES.DECISION, (payload) => seen.push(payload));
    const decision = optimizelyClient.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'flag', userId: 'user-42', decisionInfo: { flagKey: 'checkout-redesign', variationKey: decision.variationKey, enabled: decision.enabled } });
    // The entry's config and notification center are the Optimizely face's own: TRACK is served too.
    expect(optimizelyClient.getOptimizelyConfig()).toEqual(optimizelyClient.ensign.getOptimizelyConfig());
    expect(optimizelyClient.notificationCenter).toBe(optimizelyClient.ensign.notificationCenter);
    const tracked: unknown[] = [];
    const trackId = optimizelyClient.notificationCenter.addNotificationListener(NOTIFICATION_TYPES.TRACK, (payload) => tracked.push(payload));
    expect(trackId).toBeGreaterThan(0);
    optimizelyClient.createUserContext('user-42', { country: 'US' }).trackEvent('purchase');
    expect(tracked).toHaveLength(1);
    expect(optimizelyClient.notificationCenter.removeNotificationListener(id)).toBe(true);
    optimizelyClient.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign');
    expect(seen).toHaveLength(1);
  });
});

describe('OPTIMIZELY_CONFIG_UPDATE', () => {
  it('tells its listeners when a new datafile is polled', async () => {
    const server = await startFlagServerStub({ sdkKey: SDK_KEY, datafile: exampleDatafile });
    stubs.push(server);
    const optimizelyClient = createInstance({
      projectConfigManager: createPollingProjectConfigManager({ sdkKey: SDK_KEY, updateInterval: 1_000, urlTemplate: `${server.url}/v1/datafiles/%s.json` }),
      logger: createLogger({ level: INFO, logHandler: { log() {} } }),
    });
    closers.push(() => optimizelyClient.close());
    await optimizelyClient.onReady({ timeout: 5_000 });
    const updated = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no OPTIMIZELY_CONFIG_UPDATE')), 8_000);
      optimizelyClient.notificationCenter.addNotificationListener(NOTIFICATION_TYPES.OPTIMIZELY_CONFIG_UPDATE, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    server.publish({ ...exampleDatafile, revision: `${exampleDatafile.revision}-2` });
    await updated;
    expect(optimizelyClient.ensign.getStatus().revision).toBe(`${exampleDatafile.revision}-2`);
  });
});

describe('onReady rejects as Optimizely 6', () => {
  it('rejects with "onReady timeout expired after <ms> ms" when the server cannot be reached', async () => {
    const optimizelyClient = createInstance({
      projectConfigManager: createPollingProjectConfigManager({ sdkKey: SDK_KEY, urlTemplate: `${await closedPort()}/v1/datafiles/%s.json` }),
      logger: createLogger({ level: INFO, logHandler: { log() {} } }),
    });
    closers.push(() => optimizelyClient.close());
    await expect(optimizelyClient.onReady({ timeout: 200 })).rejects.toThrow(/^onReady timeout expired after 200 ms$/);
  });

  it('rejects at once with the reason when the datafile is refused', async () => {
    const optimizelyClient = createInstance({ datafile: '{"schemaVersion": 1}', logger: quiet });
    closers.push(() => optimizelyClient.close());
    await expect(optimizelyClient.onReady({ timeout: 5_000 })).rejects.toThrow(/datafile/);
    expect(optimizelyClient.isValidInstance()).toBe(false);
  });

  it("names the converter when given Optimizely's own datafile", async () => {
    const logger = createRecordingLogger();
    const datafile = JSON.stringify({ version: '4', projectId: '1', accountId: '1', revision: '1', featureFlags: [], experiments: [], rollouts: [] });
    const optimizelyClient = createInstance({ datafile, logger });
    closers.push(() => optimizelyClient.close());
    await expect(optimizelyClient.onReady()).rejects.toThrow();
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message).join('\n')).toContain('ensign import optimizely');
  });

  it('rejects with "Instance closed" when closed before it was ready', async () => {
    const optimizelyClient = createInstance({
      projectConfigManager: createPollingProjectConfigManager({ sdkKey: SDK_KEY, urlTemplate: `${await closedPort()}/v1/datafiles/%s.json` }),
      logger: createLogger({ level: INFO, logHandler: { log() {} } }),
    });
    const ready = optimizelyClient.onReady({ timeout: 10_000 });
    await optimizelyClient.close();
    await expect(ready).rejects.toThrow(/^Instance closed$/);
  });
});

describe('options Ensign does not implement', () => {
  it('warns once per option through the logger and ignores it; decisions log nothing more', async () => {
    const lines: [number, string][] = [];
    const optimizelyClient = createInstance({
      projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(exampleDatafile) }),
      logger: createLogger({ level: INFO, logHandler: { log: (level: number, message: string) => lines.push([level, message]) } }),
      clientEngine: 'react-sdk',
      somethingNew: true,
    });
    closers.push(() => optimizelyClient.close());
    await optimizelyClient.onReady();
    for (let i = 0; i < 3; i++) optimizelyClient.createUserContext(`user-${i}`, { country: 'US' }).decide('checkout-redesign');
    expect(lines.filter(([level]) => level === 2).map(([, m]) => m)).toEqual([
      'Optimizely option "clientEngine" ignored: not supported by Ensign',
      'Optimizely option "somethingNew" ignored: unknown config option (a boolean)',
    ]);
  });
});
