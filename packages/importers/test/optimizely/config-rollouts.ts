// Configuration "rollouts": experiments with partial traffic and holes, a paused experiment, a whitelist that
// reaches a variation without traffic, an `fr` experiment, delivery rules that jump to "Everyone Else", variables of
// every type with overrides (and a disabled variation that has some), defaults that do not cast, a flag without
// rules, a contextual bandit (skipped by a synchronous decide), a flag sharing another's rollout (whose variable usages are not its variables), and `$opt_bucketing_id`.
import { allocation, datafile, leaf, rule, variation } from './builders.js';
import type { OptimizelyConfig } from './differential.js';

const vars = [
  { id: '5001', key: 'show_banner', type: 'boolean', defaultValue: 'false' },
  { id: '5002', key: 'discount', type: 'integer', defaultValue: '5' },
  { id: '5003', key: 'ratio', type: 'double', defaultValue: '0.25' },
  { id: '5004', key: 'label', type: 'string', defaultValue: 'Buy' },
  { id: '5005', key: 'config', type: 'string', subType: 'json', defaultValue: '{"steps":1}' },
  { id: '5006', key: 'extra', type: 'json', defaultValue: '[1,2]' },
  { id: '5007', key: 'broken', type: 'integer', defaultValue: 'not a number' },
];

const control = variation('6001', 'control', true, { '5001': 'true', '5002': '10', '5004': 'Buy now', '5006': '"just text"' });
const treatment = variation('6002', 'treatment', true, { '5002': '15abc', '5003': '0.5', '5005': '{"steps":3}', '5006': '{"a":null}', '5007': '7' });
const dark = variation('6003', 'dark', false, { '5001': 'true', '5004': 'ignored while disabled' });
const vip = variation('6004', 'vip', true, { '5004': 'VIP' });
const off = variation('6005', 'off', false);
const on = variation('6006', 'on', true, { '5001': 'true' });
const onAgain = variation('6007', 'on', true, { '5001': 'true' });

const checkoutExperiments = [
  rule('7001', 'checkout_ab', {
    audienceConditions: ['or', '300'],
    variations: [control, treatment, dark, vip],
    trafficAllocation: allocation(['6001', 2500], ['6002', 5000], ['', 6000], ['6003', 8000]),
    forcedVariations: { 'user-7': 'vip', 'user-8': 'treatment', 'user-9': 'no-such-variation' },
  }),
  rule('7002', 'checkout_paused', { status: 'Paused', variations: [control], trafficAllocation: allocation(['6001', 10_000]), forcedVariations: { 'user-10': 'control' } }),
  rule('7003', 'checkout_fr', { type: 'fr', audienceIds: ['301'], variations: [treatment], trafficAllocation: allocation(['6002', 3000]) }),
];

const checkoutRollout = {
  id: '8000',
  experiments: [
    rule('8001', 'checkout_us', { audienceIds: ['302'], variations: [on], trafficAllocation: allocation(['6006', 5000]) }),
    rule('8002', 'checkout_beta', { audienceIds: ['303'], variations: [onAgain], trafficAllocation: allocation(['6007', 10_000]) }),
    rule('8003', 'checkout_everyone', { variations: [off, on], trafficAllocation: allocation(['6005', 1500], ['6006', 3000]) }),
  ],
};

const bucketingExperiment = rule('7101', 'bucketing_ab', {
  variations: [variation('6101', 'a', true), variation('6102', 'b', true), variation('6103', 'c', false)],
  trafficAllocation: allocation(['6101', 3333], ['6102', 6666], ['6103', 9999]),
});

// A contextual bandit: its variation comes from Optimizely's CMAB service, so a synchronous decide passes over it.
const bandit = {
  ...rule('7102', 'bandit', { variations: [variation('6104', 'arm-1', true), variation('6105', 'arm-2', true)], trafficAllocation: allocation(['6104', 5000], ['6105', 10_000]) }),
  cmab: { trafficAllocation: 8000, attributeIds: ['910'] },
};

/** The "rollouts" configuration and the flag keys to decide. */
export function rolloutsConfig(): OptimizelyConfig {
  return {
    datafile: datafile({
      attributes: ['country', 'plan', 'age', 'beta'].map((key, i) => ({ id: String(910 + i), key })),
      audiences: [
        { id: '300', name: 'adults', conditions: JSON.stringify(['or', leaf('age', 'ge', 18)]) },
        { id: '301', name: 'pro', conditions: JSON.stringify(['or', leaf('plan', 'exact', 'pro')]) },
        { id: '302', name: 'US', conditions: JSON.stringify(['or', leaf('country', 'exact', 'US')]) },
        { id: '303', name: 'beta', conditions: JSON.stringify(['or', leaf('beta', 'exact', true)]) },
      ],
      events: [{ id: '9001', key: 'purchase', experimentIds: ['7001', '7003'] }],
      experiments: [...checkoutExperiments, bandit, bucketingExperiment],
      rollouts: [
        checkoutRollout,
        { id: '8100', experiments: [] },
        {
          id: '8200',
          experiments: [
            // An empty `audienceConditions` is present, so it wins over `audienceIds` (the SDK reads `a || b`).
            rule('8201', 'empty_conditions', { audienceConditions: [], audienceIds: ['302'], variations: [on], trafficAllocation: allocation(['6006', 3000]) }),
            rule('8202', 'empty_everyone', { variations: [off], trafficAllocation: allocation(['6005', 10_000]) }),
          ],
        },
      ],
      featureFlags: [
        { id: '4001', key: 'checkout', rolloutId: '8000', experimentIds: ['7002', '7001', '7003'], variables: vars },
        { id: '4002', key: 'bucketing', rolloutId: '', experimentIds: ['7102', '7101'], variables: [] },
        { id: '4003', key: 'no-rules', rolloutId: '8100', experimentIds: [], variables: [{ id: '5101', key: 'limit', type: 'integer', defaultValue: '3' }] },
        { id: '4004', key: 'shares-rollout', rolloutId: '8000', experimentIds: [], variables: [] },
        { id: '4005', key: 'empty-conditions', rolloutId: '8200', experimentIds: [], variables: [] },
      ],
    }),
    flagKeys: ['checkout', 'bucketing', 'no-rules', 'shares-rollout', 'empty-conditions'],
    // Forced decisions reach variations without traffic (vip), rule-level ones apply when the rule is reached, and
    // an unknown variation key is ignored.
    forced: [
      { flagKey: 'checkout', variationKey: 'vip' },
      { flagKey: 'checkout', ruleKey: 'checkout_everyone', variationKey: 'dark' },
      { flagKey: 'checkout', ruleKey: 'checkout_ab', variationKey: 'off' },
      { flagKey: 'bucketing', variationKey: 'no-such-variation' },
      { flagKey: 'shares-rollout', ruleKey: 'checkout_us', variationKey: 'control' },
    ],
  };
}
