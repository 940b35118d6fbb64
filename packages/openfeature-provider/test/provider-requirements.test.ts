// The OpenFeature specification's provider requirements (specification/sections/02-providers.md and 05-events.md),
// one test per requirement the provider implements, named by its number.
import type { DatafileSink } from '@ensign/node-sdk';
import { ErrorCode, OpenFeature, ProviderEvents, StandardResolutionReasons } from '@openfeature/server-sdk';
import type { EvaluationDetails, Hook, ResolutionDetails } from '@openfeature/server-sdk';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { EnsignProvider } from '../src/index.js';
import { quietClient, standardFlags } from './helpers.js';

const logger = { error() {}, warn() {}, info() {}, debug() {} };
const opened: EnsignProvider[] = [];

async function readyProvider(): Promise<{ provider: EnsignProvider; dispatcher: ReturnType<typeof quietClient>['dispatcher'] }> {
  const td = await standardFlags();
  const { client, dispatcher } = quietClient({ datafileSource: td });
  const provider = new EnsignProvider(client);
  opened.push(provider);
  await provider.initialize();
  return { provider, dispatcher };
}

/** A datafile source that pushes only when the test says so. */
function manualSource() {
  let sink: DatafileSink | null = null;
  return { kind: 'manual', start: (s: DatafileSink) => void (sink = s), close() {}, push: (doc: unknown) => sink?.update(doc), fail: (message: string) => sink?.error({ message, retrying: true }) };
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map(async (p) => {
    await p.onClose();
    await p.getClient().close();
  }));
  await OpenFeature.close();
  OpenFeature.clearHandlers();
});

describe('OpenFeature provider requirements', () => {
  it('Requirement 2.1.1: the provider has metadata with a name', async () => {
    const { provider } = await readyProvider();
    expect(provider.metadata.name).toBe('ensign');
  });

  it('Requirement 2.2.1: resolution takes a flag key, a default value and an evaluation context and returns resolution details', async () => {
    const { provider } = await readyProvider();
    const details = await provider.resolveBooleanEvaluation('dark-mode', false, { targetingKey: 'user-beta' }, logger);
    expect(details).toMatchObject({ value: true, reason: StandardResolutionReasons.TARGETING_MATCH });
  });

  it('Requirement 2.2.2.1: there are typed resolution methods for boolean, string, number and structure', async () => {
    const { provider } = await readyProvider();
    expect((await provider.resolveBooleanEvaluation('dark-mode', true, { targetingKey: 'u' }, logger)).value).toBe(false);
    expect((await provider.resolveStringEvaluation('banner', 'x', { targetingKey: 'u', plan: 'pro' }, logger)).value).toBe('Sale');
    expect((await provider.resolveNumberEvaluation('max-items', 0, { kind: 'multi', user: { targetingKey: 'u' }, org: { targetingKey: 'o', tier: 'gold' } }, logger)).value).toBe(50);
    expect((await provider.resolveObjectEvaluation('limits', {}, { targetingKey: 'u' }, logger)).value).toEqual({ perDay: 5, tiers: ['a'] });
  });

  it('Requirement 2.2.3: in normal execution the value is the resolved flag value', async () => {
    const { provider } = await readyProvider();
    expect((await provider.resolveStringEvaluation('banner', 'default', { targetingKey: 'u', plan: 'free' }, logger)).value).toBe('Welcome');
  });

  it('Requirement 2.2.4: in normal execution the variant names the returned value', async () => {
    const { provider } = await readyProvider();
    // Test data keys variations by their index, as LaunchDarkly numbers them.
    expect((await provider.resolveStringEvaluation('banner', 'x', { targetingKey: 'u', plan: 'pro' }, logger)).variant).toBe('1');
    expect((await provider.resolveBooleanEvaluation('dark-mode', true, { targetingKey: 'u' }, logger)).variant).toBe('1');
  });

  it('Requirement 2.2.5: the reason says why: TARGETING_MATCH, DEFAULT, DISABLED, ERROR', async () => {
    const { provider } = await readyProvider();
    const reason = async (key: string, context: Record<string, string>) => (await provider.resolveStringEvaluation(key, 'x', context, logger)).reason;
    expect(await reason('banner', { targetingKey: 'u', plan: 'pro' })).toBe(StandardResolutionReasons.TARGETING_MATCH);
    expect(await reason('banner', { targetingKey: 'u' })).toBe(StandardResolutionReasons.DEFAULT);
    expect((await provider.resolveBooleanEvaluation('killed', true, { targetingKey: 'u' }, logger)).reason).toBe(StandardResolutionReasons.DISABLED);
    expect(await reason('missing', { targetingKey: 'u' })).toBe(StandardResolutionReasons.ERROR);
  });

  it('Requirement 2.2.6: in normal execution no error code is set', async () => {
    const { provider } = await readyProvider();
    const details = await provider.resolveBooleanEvaluation('dark-mode', false, { targetingKey: 'user-beta' }, logger);
    expect(details.errorCode).toBeUndefined();
    const off = await provider.resolveStringEvaluation('no-off-variation', 'fallback', { targetingKey: 'u' }, logger);
    expect(off).toMatchObject({ value: 'fallback', reason: StandardResolutionReasons.DISABLED });
    expect(off.errorCode).toBeUndefined();
  });

  it('Requirement 2.2.7: abnormal execution is reported with an error code: FLAG_NOT_FOUND, TYPE_MISMATCH, TARGETING_KEY_MISSING, INVALID_CONTEXT', async () => {
    const { provider } = await readyProvider();
    expect(await provider.resolveBooleanEvaluation('missing', true, { targetingKey: 'u' }, logger)).toMatchObject({ value: true, errorCode: ErrorCode.FLAG_NOT_FOUND });
    expect(await provider.resolveNumberEvaluation('banner', 7, { targetingKey: 'u' }, logger)).toMatchObject({ value: 7, errorCode: ErrorCode.TYPE_MISMATCH });
    expect(await provider.resolveObjectEvaluation('banner', { a: 1 }, { targetingKey: 'u' }, logger)).toMatchObject({ value: { a: 1 }, errorCode: ErrorCode.TYPE_MISMATCH });
    expect(await provider.resolveBooleanEvaluation('dark-mode', true, {}, logger)).toMatchObject({ value: true, errorCode: ErrorCode.TARGETING_KEY_MISSING });
    expect(await provider.resolveBooleanEvaluation('dark-mode', true, { targetingKey: 'u', kind: 'not a kind!' }, logger)).toMatchObject({ value: true, errorCode: ErrorCode.INVALID_CONTEXT });
  });

  it('Requirement 2.2.7: a quarantined (unparseable) flag answers PARSE_ERROR and a provider without a datafile PROVIDER_NOT_READY', async () => {
    const source = manualSource();
    const { client } = quietClient({ datafileSource: source });
    const provider = new EnsignProvider(client, { readyTimeoutMs: 1_000 });
    opened.push(provider);
    expect(await provider.resolveBooleanEvaluation('good', true, { targetingKey: 'u' }, logger)).toMatchObject({ value: true, errorCode: ErrorCode.PROVIDER_NOT_READY });
    source.push({
      schemaVersion: 1, revision: '7', environment: 'test',
      flags: [
        { key: 'good', on: true, variations: [{ key: 'yes', value: true }], fallthrough: { variation: 'yes' } },
        { key: 'broken', on: true, variations: [{ key: 'yes', value: true }], fallthrough: { variation: 'nope' } },
      ],
    });
    expect(await provider.resolveBooleanEvaluation('good', false, { targetingKey: 'u' }, logger)).toMatchObject({ value: true, variant: 'yes' });
    expect(await provider.resolveBooleanEvaluation('broken', false, { targetingKey: 'u' }, logger)).toMatchObject({ value: false, errorCode: ErrorCode.PARSE_ERROR });
  });

  it('Requirement 2.2.8.1: resolution details carry the type of their value', async () => {
    const { provider } = await readyProvider();
    expectTypeOf(provider.resolveBooleanEvaluation).returns.resolves.toEqualTypeOf<ResolutionDetails<boolean>>();
    expectTypeOf(provider.resolveStringEvaluation).returns.resolves.toEqualTypeOf<ResolutionDetails<string>>();
    expectTypeOf(provider.resolveNumberEvaluation).returns.resolves.toEqualTypeOf<ResolutionDetails<number>>();
    const details = await provider.resolveObjectEvaluation<{ perDay: number }>('limits', { perDay: 0 }, { targetingKey: 'u' }, logger);
    expectTypeOf(details.value).toEqualTypeOf<{ perDay: number }>();
    expect(details.value.perDay).toBe(5);
  });

  it('Requirement 2.2.9: flag metadata carries the datafile revision and the matched rule', async () => {
    const { provider } = await readyProvider();
    const details = await provider.resolveStringEvaluation('banner', 'x', { targetingKey: 'u', plan: 'pro' }, logger);
    expect(details.flagMetadata).toEqual({ revision: '6', rule: 'rule0', ruleIndex: 0, variationIndex: 1 });
  });

  it('Requirement 2.2.10: flag metadata values are strings, numbers and booleans only', async () => {
    const { provider } = await readyProvider();
    const all = await Promise.all([
      provider.resolveStringEvaluation('banner', 'x', { targetingKey: 'u', plan: 'pro' }, logger),
      provider.resolveBooleanEvaluation('killed', true, { targetingKey: 'u' }, logger),
      provider.resolveBooleanEvaluation('missing', true, { targetingKey: 'u' }, logger),
    ]);
    for (const details of all) {
      expect(Object.keys(details.flagMetadata ?? {}).length).toBeGreaterThan(0);
      for (const value of Object.values(details.flagMetadata ?? {})) expect(['string', 'number', 'boolean']).toContain(typeof value);
    }
  });

  it('Requirement 2.3.1: provider hooks added to the provider run in the evaluation life-cycle', async () => {
    const { provider } = await readyProvider();
    const seen: string[] = [];
    const hook: Hook = { after: (hookContext, details) => void seen.push(`${hookContext.flagKey}=${String(details.value)}`) };
    provider.hooks.push(hook);
    await OpenFeature.setProviderAndWait(provider);
    await OpenFeature.getClient().getBooleanValue('dark-mode', false, { targetingKey: 'user-beta' });
    expect(seen).toEqual(['dark-mode=true']);
  });

  it('Requirement 2.3.2: in normal execution no error message is set', async () => {
    const { provider } = await readyProvider();
    expect((await provider.resolveStringEvaluation('banner', 'x', { targetingKey: 'u' }, logger)).errorMessage).toBeUndefined();
  });

  it('Requirement 2.3.3: in abnormal execution the error message says what went wrong', async () => {
    const { provider } = await readyProvider();
    expect((await provider.resolveNumberEvaluation('banner', 1, { targetingKey: 'u' }, logger)).errorMessage).toBe('flag "banner" is a string, not a number');
    expect((await provider.resolveNumberEvaluation('banner', 1, {}, logger)).errorMessage).toMatch(/targetingKey/);
  });

  it('Requirement 2.4.1: initialize waits until the client has a datafile', async () => {
    const source = manualSource();
    const { client } = quietClient({ datafileSource: source });
    const provider = new EnsignProvider(client, { readyTimeoutMs: 5_000 });
    opened.push(provider);
    let initialized = false;
    const init = provider.initialize().then(() => (initialized = true));
    await Promise.resolve();
    expect(initialized).toBe(false);
    const readyEvents: unknown[] = [];
    provider.events.addHandler(ProviderEvents.Ready, (d) => void readyEvents.push(d));
    source.push({ schemaVersion: 1, revision: '1', environment: 'test', flags: [] });
    await init;
    expect(initialized).toBe(true);
    // OpenFeature emits PROVIDER_READY when initialize resolves: the provider does not signal it a second time.
    await new Promise((resolve) => setImmediate(resolve));
    expect(readyEvents).toEqual([]);
  });

  it('Requirement 2.4.2.1: initialize terminates abnormally when no valid datafile can be had', async () => {
    const { client } = quietClient({ datafile: { schemaVersion: 99 } });
    const provider = new EnsignProvider(client, { readyTimeoutMs: 1_000 });
    opened.push(provider);
    await expect(provider.initialize()).rejects.toThrow(/not ready/);
  });

  it('Requirement 2.5.1: shutdown delivers the queued events', async () => {
    const { provider, dispatcher } = await readyProvider();
    provider.track('purchase', { targetingKey: 'u' }, { value: 9.5 });
    expect(dispatcher.events()).toHaveLength(0);
    await provider.onClose();
    expect(dispatcher.events().map((e) => e.kind)).toContain('conversion');
  });

  it('Requirement 2.5.2: after shutdown the provider is not ready, and can be initialized again', async () => {
    const td = await standardFlags();
    const provider = new EnsignProvider({ datafileSource: td.source(), logger: { debug() {}, info() {}, warn() {}, error() {} } });
    opened.push(provider);
    await provider.initialize();
    await provider.onClose();
    expect(provider.getClient().getStatus().closed).toBe(true);
    expect(await provider.resolveBooleanEvaluation('dark-mode', true, { targetingKey: 'u' }, logger)).toMatchObject({ errorCode: ErrorCode.PROVIDER_NOT_READY });
    await provider.initialize();
    expect(await provider.resolveBooleanEvaluation('dark-mode', true, { targetingKey: 'u' }, logger)).toMatchObject({ value: false });
  });

  it('Requirement 2.7.1: track sends a custom event with the context, the numeric value and the details', async () => {
    const { provider, dispatcher } = await readyProvider();
    provider.track('purchase', { targetingKey: 'user-42', plan: 'pro' }, { value: 42.5, currency: 'EUR' });
    provider.track('ignored', {}, {});
    await provider.getClient().flush();
    const conversions = dispatcher.events().filter((e) => e.kind === 'conversion');
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).toMatchObject({ eventKey: 'purchase', metricValue: 42.5, data: { currency: 'EUR' }, context: { kind: 'user', key: 'user-42', plan: 'pro' } });
  });

  it('Requirement 5.1.1: the provider signals READY, CONFIGURATION_CHANGED and ERROR', async () => {
    const source = manualSource();
    const { client } = quietClient({ datafileSource: source });
    const provider = new EnsignProvider(client);
    opened.push(provider);
    const seen: string[] = [];
    for (const event of [ProviderEvents.Ready, ProviderEvents.ConfigurationChanged, ProviderEvents.Error]) {
      provider.events.addHandler(event, (details) => void seen.push(`${event}:${details?.message ?? ''}`));
    }
    source.push({ schemaVersion: 1, revision: 'r1', environment: 'test', flags: [] });
    source.push({ schemaVersion: 1, revision: 'r2', environment: 'test', flags: [] });
    source.fail('HTTP 503');
    source.push({ schemaVersion: 1, revision: 'r3', environment: 'test', flags: [] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([
      'PROVIDER_READY:datafile revision r1 in use',
      'PROVIDER_CONFIGURATION_CHANGED:datafile revision r2 in use',
      'PROVIDER_ERROR:HTTP 503',
      'PROVIDER_READY:datafile revision r3 in use',
      'PROVIDER_CONFIGURATION_CHANGED:datafile revision r3 in use',
    ]);
  });

  it('Requirement 5.1.2: when the provider signals a change, the client and API handlers run', async () => {
    const td = await standardFlags();
    const { client } = quietClient({ datafileSource: td });
    const provider = new EnsignProvider(client);
    opened.push(provider);
    await OpenFeature.setProviderAndWait(provider);
    const seen: string[] = [];
    OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, (d) => void seen.push(`api:${d?.providerName}:${(d as { flagsChanged?: string[] } | undefined)?.flagsChanged?.includes('dark-mode')}`));
    OpenFeature.getClient().addHandler(ProviderEvents.ConfigurationChanged, () => void seen.push('client'));
    await td.update(td.flag('dark-mode').variationForAll(true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.sort()).toEqual(['api:ensign:true', 'client']);
    expect(await OpenFeature.getClient().getBooleanValue('dark-mode', false, { targetingKey: 'anyone' })).toBe(true);
  });

  it('Requirement 5.1.4: PROVIDER_ERROR events carry an error message (and the JSON path of a bad datafile)', async () => {
    const source = manualSource();
    const { client } = quietClient({ datafileSource: source });
    const provider = new EnsignProvider(client);
    opened.push(provider);
    const errors: Array<{ message?: string; errorCode?: string; metadata?: Record<string, unknown> }> = [];
    provider.events.addHandler(ProviderEvents.Error, (d) => void errors.push(d as never));
    source.push({ schemaVersion: 1, revision: 'r1', environment: 'test', flags: 'none' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^flags: /);
    expect(errors[0]?.metadata).toEqual({ path: 'flags' });
    expect(errors[0]?.errorCode).toBe(ErrorCode.PARSE_ERROR);
  });

  it('Requirement 5.3.1: when initialize terminates normally, PROVIDER_READY handlers run', async () => {
    const td = await standardFlags();
    const { client } = quietClient({ datafileSource: td });
    const ready: string[] = [];
    OpenFeature.addHandler(ProviderEvents.Ready, (d) => void ready.push(d?.providerName ?? ''));
    const provider = new EnsignProvider(client);
    opened.push(provider);
    await OpenFeature.setProviderAndWait(provider);
    expect(ready).toContain('ensign');
  });

  it('Requirement 5.3.2: when initialize terminates abnormally, PROVIDER_ERROR handlers run', async () => {
    const { client } = quietClient({ datafile: '{ not json' });
    const errors: string[] = [];
    OpenFeature.addHandler(ProviderEvents.Error, (d) => void errors.push(d?.message ?? ''));
    const provider = new EnsignProvider(client, { readyTimeoutMs: 1_000 });
    opened.push(provider);
    await expect(OpenFeature.setProviderAndWait(provider)).rejects.toThrow();
    expect(errors.some((m) => /not ready/.test(m))).toBe(true);
    const details: EvaluationDetails<boolean> = await OpenFeature.getClient().getBooleanDetails('dark-mode', true, { targetingKey: 'u' });
    expect(details).toMatchObject({ value: true, errorCode: ErrorCode.PROVIDER_NOT_READY });
  });
});
