import { compileDatafile, evaluateFlag } from '@ensign/evaluator-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from './client.js';
import { exampleWith, linesAt, makeClient } from './helpers.js';

const compiled = compileDatafile(exampleDatafile);
const beta = { kind: 'user', key: 'user-beta-1' };
const plain = { kind: 'user', key: 'user-plain' };
const enterprise = { kind: 'multi', user: { key: 'user-9' }, org: { key: 'org-1', tier: 'enterprise' } };

describe('the LaunchDarkly face: variation', () => {
  it('serves a segment member the rule variation, and others the fallthrough', () => {
    const { client } = makeClient();
    expect(client.variation('dark-mode', beta, false)).toBe(true);
    expect(client.variation('dark-mode', plain, false)).toBe(false);
    expect(client.variation('dark-mode', { kind: 'user', key: 'u', email: 'sam@acme.test' }, false)).toBe(true);
  });

  it('matches a rule on the org kind of a multi-kind context', () => {
    const { client } = makeClient();
    expect(client.variation('enterprise-dashboard', enterprise, 'classic')).toBe('insights');
    expect(client.variation('enterprise-dashboard', { kind: 'org', key: 'org-2', tier: 'startup' }, 'classic')).toBe('classic');
  });

  it('accepts a legacy user object (no kind)', () => {
    const { client } = makeClient();
    expect(client.variation('dark-mode', { key: 'user-beta-2', custom: { plan: 'pro' } }, false)).toBe(true);
    expect(client.variation('max-cart-items', { key: 'user-3', custom: { plan: 'pro' } }, 0)).toBe(50);
  });

  it('returns the value synchronously, so await works too, and calls a last-argument callback', async () => {
    const { client } = makeClient();
    const seen: unknown[] = [];
    const value = client.variation('max-cart-items', plain, 0, (err, v) => seen.push(err, v));
    expect(value).toBe(20);
    expect(seen).toEqual([null, 20]);
    await expect(Promise.resolve(client.variation('max-cart-items', plain, 0))).resolves.toBe(20);
    expect(await client.variation('max-cart-items', plain, 0)).toBe(20);
  });

  it('survives a callback that throws', () => {
    const { client, logger } = makeClient();
    expect(() =>
      client.variation('max-cart-items', plain, 0, () => {
        throw new Error('callback bug');
      }),
    ).not.toThrow();
    expect(linesAt(logger, 'error').some((l) => l.includes('callback bug'))).toBe(true);
  });

  it('gives the same value and variation as the evaluator for any context (the face adds no logic)', () => {
    const { client } = makeClient();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 10 }),
        fc.constantFrom('free', 'pro'),
        fc.constantFrom('US', 'FR', 'DE'),
        fc.constantFrom(...exampleDatafile.flags.map((f) => f.key)),
        (key, plan, country, flagKey) => {
          const context = { kind: 'user', key, plan, country };
          const detail = client.variationDetail(flagKey, context, 'default');
          const result = evaluateFlag(compiled, context, flagKey, { defaultValue: 'default' });
          expect(detail.variationIndex).toBe(result.variationIndex);
          expect(detail.reason).toEqual(result.reason);
          // A served null stays null, as LaunchDarkly 9's client answers it; only a missing variation gives the default.
          expect(detail.value).toEqual(result.variationIndex === null ? 'default' : result.value);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the LaunchDarkly face: details and typed variations', () => {
  it('explains a rule match, a target match, a fallthrough, an off flag and a failed prerequisite', () => {
    const { client } = makeClient();
    expect(client.variationDetail('dark-mode', beta, false)).toEqual({
      value: true, variationIndex: 1, reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-dark-beta' }, revision: '42',
    });
    expect(client.variationDetail('new-onboarding', { kind: 'user', key: 'user-qa-1' }, false).reason.kind).toBe('TARGET_MATCH');
    expect(client.variationDetail('dark-mode', plain, false).reason).toEqual({ kind: 'FALLTHROUGH' });
    expect(client.variationDetail('legacy-banner', plain, true)).toMatchObject({ value: false, variationIndex: 0, reason: { kind: 'OFF' } });
    const offboarded = [...Array(200).keys()].map((i) => ({ kind: 'user', key: `user-${i}` }))
      .find((c) => client.variation('new-onboarding', c, true) === false);
    expect(offboarded).toBeDefined();
    expect(client.variationDetail('onboarding-tour', offboarded, 'x')).toMatchObject({
      value: 'none', reason: { kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'new-onboarding' },
    });
  });

  it('returns typed values, and the default with WRONG_TYPE when the served value has another type', () => {
    const { client } = makeClient();
    expect(client.boolVariation('dark-mode', beta, false)).toBe(true);
    expect(client.numberVariation('max-cart-items', plain, 0)).toBe(20);
    expect(client.stringVariation('enterprise-dashboard', enterprise, 'classic')).toBe('insights');
    expect(client.jsonVariation('homepage-hero', { kind: 'user', key: 'u', country: 'FR' }, null)).toMatchObject({ title: 'Summer sale' });
    expect(client.boolVariation('max-cart-items', plain, false)).toBe(false);
    expect(client.numberVariationDetail('dark-mode', beta, 7)).toEqual({
      value: 7, variationIndex: null, reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' }, revision: '42',
    });
    expect(client.stringVariationDetail('homepage-hero', plain, 'none').reason).toEqual({ kind: 'ERROR', errorKind: 'WRONG_TYPE' });
    expect(client.boolVariationDetail('dark-mode', beta, false).value).toBe(true);
    expect(client.jsonVariationDetail('max-cart-items', plain, null).value).toBe(20);
  });

  it('answers the default with FLAG_NOT_FOUND, USER_NOT_SPECIFIED and CLIENT_NOT_READY', () => {
    const { client } = makeClient();
    expect(client.variationDetail('no-such-flag', plain, 'd')).toMatchObject({ value: 'd', variationIndex: null, reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' } });
    for (const bad of [undefined, null, {}, { kind: 'user' }, { kind: 'user', key: '' }, { kind: 'multi' }, 'user-1']) {
      expect(client.variationDetail('dark-mode', bad, 'd')).toMatchObject({ value: 'd', reason: { kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' } });
    }
    const { client: notReady } = makeClient({ datafile: '[]' });
    expect(notReady.variationDetail('dark-mode', plain, 'd')).toEqual({
      value: 'd', variationIndex: null, reason: { kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' }, revision: null,
    });
    expect(notReady.boolVariation('dark-mode', plain, true)).toBe(true);
  });

  it('logs bad contexts at most once a minute', () => {
    const { client, logger, scheduler } = makeClient();
    for (let i = 0; i < 50; i++) client.variation('dark-mode', { kind: 'user' }, false);
    expect(linesAt(logger, 'warn').filter((l) => l.includes('invalid context'))).toHaveLength(1);
    scheduler.advance(60_000);
    client.variation('dark-mode', { kind: 'user' }, false);
    const lines = linesAt(logger, 'warn').filter((l) => l.includes('invalid context'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('49 similar line(s) suppressed');
  });
});

describe('the LaunchDarkly face: allFlagsState', () => {
  it('holds every flag value, in the JSON shape browser SDKs bootstrap from', () => {
    const { client } = makeClient();
    const state = client.allFlagsState(beta);
    expect(state.valid).toBe(true);
    expect(Object.keys(state.allValues())).toEqual(exampleDatafile.flags.map((f) => f.key));
    expect(state.getFlagValue('dark-mode')).toBe(true);
    expect(state.getFlagValue('nope')).toBeUndefined();
    expect(state.getFlagReason('dark-mode')).toBeNull();
    const json = state.toJSON();
    expect(json['dark-mode']).toBe(true);
    expect(json.$valid).toBe(true);
    expect(json.$flagsState['dark-mode']).toEqual({ variation: 1, version: 7 });
    expect(json.$flagsState['enterprise-dashboard']).toEqual({ variation: 0, version: 3, trackEvents: true });
    expect(JSON.parse(JSON.stringify(state))).toEqual(json);
  });

  it('adds reasons with withReasons, keeps client-side flags only with clientSideOnly', () => {
    const { client } = makeClient();
    expect(client.allFlagsState(beta, { withReasons: true }).getFlagReason('dark-mode')).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-dark-beta' });
    expect(Object.keys(client.allFlagsState(beta, { clientSideOnly: true }).allValues())).toEqual(['dark-mode', 'max-cart-items']);
  });

  it('omits version and reason of untracked flags with detailsOnlyForTrackedFlags', () => {
    const { client } = makeClient();
    const json = client.allFlagsState(enterprise, { withReasons: true, detailsOnlyForTrackedFlags: true }).toJSON();
    expect(json.$flagsState['dark-mode']).toEqual({ variation: 0 });
    expect(json.$flagsState['enterprise-dashboard']).toEqual({ variation: 1, version: 3, trackEvents: true, reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-enterprise-org' } });
  });

  it('records the reason of an experiment evaluation with trackReason', () => {
    const datafile = exampleWith((d) => {
      const flag = d.flags.find((f) => f.key === 'dark-mode');
      if (flag) flag.trackEventsFallthrough = true;
    });
    const { client } = makeClient({ datafile });
    expect(client.allFlagsState(plain).toJSON().$flagsState['dark-mode']).toEqual({
      variation: 0, version: 7, reason: { kind: 'FALLTHROUGH' }, trackEvents: true, trackReason: true,
    });
  });

  it('is invalid and empty for a bad context or before ready, and calls a callback', () => {
    const { client } = makeClient();
    const seen: unknown[] = [];
    const state = client.allFlagsState({ kind: 'user' }, {}, (err, s) => seen.push(err, s.valid));
    expect(state.valid).toBe(false);
    expect(state.toJSON()).toEqual({ $flagsState: {}, $valid: false });
    expect(seen).toEqual([null, false]);
    const { client: notReady } = makeClient({ datafile: '{}' });
    expect(notReady.allFlagsState(plain).valid).toBe(false);
  });
});
