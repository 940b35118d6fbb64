// GrowthBook payloads for the differential tests: together they use every construct the importer supports.
// "conditions": force rules over every Mongo operator, dot paths, arrays, versions and saved groups.
// "rollouts": force rules with coverage (both hash versions), ranges, seeds, hash attributes and filters.
// "experiments": weights, coverage, explicit ranges with gaps, passthrough variations, namespaces, filters, seeds,
// both hash versions, bad weights, a condition, a fallback attribute, a one-variation experiment.
// "prerequisites": gating and non-gating parent conditions, chains, an experiment parent, a missing parent.

/** A GrowthBook payload and the feature keys to evaluate. */
export interface GrowthBookConfig {
  readonly name: string;
  readonly payload: Record<string, unknown>;
  readonly featureKeys: readonly string[];
}

const conditions: GrowthBookConfig = {
  name: 'conditions',
  payload: {
    savedGroups: { staff: ['u-1', 'u-2', 'u-3', 'ユーザー4'], 'big-ids': [7, 11, 13] },
    features: {
      'cond-basic': {
        defaultValue: 'none',
        rules: [
          { id: 'r-in', condition: { country: { $in: ['US', 'CA'] }, plan: 'pro' }, force: 'us-pro' },
          { id: 'r-num', condition: { age: { $gte: 18, $lt: 65 } }, force: 'adult' },
          { id: 'r-ne', condition: { plan: { $ne: 'free' }, beta: true }, force: 'beta-paid' },
          { id: 'r-exists', condition: { email: { $exists: false } }, force: 'no-email' },
        ],
      },
      'cond-logic': {
        defaultValue: 0,
        rules: [
          { id: 'or', condition: { $or: [{ country: 'FR' }, { age: { $gt: 70 } }] }, force: 1 },
          { id: 'nor', condition: { $nor: [{ plan: 'pro' }, { plan: 'free' }] }, force: 2 },
          { id: 'not', condition: { $not: { email: { $regex: '@example\\.com$' } } }, force: 3 },
          { id: 'and', condition: { $and: [{ age: { $type: 'number' } }, { age: { $nin: [30, 40] } }] }, force: 4 },
        ],
      },
      'cond-arrays': {
        defaultValue: { tier: 'none' },
        rules: [
          { id: 'elem', condition: { tags: { $elemMatch: { $eq: 'vip' } } }, force: { tier: 'vip' } },
          { id: 'size', condition: { tags: { $size: { $gte: 3 } } }, force: { tier: 'many' } },
          { id: 'all', condition: { tags: { $all: ['a', 'b'] } }, force: { tier: 'ab' } },
          { id: 'plain-in', condition: { tags: 'beta' }, force: { tier: 'beta' } },
        ],
      },
      'cond-versions': {
        defaultValue: 'old',
        rules: [
          { id: 'v-gt', condition: { version: { $vgt: '2.1.0' } }, force: 'new' },
          { id: 'v-eq', condition: { version: { $veq: '2.0.0' } }, force: 'exact' },
          { id: 'v-lte', condition: { version: { $vlte: '1.9.9-beta' } }, force: 'ancient' },
        ],
      },
      'cond-paths-groups': {
        defaultValue: false,
        rules: [
          { id: 'city', condition: { 'address.city': { $regexi: '^par' } }, force: 'paris' },
          { id: 'staff', condition: { id: { $inGroup: 'staff' } }, force: 'staff' },
          { id: 'not-big', condition: { num: { $notInGroup: 'big-ids' }, country: { $exists: true } }, force: 'not-big' },
          { id: 'bool', condition: { beta: false }, force: 'beta-false' },
        ],
      },
    },
  },
  featureKeys: ['cond-basic', 'cond-logic', 'cond-arrays', 'cond-versions', 'cond-paths-groups'],
};

const rollouts: GrowthBookConfig = {
  name: 'rollouts',
  payload: {
    features: {
      'roll-v1': { defaultValue: 'off', rules: [{ id: 'cov', force: 'on', coverage: 0.3 }] },
      'roll-v2': { defaultValue: 'off', rules: [{ id: 'cov2', force: 'on', coverage: 0.6, hashVersion: 2, seed: 'seed-2', hashAttribute: 'company' }, { force: 'fallback', coverage: 1 }] },
      'roll-range': { defaultValue: 0, rules: [{ id: 'range', force: 7, range: [0.2, 0.5], coverage: 0.01, hashVersion: 2 }, { id: 'zero', force: 8, coverage: 0 }] },
      'roll-filters': {
        defaultValue: 'out',
        rules: [
          { id: 'f', force: 'in', filters: [{ seed: 'filter-seed', ranges: [[0, 0.25], [0.5, 0.75]] }, { seed: 'other', ranges: [[0, 0.8]], hashVersion: 1, attribute: 'deviceId' }] },
          { id: 'cond-cov', force: 'cond', condition: { country: 'US' }, coverage: 0.5, hashAttribute: 'deviceId' },
        ],
      },
    },
  },
  featureKeys: ['roll-v1', 'roll-v2', 'roll-range', 'roll-filters'],
};

const experiments: GrowthBookConfig = {
  name: 'experiments',
  payload: {
    features: {
      'exp-weights': {
        defaultValue: 'control-default',
        rules: [
          {
            id: 'w',
            key: 'checkout-test',
            variations: ['a', 'b', 'c'],
            weights: [0.2, 0.3, 0.5],
            coverage: 0.8,
            hashVersion: 2,
            seed: 'checkout-seed',
            meta: [{ key: 'ctl' }, { key: 'one' }, { key: 'two' }],
            name: 'Checkout',
            phase: '1',
          },
        ],
      },
      'exp-ranges': {
        defaultValue: -1,
        rules: [
          { id: 'holdout', key: 'holdout', variations: [1, 2], hashVersion: 2, ranges: [[0, 0.1], [0.1, 1]], meta: [{}, { passthrough: true }] },
          { id: 'gappy', key: 'gappy', variations: [3, 4, 5], ranges: [[0, 0.3], [0.4, 0.6]] },
          { id: 'after', force: 9 },
        ],
      },
      'exp-namespace': {
        defaultValue: { layout: 'list' },
        rules: [{ id: 'ns', key: 'layout', variations: [{ layout: 'grid' }, { layout: 'cards' }], namespace: ['pricing', 0.2, 0.7], hashAttribute: 'deviceId' }],
      },
      'exp-filters': {
        defaultValue: 'x',
        rules: [
          {
            id: 'fl',
            key: 'filtered',
            variations: ['p', 'q'],
            hashVersion: 2,
            filters: [{ seed: 'f1', ranges: [[0, 0.6]] }, { seed: 'f2', ranges: [[0.1, 0.9]], attribute: 'company', hashVersion: 1 }],
            namespace: ['ignored-with-filters', 0, 0.01],
          },
        ],
      },
      'exp-misc': {
        defaultValue: 'default',
        rules: [
          { id: 'one', key: 'one-variation', variations: ['only'] },
          { id: 'bad-weights', key: 'bad-weights', variations: ['bw0', 'bw1'], weights: [0.2, 0.3], condition: { plan: 'pro' } },
          { id: 'fallback', key: 'fb', variations: ['fb0', 'fb1', 'fb2'], hashAttribute: 'company', fallbackAttribute: 'deviceId', coverage: 0.5 },
        ],
      },
    },
  },
  featureKeys: ['exp-weights', 'exp-ranges', 'exp-namespace', 'exp-filters', 'exp-misc'],
};

const prerequisites: GrowthBookConfig = {
  name: 'prerequisites',
  payload: {
    features: {
      parent: { defaultValue: 'silver', rules: [{ condition: { country: 'CA' }, force: 'red' }, { condition: { country: { $in: ['US', 'FR'] } }, force: 'green' }] },
      'parent-exp': { defaultValue: 0, rules: [{ key: 'parent-exp', variations: [0, 1], hashVersion: 2 }] },
      'child-gated': {
        defaultValue: 'child-default',
        rules: [{ parentConditions: [{ id: 'parent', condition: { value: { $ne: 'silver' } }, gate: true }] }, { condition: { plan: 'pro' }, force: 'child-pro' }],
      },
      'child-soft': {
        defaultValue: 'soft-default',
        rules: [
          { id: 'soft', parentConditions: [{ id: 'parent', condition: { value: 'green' } }], force: 'soft-green' },
          { id: 'exp-child', parentConditions: [{ id: 'parent-exp', condition: { value: 1 } }], key: 'child-exp', variations: ['e0', 'e1'], hashVersion: 2 },
        ],
      },
      'child-order': {
        defaultValue: 'order-default',
        rules: [
          {
            id: 'mixed',
            parentConditions: [
              { id: 'parent', condition: { value: { $in: ['red', 'green'] } } },
              { id: 'parent-exp', condition: { value: 1 }, gate: true },
            ],
            force: 'both',
          },
        ],
      },
      grandchild: { defaultValue: 'gc', rules: [{ parentConditions: [{ id: 'child-gated', condition: { value: { $exists: true } }, gate: true }], force: 'gc-on' }] },
      orphan: {
        defaultValue: 'orphan',
        rules: [{ id: 'missing', parentConditions: [{ id: 'no-such-feature', condition: { value: { $exists: false } } }], condition: { plan: 'pro' }, force: 'parent-missing' }],
      },
    },
  },
  featureKeys: ['child-gated', 'child-soft', 'child-order', 'grandchild', 'orphan'],
};

/** Every configuration, by name. */
export const CONFIGS = { conditions, rollouts, experiments, prerequisites } as const;
