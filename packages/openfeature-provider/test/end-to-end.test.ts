// The provider through the OpenFeature API, as an application uses it: setProviderAndWait, getClient, details,
// a flag changed while running, tracking, and OpenFeature.close flushing the events.
import { createClient, silentLogger } from '@ensign/node-sdk';
import { createTestData } from '@ensign/node-sdk/testing';
import { OpenFeature, ProviderEvents, StandardResolutionReasons } from '@openfeature/server-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { EnsignProvider } from '../src/index.js';
import { memoryDispatcher } from './helpers.js';

afterEach(async () => {
  await OpenFeature.close();
  OpenFeature.clearHandlers();
});

describe('EnsignProvider through OpenFeature', () => {
  it('answers getBooleanDetails with value, variant, reason and flag metadata, follows updates and flushes on close', async () => {
    const td = createTestData();
    await td.update(td.flag('dark-mode').variationForUser('user-beta', true).fallthroughVariation(false));
    const dispatcher = memoryDispatcher();
    const client = createClient({ datafileSource: td, logger: silentLogger, eventDispatcher: dispatcher });
    await OpenFeature.setProviderAndWait(new EnsignProvider(client));
    const flags = OpenFeature.getClient();

    expect(await flags.getBooleanDetails('dark-mode', false, { targetingKey: 'user-beta' })).toEqual({
      flagKey: 'dark-mode',
      value: true,
      variant: '0',
      reason: StandardResolutionReasons.TARGETING_MATCH,
      flagMetadata: { revision: '1', variationIndex: 0 },
    });
    expect(await flags.getBooleanValue('dark-mode', true, { targetingKey: 'someone' })).toBe(false);

    const changed = new Promise((resolve) => flags.addHandler(ProviderEvents.ConfigurationChanged, resolve));
    await td.update(td.flag('dark-mode').variationForAll(true));
    await changed;
    expect(await flags.getBooleanValue('dark-mode', false, { targetingKey: 'someone' })).toBe(true);

    const missing = await flags.getStringDetails('no-such-flag', 'fallback', { targetingKey: 'someone' });
    expect(missing).toMatchObject({ value: 'fallback', errorCode: 'FLAG_NOT_FOUND', reason: StandardResolutionReasons.ERROR });

    flags.track('signed-up', { targetingKey: 'someone' }, { value: 1 });
    expect(dispatcher.events()).toHaveLength(0);
    await OpenFeature.close();
    const kinds = dispatcher.events().map((e) => e.kind);
    expect(kinds).toContain('conversion');
    await client.close();
  });

  it('makes and closes its own client from client options', async () => {
    const td = createTestData();
    await td.update(td.flag('banner').valueForAll('hello'));
    const provider = new EnsignProvider({ datafileSource: td, logger: silentLogger });
    await OpenFeature.setProviderAndWait(provider);
    expect(await OpenFeature.getClient().getStringValue('banner', '', { targetingKey: 'u' })).toBe('hello');
    await OpenFeature.close();
    expect(provider.getClient().getStatus().closed).toBe(true);
  });
});
