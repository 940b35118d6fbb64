import { compileDatafile, evaluateFlag } from '@ensign/evaluator-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleDatafile, OptimizelyDecideOption } from './client.js';
import type { UserProfile } from './client.js';
import { exampleWith, linesAt, makeClient, US_PRO } from './helpers.js';

const compiled = compileDatafile(exampleDatafile);

/** The first of user-0, user-1, ... whom the checkout experiment puts in `variation`. */
function userIn(variation: string): string {
  for (let i = 0; i < 1_000; i++) {
    const id = `user-${i}`;
    if (evaluateFlag(compiled, { kind: 'user', key: id, ...US_PRO }, 'checkout-redesign').variationKey === variation) return id;
  }
  throw new Error(`no user in ${variation}`);
}

describe('the Optimizely face: user contexts', () => {
  it('keeps the user id and a copy of the attributes, and setAttribute changes later decisions', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-7', { country: 'FR' });
    expect(user.getUserId()).toBe('user-7');
    const attributes = user.getAttributes();
    attributes['country'] = 'mutated';
    expect(user.getAttributes()).toEqual({ country: 'FR' });
    expect(user.decide('checkout-redesign').ruleKey).toBe('default-rollout-70001');
    user.setAttribute('country', 'US');
    user.setAttribute('plan', 'pro');
    expect(user.decide('checkout-redesign').ruleKey).toBe('checkout_redesign_test');
  });

  it('treats an attribute named __proto__ as plain data', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-7', JSON.parse('{"__proto__": {"polluted": true}, "country": "US"}') as Record<string, unknown>);
    user.setAttribute('constructor', 'x');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(user.getAttributes()).sort()).toEqual(['__proto__', 'constructor', 'country']);
    expect(user.decide('checkout-redesign').flagKey).toBe('checkout-redesign');
  });
});

describe('the Optimizely face: decide', () => {
  it('puts a US pro user in the checkout experiment with the variation\'s variables', () => {
    const { client } = makeClient();
    const id = userIn('treatment');
    const decision = client.createUserContext(id, US_PRO).decide('checkout-redesign');
    expect(decision).toEqual({
      variationKey: 'treatment',
      enabled: true,
      variables: { button_color: 'green', discount_percent: 10, show_banner: true },
      ruleKey: 'checkout_redesign_test',
      flagKey: 'checkout-redesign',
      userContext: { userId: id, attributes: US_PRO },
      reasons: [],
      revision: '42',
    });
  });

  it('serves the "everyone else" off variation, disabled with default variables, outside the audience', () => {
    const { client } = makeClient();
    const decision = client.createUserContext('user-1', { country: 'FR', plan: 'free' }).decide('checkout-redesign');
    expect(decision).toMatchObject({
      variationKey: 'off',
      enabled: false,
      variables: { button_color: 'blue', discount_percent: 0, show_banner: false },
      ruleKey: 'default-rollout-70001',
    });
  });

  it('gives the same answer as the evaluator for any user (the face adds no logic)', () => {
    const { client } = makeClient();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom('US', 'FR', 'UK'),
        fc.constantFrom('free', 'pro', 'enterprise'),
        fc.constantFrom(...exampleDatafile.flags.map((f) => f.key)),
        (userId, country, plan, flagKey) => {
          const decision = client.createUserContext(userId, { country, plan }).decide(flagKey);
          const result = evaluateFlag(compiled, { kind: 'user', key: userId, country, plan }, flagKey);
          expect(decision.variationKey).toBe(result.variationKey);
          expect(decision.enabled).toBe(result.enabled);
          expect(decision.ruleKey).toBe(result.ruleKey);
          expect(decision.variables).toEqual(result.variables);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decides every flag with decideAll, and the listed ones with decideForKeys', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-qa-1', US_PRO);
    expect(Object.keys(user.decideAll())).toEqual(exampleDatafile.flags.map((f) => f.key));
    const some = user.decideForKeys(['new-onboarding', 'onboarding-tour', 'new-onboarding']);
    expect(Object.keys(some)).toEqual(['new-onboarding', 'onboarding-tour']);
    expect(some['new-onboarding']).toMatchObject({ variationKey: 'on', enabled: true });
    expect(some['onboarding-tour']).toMatchObject({ variationKey: 'guided', enabled: true });
  });
});

describe('the Optimizely face: decide options', () => {
  it('INCLUDE_REASONS fills reasons; without it they are empty', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-1', US_PRO);
    expect(user.decide('checkout-redesign').reasons).toEqual([]);
    const reasons = user.decide('checkout-redesign', [OptimizelyDecideOption.INCLUDE_REASONS]).reasons;
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join('\n')).toContain('user-1');
  });

  it('EXCLUDE_VARIABLES leaves variables empty', () => {
    const { client } = makeClient();
    const decision = client.createUserContext(userIn('treatment'), US_PRO).decide('checkout-redesign', ['EXCLUDE_VARIABLES']);
    expect(decision.variationKey).toBe('treatment');
    expect(decision.variables).toEqual({});
  });

  it('ENABLED_FLAGS_ONLY leaves disabled flags out of decideAll and decideForKeys', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-1', { country: 'FR' });
    const all = user.decideAll();
    const enabled = user.decideAll(['ENABLED_FLAGS_ONLY']);
    expect(all['legacy-banner']?.enabled).toBe(false);
    expect(enabled['legacy-banner']).toBeUndefined();
    expect(Object.values(enabled).every((d) => d.enabled)).toBe(true);
    expect(Object.keys(enabled).length).toBeGreaterThan(0);
    expect(user.decideForKeys(['legacy-banner', 'homepage-hero'], ['ENABLED_FLAGS_ONLY'])).toHaveProperty('homepage-hero');
    expect(user.decideForKeys(['legacy-banner'], ['ENABLED_FLAGS_ONLY'])).toEqual({});
  });

  it('applies defaultDecideOptions from the client options to every decide', () => {
    const { client } = makeClient({ defaultDecideOptions: ['EXCLUDE_VARIABLES', 'INCLUDE_REASONS'] });
    const decision = client.createUserContext(userIn('control'), US_PRO).decide('checkout-redesign');
    expect(decision.variables).toEqual({});
    expect(decision.reasons.length).toBeGreaterThan(0);
  });

  it('ignores an unknown decide option with one warning', () => {
    const { client, logger } = makeClient();
    const user = client.createUserContext('user-1', US_PRO);
    user.decide('checkout-redesign', ['NOT_AN_OPTION' as 'INCLUDE_REASONS']);
    user.decide('checkout-redesign', ['NOT_AN_OPTION' as 'INCLUDE_REASONS']);
    expect(linesAt(logger, 'warn').filter((l) => l.includes('NOT_AN_OPTION'))).toHaveLength(1);
  });

  it('sticks to the variation of the user profile service, unless IGNORE_USER_PROFILE_SERVICE', () => {
    const control = userIn('control');
    const saved: UserProfile[] = [];
    const lookups: string[] = [];
    const profile: UserProfile = { user_id: control, experiment_bucket_map: { '50001': { variation_id: '90002' } } };
    const { client } = makeClient({
      userProfileService: {
        lookup: (id) => {
          lookups.push(id);
          return id === control ? profile : null;
        },
        save: (p) => void saved.push(p),
      },
    });
    const user = client.createUserContext(control, US_PRO);
    expect(user.decide('checkout-redesign').variationKey).toBe('treatment');
    expect(lookups).toEqual([control]);
    expect(user.decide('checkout-redesign', ['IGNORE_USER_PROFILE_SERVICE']).variationKey).toBe('control');
    expect(lookups).toEqual([control]);
    const other = userIn('treatment');
    client.createUserContext(other, US_PRO).decide('checkout-redesign');
    expect(saved.map((p) => p.user_id)).toContain(other);
  });

  it('keeps deciding when the user profile service throws, and logs it', () => {
    const { client, logger } = makeClient({
      userProfileService: {
        lookup: () => {
          throw new Error('store down');
        },
        save: () => {
          throw new Error('store down');
        },
      },
    });
    const decision = client.createUserContext('user-1', US_PRO).decide('checkout-redesign');
    expect(['control', 'treatment']).toContain(decision.variationKey);
    expect(linesAt(logger, 'error').some((l) => l.includes('store down'))).toBe(true);
  });

  it('looks up and saves through userProfileServiceAsync in decideAsync', async () => {
    const control = userIn('control');
    const saved: UserProfile[] = [];
    const { client } = makeClient({
      userProfileServiceAsync: {
        lookup: async (id) => ({ user_id: id, experiment_bucket_map: { '50001': { variation_id: '90002' } } }),
        save: async (p) => void saved.push(p),
      },
    });
    const user = client.createUserContext(control, US_PRO);
    expect((await user.decideAsync('checkout-redesign')).variationKey).toBe('treatment');
    const all = await user.decideAllAsync();
    expect(all['checkout-redesign']?.variationKey).toBe('treatment');
    const fresh = userIn('treatment');
    const { client: second } = makeClient({
      userProfileServiceAsync: { lookup: async () => null, save: async (p) => void saved.push(p) },
    });
    await second.createUserContext(fresh, US_PRO).decideForKeysAsync(['checkout-redesign']);
    expect(saved.at(-1)?.user_id).toBe(fresh);
  });
});

describe('the Optimizely face: forced decisions and segments', () => {
  it('forces a flag-level variation, validated at decision time', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-1', { country: 'FR' });
    expect(user.setForcedDecision({ flagKey: 'checkout-redesign' }, { variationKey: 'treatment' })).toBe(true);
    expect(user.getForcedDecision({ flagKey: 'checkout-redesign' })).toEqual({ variationKey: 'treatment' });
    expect(user.decide('checkout-redesign')).toMatchObject({ variationKey: 'treatment', enabled: true, ruleKey: null });
    expect(user.removeForcedDecision({ flagKey: 'checkout-redesign' })).toBe(true);
    expect(user.decide('checkout-redesign').variationKey).toBe('off');
  });

  it('forces a rule-level variation when that rule is reached', () => {
    const { client } = makeClient();
    const user = client.createUserContext(userIn('control'), US_PRO);
    user.setForcedDecision({ flagKey: 'checkout-redesign', ruleKey: 'checkout_redesign_test' }, { variationKey: 'treatment' });
    expect(user.decide('checkout-redesign')).toMatchObject({ variationKey: 'treatment', ruleKey: 'checkout_redesign_test' });
    expect(user.removeAllForcedDecisions()).toBe(true);
    expect(user.decide('checkout-redesign').variationKey).toBe('control');
  });

  it('ignores a forced variation the flag does not have', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-1', { country: 'FR' });
    user.setForcedDecision({ flagKey: 'checkout-redesign' }, { variationKey: 'no-such-variation' });
    expect(user.decide('checkout-redesign').variationKey).toBe('off');
  });

  it('keeps qualified segments', () => {
    const { client } = makeClient();
    const user = client.createUserContext('user-1');
    expect(user.getQualifiedSegments()).toBeNull();
    expect(user.isQualifiedFor('vip')).toBe(false);
    user.setQualifiedSegments(['vip', 'frequent-buyer']);
    expect(user.getQualifiedSegments()).toEqual(['vip', 'frequent-buyer']);
    expect(user.isQualifiedFor('vip')).toBe(true);
    user.setQualifiedSegments(null);
    expect(user.getQualifiedSegments()).toBeNull();
  });
});

describe('the Optimizely face: errors', () => {
  it('answers an unknown flag with Optimizely\'s message, even without INCLUDE_REASONS', () => {
    const { client } = makeClient();
    expect(client.createUserContext('user-1').decide('no-such-flag')).toMatchObject({
      variationKey: null,
      enabled: false,
      variables: {},
      ruleKey: null,
      flagKey: 'no-such-flag',
      reasons: ['No flag was found for key "no-such-flag".'],
    });
  });

  it('answers "not configured" before the client is ready, and decideAll is empty', () => {
    const { client } = makeClient({ datafile: '{"not": "a datafile"}' });
    const user = client.createUserContext('user-1');
    expect(user.decide('checkout-redesign')).toMatchObject({
      variationKey: null,
      enabled: false,
      reasons: ['Optimizely SDK not configured properly yet.'],
      revision: null,
    });
    expect(user.decideAll()).toEqual({});
    expect(user.decideForKeys(['checkout-redesign'])).toEqual({});
  });

  it('answers an error decision for an invalid user id, without throwing', () => {
    const { client } = makeClient();
    const user = client.createUserContext(42 as unknown as string);
    const decision = user.decide('checkout-redesign');
    expect(decision.variationKey).toBeNull();
    expect(decision.reasons[0]).toContain('Invalid user ID');
    expect(() => user.decide(undefined as unknown as string)).not.toThrow();
  });

  it('keeps an attribute whose value is not JSON, as Optimizely does (its conditions answer as Optimizely\'s)', () => {
    // importers/test/optimizely/non-json-values.test.ts compares such users with Optimizely's SDK.
    const { client, logger } = makeClient();
    const user = client.createUserContext(userIn('treatment'), { ...US_PRO, callback: () => 1, ratio: Number.NaN });
    expect(user.decide('checkout-redesign').variationKey).toBe('treatment');
    expect(linesAt(logger, 'warn')).toEqual([]);
  });

  it('serves a datafile change on the next decision', () => {
    const datafile = exampleWith((d) => {
      const flag = d.flags.find((f) => f.key === 'legacy-banner');
      if (flag) flag.on = true;
    });
    const { client } = makeClient({ datafile });
    expect(client.createUserContext('user-1').decide('legacy-banner')).toMatchObject({ variationKey: 'shown', enabled: true });
  });
});
