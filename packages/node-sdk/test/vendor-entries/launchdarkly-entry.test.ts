// `@ensign/node-sdk/launchdarkly`: LaunchDarkly's Node quick start runs after changing the import line, against a
// flag server on 127.0.0.1 (streaming, as LaunchDarkly's default); answers are promises (and callbacks);
// waitForInitialization rejects on timeout and on failure; offline, updateProcessor, events, unknown options.
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from '../../src/examples.js';
import { createClient } from '../../src/index.js';
import { basicLogger, init } from '../../src/launchdarkly.js';
import type { LDClient } from '../../src/launchdarkly.js';
import { createTestData } from '../../src/testing.js';
import type { FlagServerStub } from './flag-server-stub.js';
import { closedPort, startFlagServerStub, useCleanup } from './flag-server-stub.js';

const SDK_KEY = 'sdk-launchdarkly-entry-0001';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const context = { kind: 'user', key: 'user-beta-1', email: 'beta@example.com' };
const { stubs, closers } = useCleanup();

async function server(): Promise<FlagServerStub> {
  const stub = await startFlagServerStub({ sdkKey: SDK_KEY, datafile: exampleDatafile });
  stubs.push(stub);
  return stub;
}

function track(client: LDClient): LDClient {
  closers.push(() => client.ensign.close());
  return client;
}

const waitFor = (client: LDClient, event: string) =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" event`)), 5_000);
    client.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });

describe('LaunchDarkly quick start through @ensign/node-sdk/launchdarkly', () => {
  it('streams flags from the flag server and answers with promises, as LaunchDarkly', async () => {
    const flags = await server();
    const reference = createClient({ datafile: exampleDatafile, logger: quiet, events: false });
    // The vendor's quick start; baseUri, streamUri and eventsUri name the flag server (as for a Relay Proxy).
    const client = track(init(SDK_KEY, { baseUri: flags.url, streamUri: flags.url, eventsUri: flags.url, logger: quiet }));
    const ready = waitFor(client, 'ready');
    expect(await client.waitForInitialization({ timeout: 10 })).toBe(client);
    await ready;
    const flagValue = client.variation('dark-mode', context, false);
    expect(flagValue).toBeInstanceOf(Promise);
    expect(await flagValue).toBe(reference.variation('dark-mode', context, false));
    expect(await client.variationDetail('dark-mode', context, false)).toEqual(reference.variationDetail('dark-mode', context, false));
    expect(await client.boolVariation('dark-mode', context, false)).toBe(true);
    expect(await client.numberVariation('max-cart-items', context, 20)).toBe(reference.numberVariation('max-cart-items', context, 20));
    expect(await client.stringVariationDetail('onboarding-tour', context, 'none')).toEqual(reference.stringVariationDetail('onboarding-tour', context, 'none'));
    expect((await client.allFlagsState(context, { withReasons: true })).toJSON()).toEqual(reference.allFlagsState(context, { withReasons: true }).toJSON());
    const viaCallback = await new Promise((resolve) => void client.variation('dark-mode', context, false, (err, value) => resolve([err, value])));
    expect(viaCallback).toEqual([null, true]);
    expect(client.initialized()).toBe(true);
    expect(client.isOffline()).toBe(false);
    expect(await client.variationDetail('dark-mode', context, false)).toHaveProperty('revision', exampleDatafile.revision);
    expect('secureModeHash' in client).toBe(false);
    client.track('purchase', context, { sku: 'a-1' }, 19.99);
    client.identify(context);
    const flushed = await new Promise((resolve) => void client.flush((err, res) => resolve([err, res])));
    expect(flushed).toEqual([null, true]);
    // close() delivers what is queued (LaunchDarkly's drops it); client.ensign.close() waits for it.
    client.track('refund', context);
    client.close();
    await client.ensign.close();
    expect(flags.requests.filter((r) => r.path === '/v1/events/bulk').map((r) => r.body).join('\n')).toContain('refund');
    // Streamed, as LaunchDarkly's default: the stream delivered the datafile, no poll was needed.
    expect(client.ensign.getStatus().source).toBe('streaming');
    expect(flags.requests.some((r) => r.path === `/v1/datafiles/${SDK_KEY}.json`)).toBe(false);
    expect(flags.requests.filter((r) => r.path === '/v1/events/bulk').map((r) => r.body).join('\n')).toContain('purchase');
    await reference.close();
  });

  it('polls instead with stream: false, and emits update and update:<key> for a new datafile', async () => {
    const flags = await server();
    const td = createTestData();
    td.update(td.flag('beta-banner').booleanFlag().fallthroughVariation(false));
    td.update(td.flag('unchanged').booleanFlag().fallthroughVariation(false));
    const client = track(init(SDK_KEY, { updateProcessor: td, logger: quiet }));
    await client.waitForInitialization({ timeout: 5 });
    const updated = waitFor(client, 'update:beta-banner');
    const keys: unknown[] = [];
    client.on('update', (payload) => keys.push(payload));
    td.update(td.flag('beta-banner').variationForAll(true));
    expect(await updated).toEqual({ key: 'beta-banner' });
    // Unlike LaunchDarkly, every flag of the new datafile is reported, changed or not.
    expect(keys).toEqual([{ key: 'beta-banner' }, { key: 'unchanged' }]);
    expect(await client.boolVariation('beta-banner', context, false)).toBe(true);

    const polling = track(init(SDK_KEY, { baseUri: flags.url, stream: false, logger: quiet }));
    await polling.waitForInitialization({ timeout: 10 });
    expect(await polling.boolVariation('dark-mode', context, false)).toBe(true);
    expect(flags.requests.some((r) => r.path === `/v1/stream/${SDK_KEY}`)).toBe(false);
  });
});

describe('LaunchDarkly events from the stream', () => {
  it('emits update:<key> for a datafile patched over the stream, and error for one the client refuses', async () => {
    const flags = await server();
    const client = track(init(SDK_KEY, { baseUri: flags.url, logger: quiet }));
    await client.waitForInitialization({ timeout: 10 });
    const updated = waitFor(client, 'update:dark-mode');
    flags.publish({ ...exampleDatafile, revision: `${exampleDatafile.revision}-2` });
    expect(await updated).toEqual({ key: 'dark-mode' });
    const failed = waitFor(client, 'error');
    flags.publish({ revision: 'broken', schemaVersion: 99 } as never);
    expect(await failed).toBeInstanceOf(Error);
    expect(await client.boolVariation('dark-mode', context, false)).toBe(true);
  });
});

describe('waitForInitialization rejects as LaunchDarkly', () => {
  it('rejects with a LaunchDarklyTimeoutError after timeout seconds when the server cannot be reached', async () => {
    const logger = createRecordingLogger();
    const client = track(init(SDK_KEY, { baseUri: await closedPort(), stream: false, logger }));
    const error = await client.waitForInitialization({ timeout: 0.2 }).then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error?.name).toBe('LaunchDarklyTimeoutError');
    expect(error?.message).toBe('waitForInitialization timed out after 0.2 seconds.');
    expect(logger.lines.some((l) => l.level === 'error' && l.message === 'waitForInitialization timed out after 0.2 seconds.')).toBe(true);
    expect(client.initialized()).toBe(false);
    expect(await client.variationDetail('dark-mode', context, false)).toMatchObject({ value: false, reason: { kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' } });
  });

  it('keeps retrying an SDK key the server refuses (401) until the timeout, where LaunchDarkly fails at once', async () => {
    const flags = await server();
    const client = track(init('sdk-unknown-key', { baseUri: flags.url, stream: false, logger: quiet }));
    const error = await client.waitForInitialization({ timeout: 0.3 }).then(() => null, (e: Error) => e);
    expect(error?.name).toBe('LaunchDarklyTimeoutError');
    expect(flags.requests.some((r) => r.path === '/v1/datafiles/sdk-unknown-key.json')).toBe(true);
  });

  it('rejects, and emits failed, when the first datafile is refused', async () => {
    const stub = await startFlagServerStub({ sdkKey: SDK_KEY, datafile: '{"schemaVersion": 1}' });
    stubs.push(stub);
    const client = track(init(SDK_KEY, { baseUri: stub.url, stream: false, logger: quiet }));
    const failed = waitFor(client, 'failed');
    await expect(client.waitForInitialization({ timeout: 10 })).rejects.toThrow(/datafile/);
    expect(await failed).toBeInstanceOf(Error);
  });
});

describe('offline, options and logging', () => {
  it('offline: initialized, no network, every call answers its default', async () => {
    const logger = createRecordingLogger();
    const client = track(init(SDK_KEY, { offline: true, baseUri: await closedPort(), logger }));
    expect(await client.waitForInitialization({ timeout: 1 })).toBe(client);
    expect(client.initialized()).toBe(true);
    expect(client.isOffline()).toBe(true);
    expect(await client.variationDetail('dark-mode', context, 'd')).toMatchObject({ value: 'd', variationIndex: null, reason: { kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' } });
    expect((await client.allFlagsState(context)).toJSON()).toEqual({ $flagsState: {}, $valid: false });
    // Ensign warns (rate-limited) that the client has no datafile.
    expect(logger.lines.filter((l) => l.level === 'warn' && l.message.includes('before the client is ready')).length).toBeGreaterThan(0);
  });

  it('warns once about each option it does not implement, through basicLogger, as LaunchDarkly does', async () => {
    const lines: string[] = [];
    const logger = basicLogger({ level: 'warn', destination: (line) => lines.push(line) });
    const client = track(init(SDK_KEY, { offline: true, logger, proxyOptions: { host: 'proxy' }, bogusOption: 1, diagnosticOptOut: true }));
    await client.waitForInitialization({ timeout: 1 });
    for (let i = 0; i < 3; i++) await client.variation('dark-mode', context, false);
    expect(lines.filter((l) => /ignored|Ignoring/.test(l))).toEqual([
      'warn: [LaunchDarkly] LaunchDarkly option "proxyOptions" ignored: not supported by Ensign',
      'warn: [LaunchDarkly] Ignoring unknown config option "bogusOption"',
    ]);
  });

  it('basicLogger writes at its level and above, named', () => {
    const lines: string[] = [];
    const logger = basicLogger({ level: 'info', name: 'shop', destination: (line) => lines.push(line) });
    logger.debug('hidden');
    logger.info('shown', 1);
    logger.error('bad');
    expect(lines).toEqual(['info: [shop] shown 1', 'error: [shop] bad']);
  });
});
