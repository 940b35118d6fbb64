import type { Datafile } from '@ensign/sdk-core';

/**
 * The example datafile of an online shop ("Acme Shop", production), embedded so the README, the demo and the tests
 * of all three faces share one realistic document. It holds:
 * - `checkout-redesign`: an Optimizely-style A/B test (audience "US pro users", typed variables, Optimizely
 *   bucketing, an "everyone else" delivery rule serving `off`);
 * - `new-onboarding`: a 50 % delivery rollout with an individual target (`user-qa-1`);
 * - `onboarding-tour`: a string flag with a prerequisite on `new-onboarding`;
 * - `dark-mode`: a boolean flag for the `beta-testers` segment, available client-side;
 * - `enterprise-dashboard`: a rule on the `org` kind of a multi-kind context, tracked for events;
 * - `max-cart-items`, `homepage-hero`: a number and a JSON flag;
 * - `pricing-page`: an Amplitude-mode experiment with payloads and an `off` default variant;
 * - `legacy-banner`: a flag switched off;
 * - events `purchase` and `add_to_cart` for `trackEvent`.
 *
 * @example
 * const client = createClient({ datafile: exampleDatafile });
 * client.createUserContext('user-42', { country: 'US', plan: 'pro' }).decide('checkout-redesign');
 */
export const exampleDatafile: Datafile = {
  schemaVersion: 1,
  revision: '42',
  environment: 'production',
  accountId: '10001',
  projectId: '20001',
  settings: { sendFlagDecisions: false, anonymizeIp: true, botFiltering: false },
  attributes: [
    { key: 'country', id: '30001' },
    { key: 'plan', id: '30002' },
    { key: 'email', id: '30003' },
  ],
  events: [
    { key: 'purchase', id: '40001', experimentIds: ['50001'] },
    { key: 'add_to_cart', id: '40002', experimentIds: ['50001'] },
  ],
  audiences: [
    {
      id: '60001',
      name: 'US pro users',
      conditions: {
        and: [
          { attribute: 'country', op: 'in', values: ['US'], semantics: 'optimizely' },
          { attribute: 'plan', op: 'in', values: ['pro', 'enterprise'], semantics: 'optimizely' },
        ],
      },
    },
  ],
  segments: [
    {
      key: 'beta-testers',
      version: 3,
      salt: 'beta-salt',
      included: [{ values: ['user-beta-1', 'user-beta-2'] }],
      excluded: [{ values: ['user-banned'] }],
      rules: [{ id: 'staff', conditions: { attribute: 'email', op: 'endsWith', values: ['@acme.test'] } }],
    },
  ],
  flags: [
    {
      key: 'checkout-redesign',
      id: '70001',
      version: 12,
      on: true,
      variables: [
        { key: 'button_color', id: '80001', type: 'string', default: 'blue' },
        { key: 'discount_percent', id: '80002', type: 'integer', default: 0 },
        { key: 'show_banner', id: '80003', type: 'boolean', default: false },
      ],
      variations: [
        { key: 'off', id: '90000', value: 'off', enabled: false },
        { key: 'control', id: '90001', value: 'control', variables: { button_color: 'blue', discount_percent: 0 } },
        {
          key: 'treatment',
          id: '90002',
          value: 'treatment',
          variables: { button_color: 'green', discount_percent: 10, show_banner: true },
        },
      ],
      offVariation: 'off',
      rules: [
        {
          id: 'rule-checkout-exp',
          key: 'checkout_redesign_test',
          kind: 'experiment',
          status: 'running',
          experiment: { key: 'checkout_redesign_test', id: '50001', layerId: '51001', type: 'ab' },
          conditions: { audience: '60001' },
          serve: {
            rollout: {
              kind: 'experiment',
              bucketing: { hash: 'optimizely', entityId: '50001' },
              variations: [
                { variation: 'control', weight: 5_000 },
                { variation: 'treatment', weight: 5_000 },
              ],
            },
          },
        },
        { id: 'rule-checkout-everyone', key: 'default-rollout-70001', kind: 'rollout', serve: { variation: 'off' } },
      ],
      metadata: { optimizely: { flagId: '70001', rolloutId: '52001', experimentIds: ['50001'] } },
    },
    {
      key: 'new-onboarding',
      version: 4,
      on: true,
      variations: [
        { key: 'off', value: false, enabled: false },
        { key: 'on', value: true },
      ],
      offVariation: 'off',
      targets: [{ values: ['user-qa-1'], variation: 'on' }],
      rules: [
        {
          id: 'rule-onboarding-rollout',
          key: 'onboarding_rollout',
          kind: 'rollout',
          serve: {
            rollout: {
              bucketing: { hash: 'ensign', seed: 'new-onboarding' },
              variations: [
                { variation: 'on', weight: 50_000 },
                { variation: 'off', weight: 50_000 },
              ],
            },
          },
        },
      ],
      fallthrough: { variation: 'off' },
    },
    {
      key: 'onboarding-tour',
      version: 2,
      on: true,
      variations: [
        { key: 'none', value: 'none' },
        { key: 'guided', value: 'guided' },
      ],
      offVariation: 'none',
      prerequisites: [{ flagKey: 'new-onboarding', variation: 'on' }],
      fallthrough: { variation: 'guided' },
    },
    {
      key: 'dark-mode',
      version: 7,
      on: true,
      clientSide: true,
      variations: [
        { key: 'false', value: false },
        { key: 'true', value: true },
      ],
      offVariation: 'false',
      rules: [
        {
          id: 'rule-dark-beta',
          conditions: { op: 'segmentMatch', values: ['beta-testers'] },
          serve: { variation: 'true' },
        },
      ],
      fallthrough: { variation: 'false' },
    },
    {
      key: 'enterprise-dashboard',
      version: 3,
      on: true,
      trackEvents: true,
      variations: [
        { key: 'classic', value: 'classic' },
        { key: 'insights', value: 'insights' },
      ],
      offVariation: 'classic',
      rules: [
        {
          id: 'rule-enterprise-org',
          conditions: { contextKind: 'org', attribute: 'tier', op: 'in', values: ['enterprise'], semantics: 'launchdarkly' },
          serve: { variation: 'insights' },
        },
      ],
      fallthrough: { variation: 'classic' },
    },
    {
      key: 'max-cart-items',
      version: 1,
      on: true,
      clientSide: true,
      variations: [
        { key: 'standard', value: 20 },
        { key: 'large', value: 50 },
      ],
      offVariation: 'standard',
      rules: [
        {
          id: 'rule-cart-pro',
          conditions: { attribute: 'plan', op: 'in', values: ['pro', 'enterprise'] },
          serve: { variation: 'large' },
        },
      ],
      fallthrough: { variation: 'standard' },
    },
    {
      key: 'homepage-hero',
      version: 5,
      on: true,
      variations: [
        { key: 'summer', value: { title: 'Summer sale', image: '/img/summer.png', ctaColor: '#ff7a00' } },
        { key: 'default', value: { title: 'Welcome to Acme', image: '/img/hero.png', ctaColor: '#0055ff' } },
      ],
      offVariation: 'default',
      rules: [
        {
          id: 'rule-hero-eu',
          conditions: { attribute: 'country', op: 'in', values: ['FR', 'DE', 'ES', 'IT'] },
          serve: { variation: 'summer' },
        },
      ],
      fallthrough: { variation: 'default' },
    },
    {
      key: 'pricing-page',
      version: 9,
      on: true,
      variations: [
        { key: 'off', value: null, metadata: { default: true } },
        { key: 'control', value: 'control', payload: { monthlyPrice: 10, badge: null } },
        { key: 'annual-discount', value: 'annual-discount', payload: { monthlyPrice: 8, badge: 'Save 20%' } },
      ],
      offVariation: 'off',
      rules: [
        {
          id: 'segment-uk',
          metadata: { segmentName: 'UK Users' },
          conditions: { attribute: '/user_properties/country', op: 'in', values: ['UK'], semantics: 'amplitude' },
          serve: { variation: 'annual-discount' },
        },
        {
          id: 'segment-all',
          metadata: { segmentName: 'All Other Users' },
          serve: {
            rollout: {
              kind: 'experiment',
              bucketing: { hash: 'amplitude', bucketBy: 'device_id', salt: 'xdfrewd' },
              allocation: [0, 50],
              variations: [
                { variation: 'control', weight: 21_474_837 },
                { variation: 'annual-discount', weight: 21_474_836 },
              ],
            },
          },
          onMiss: { variation: 'off' },
        },
      ],
      fallthrough: { variation: 'off' },
      metadata: {
        amplitude: {
          flagType: 'experiment',
          flagVersion: 9,
          deployed: true,
          evaluationMode: 'local',
          experimentKey: 'exp-pricing-1',
          deliveryMethod: 'feature',
        },
      },
    },
    {
      key: 'legacy-banner',
      version: 8,
      on: false,
      variations: [
        { key: 'hidden', value: false },
        { key: 'shown', value: true },
      ],
      offVariation: 'hidden',
      fallthrough: { variation: 'shown' },
    },
  ],
};
