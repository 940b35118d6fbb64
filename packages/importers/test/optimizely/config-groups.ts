// Configuration "groups": a `random` mutual-exclusion group across two flags (with a hole and a member that no flag
// uses), an `overlapping` group, a global holdout with an audience, a draft holdout, a local holdout on an
// experiment and a delivery rule, two flags sharing one feature id and variable ids, and a rule whose variations
// share keys with another rule's under other ids.
import { allocation, datafile, leaf, rule, variation } from './builders.js';
import type { OptimizelyConfig } from './differential.js';

const a1 = variation('6201', 'a', true, { '5201': 'one' });
const b1 = variation('6202', 'b', true, { '5201': 'two' });
// Same key and same decision as a1 under another id: merged. (A same key with another decision would be imported
// as `a~6203`, a documented limit of the native format: see import-optimizely.test.ts.)
const a2 = variation('6203', 'a', true, { '5201': 'one' });
const b2 = variation('6204', 'b-off', false);

const groupRandom = {
  id: '1500',
  policy: 'random',
  trafficAllocation: allocation(['7201', 3000], ['', 4000], ['7202', 7000], ['7299', 10_000]),
  experiments: [
    rule('7201', 'search_ranking', { variations: [a1, b1], trafficAllocation: allocation(['6201', 5000], ['6202', 10_000]) }),
    rule('7202', 'search_filters', { audienceIds: ['310'], variations: [a2, b2], trafficAllocation: allocation(['6203', 5000], ['6204', 10_000]) }),
    rule('7299', 'unused_member', { variations: [a1], trafficAllocation: allocation(['6201', 10_000]) }),
  ],
};

const groupOverlapping = {
  id: '1600',
  policy: 'overlapping',
  trafficAllocation: [],
  experiments: [rule('7301', 'overlap_exp', { variations: [a1, b1], trafficAllocation: allocation(['6201', 4000], ['6202', 8000]) })],
};

const holdoutVariation = (id: string) => ({ id, key: 'holdout_off', featureEnabled: false, variables: [] });

/** The "groups" configuration and the flag keys to decide. */
export function groupsConfig(): OptimizelyConfig {
  const shared = [{ id: '5201', key: 'copy', type: 'string', defaultValue: 'default copy' }];
  return {
    datafile: datafile({
      attributes: ['country', 'plan'].map((key, i) => ({ id: String(920 + i), key })),
      audiences: [
        { id: '310', name: 'pro', conditions: JSON.stringify(['or', leaf('plan', 'exact', 'pro')]) },
        { id: '311', name: 'not FR', conditions: JSON.stringify(['not', leaf('country', 'exact', 'FR')]) },
      ],
      groups: [groupRandom, groupOverlapping],
      rollouts: [
        {
          id: '8200',
          experiments: [
            rule('8201', 'search_us', { audienceConditions: ['or', '311'], variations: [a1], trafficAllocation: allocation(['6201', 2000]) }),
            rule('8202', 'search_everyone', { variations: [b1, a1], trafficAllocation: allocation(['6202', 5000], ['6201', 10_000]) }),
          ],
        },
      ],
      holdouts: [
        {
          id: '1700',
          key: 'global_holdout',
          status: 'Running',
          audienceIds: ['311'],
          variations: [holdoutVariation('6701')],
          trafficAllocation: allocation(['6701', 800]),
        },
        { id: '1701', key: 'draft_holdout', status: 'Draft', audienceIds: [], variations: [holdoutVariation('6702')], trafficAllocation: allocation(['6702', 10_000]) },
      ],
      localHoldouts: [
        {
          id: '1800',
          key: 'local_holdout',
          status: 'Running',
          audienceIds: [],
          includedRules: ['7202', '8201'],
          variations: [holdoutVariation('6801')],
          trafficAllocation: allocation(['6801', 2500]),
        },
      ],
      featureFlags: [
        { id: '4101', key: 'search', rolloutId: '8200', experimentIds: ['7201', '7202'], variables: shared },
        { id: '4101', key: 'search-copy', rolloutId: '', experimentIds: ['7202', '7301'], variables: shared },
        { id: '4103', key: 'overlapping', rolloutId: '8200', experimentIds: ['7301'], variables: [] },
      ],
    }),
    flagKeys: ['search', 'search-copy', 'overlapping'],
    forced: [
      { flagKey: 'search-copy', ruleKey: 'search_filters', variationKey: 'b-off' },
      { flagKey: 'overlapping', variationKey: 'b' },
    ],
  };
}
