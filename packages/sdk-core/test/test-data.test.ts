// Test data (LaunchDarkly's TestData) driving a real client: flags built in code, updated while the client runs.
import { describe, expect, it } from 'vitest';
import { createTestData } from '../src/testing.js';
import { createClient, silentLogger } from './client.js';
import type { EnsignClient } from './client.js';

const user = (key: string, attributes: Record<string, unknown> = {}) => ({ kind: 'user', key, ...attributes });

function clientOn(source: Parameters<typeof createClient>[0]['datafileSource']): EnsignClient {
  return createClient({ datafileSource: source, logger: silentLogger, events: false });
}

describe('createTestData', () => {
  it('starts a new flag as a boolean flag that serves true when on and false when off', async () => {
    const td = createTestData();
    await td.update(td.flag('dark-mode'));
    const client = clientOn(td);
    expect(client.boolVariationDetail('dark-mode', user('u1'), false)).toMatchObject({ value: true, variationIndex: 0, reason: { kind: 'FALLTHROUGH' } });
    await td.update(td.flag('dark-mode').on(false));
    expect(client.boolVariationDetail('dark-mode', user('u1'), true)).toMatchObject({ value: false, variationIndex: 1, reason: { kind: 'OFF' } });
    await client.close();
  });

  it('targets one user with variationForUser and everyone else with the fallthrough', async () => {
    const td = createTestData();
    await td.update(td.flag('beta').booleanFlag().variationForUser('user-42', true).fallthroughVariation(false));
    const client = clientOn(td);
    expect(client.boolVariationDetail('beta', user('user-42'), false)).toMatchObject({ value: true, reason: { kind: 'TARGET_MATCH' } });
    expect(client.boolVariation('beta', user('user-7'), true)).toBe(false);
    await client.close();
  });

  it('moves a targeted key from one variation to another instead of keeping it in both', () => {
    const td = createTestData();
    void td.update(td.flag('f').variationForUser('u', true).variationForUser('u', false).variationForContext('org', 'o1', true));
    expect(td.datafile().flags[0]?.targets).toEqual([
      { contextKind: 'org', values: ['o1'], variation: '0' },
      { contextKind: 'user', values: ['u'], variation: '1' },
    ]);
  });

  it('serves a rule built with ifMatch / andMatch / thenReturn, and ifNotMatch for the others', async () => {
    const td = createTestData();
    await td.update(
      td.flag('plan-colour').variations('grey', 'gold', 'blue')
        .ifMatch('plan', 'pro', 'enterprise').andMatch('country', 'US').thenReturn(1)
        .ifNotMatchContext('org', 'tier', 'free').thenReturn(2)
        .fallthroughVariation(0),
    );
    const client = clientOn(td);
    expect(client.stringVariationDetail('plan-colour', user('a', { plan: 'pro', country: 'US' }), 'x')).toMatchObject({ value: 'gold', reason: { kind: 'RULE_MATCH', ruleId: 'rule0' } });
    expect(client.stringVariation('plan-colour', user('b', { plan: 'pro', country: 'FR' }), 'x')).toBe('grey');
    const multi = { kind: 'multi', user: { key: 'c' }, org: { key: 'o', tier: 'paid' } };
    expect(client.stringVariationDetail('plan-colour', multi, 'x')).toMatchObject({ value: 'blue', reason: { kind: 'RULE_MATCH', ruleIndex: 1 } });
    await client.close();
  });

  it('serves a value flag from valueForAll, objects included', async () => {
    const td = createTestData();
    await td.update(td.flag('limits').valueForAll({ maxItems: 10, tiers: ['a', 'b'] }));
    const client = clientOn(td);
    expect(client.jsonVariation('limits', user('u'), null)).toEqual({ maxItems: 10, tiers: ['a', 'b'] });
    await td.update(td.flag('limits').on(false));
    expect(client.jsonVariationDetail('limits', user('u'), null)).toMatchObject({ value: { maxItems: 10 }, reason: { kind: 'OFF' } });
    await client.close();
  });

  it('changes values in a running client after update, without a new client, and raises the flag version', async () => {
    const td = createTestData();
    await td.update(td.flag('banner').variations('old', 'new').variationForAll(0));
    const client = clientOn(td);
    const revisions: string[] = [];
    client.on('update', (e) => revisions.push(e.revision));
    expect(client.stringVariation('banner', user('u'), 'x')).toBe('old');
    await td.update(td.flag('banner').variationForAll(1));
    expect(client.stringVariation('banner', user('u'), 'x')).toBe('new');
    expect(revisions).toEqual(['2']);
    expect(td.datafile().flags[0]?.version).toBe(2);
    expect(client.getStatus()).toMatchObject({ revision: '2', source: 'test-data' });
    await client.close();
  });

  it('starts td.flag(key) from a copy of the last update, so later edits of a builder change nothing until update', async () => {
    const td = createTestData();
    const builder = td.flag('f').variationForUser('u', false);
    await td.update(builder);
    builder.variationForUser('u', true);
    const client = clientOn(td);
    expect(client.boolVariation('f', user('u'), true)).toBe(false);
    await td.update(td.flag('f').clearAllTargets());
    expect(client.boolVariation('f', user('u'), false)).toBe(true);
    await client.close();
  });

  it('pushes updates to every client of td.source(), and a closed client stops receiving them', async () => {
    const td = createTestData();
    await td.update(td.flag('f').variationForAll(false));
    const a = clientOn(td.source());
    const b = clientOn(td.source());
    await b.close();
    await td.update(td.flag('f').variationForAll(true));
    expect(a.boolVariation('f', user('u'), false)).toBe(true);
    expect(b.getStatus().revision).toBe('1');
    await a.close();
  });

  it('takes preconfigured native flags and segments for what the builders cannot say', async () => {
    const td = createTestData();
    await td.usePreconfiguredSegment({ key: 'staff', included: [{ values: ['ann'] }] });
    await td.usePreconfiguredFlag({
      key: 'internal', on: true,
      variations: [{ key: 'no', value: false }, { key: 'yes', value: true }],
      rules: [{ id: 'staff', conditions: { op: 'segmentMatch', values: ['staff'] }, serve: { variation: 'yes' } }],
      fallthrough: { variation: 'no' },
    });
    const client = clientOn(td);
    expect(client.boolVariation('internal', user('ann'), false)).toBe(true);
    expect(client.boolVariation('internal', user('bob'), true)).toBe(false);
    await client.close();
  });

  it('quarantines a flag whose builder names a variation that does not exist, and serves the others', async () => {
    const td = createTestData();
    await td.update(td.flag('good').variationForAll(true));
    await td.update(td.flag('bad').variations('a').fallthroughVariation(3));
    const client = clientOn(td);
    expect(client.boolVariation('good', user('u'), false)).toBe(true);
    expect(client.stringVariationDetail('bad', user('u'), 'default')).toMatchObject({ value: 'default', reason: { kind: 'ERROR' } });
    await client.close();
  });

  it('rejects what is not a builder with an INVALID_ARGUMENT error (a programmer error)', () => {
    const td = createTestData();
    expect(() => td.update({ key: 'x' } as never)).toThrow(/td.update/);
    expect(() => td.flag('')).toThrow(/non-empty/);
  });
});

describe('the datafile test data builds', () => {
  it('is a native datafile of LaunchDarkly semantics: variations keyed by index, in-clauses, targets before rules', () => {
    const td = createTestData();
    void td.update(td.flag('f').variations('a', 'b').offVariation(0).ifMatch('/address/city', 'Paris').andNotMatchContext('org', 'tier', 'free').thenReturn(1).fallthroughVariation(0));
    expect(td.datafile()).toEqual({
      schemaVersion: 1,
      revision: '1',
      environment: 'test',
      semantics: 'launchdarkly',
      flags: [{
        key: 'f',
        version: 1,
        on: true,
        variations: [{ key: '0', value: 'a' }, { key: '1', value: 'b' }],
        offVariation: '0',
        rules: [{
          id: 'rule0',
          conditions: { and: [
            { contextKind: 'user', attribute: '/address/city', op: 'in', values: ['Paris'], negate: false, semantics: 'launchdarkly' },
            { contextKind: 'org', attribute: 'tier', op: 'in', values: ['free'], negate: true, semantics: 'launchdarkly' },
          ] },
          serve: { variation: '1' },
        }],
        fallthrough: { variation: '0' },
      }],
    });
  });
});
