// The benchmark flags as a native Ensign datafile, in any hash mode. In a vendor's hash mode the rollout carries
// exactly the hash inputs that vendor's configuration (src/peers/*) uses, so Ensign must put every user in the same
// half as that vendor: the cross-check of the smoke test.
import type { Bucketing, Datafile, Flag, HashMode, WeightedVariation } from '@ensign/datafile-schema';
import { optimizelyIds } from '../peers/optimizely-datafile.js';
import { FLAG_COUNT, flagKey, flagSalt, RULE_COUNTRIES, RULE_PLAN, ruleId } from '../workload/spec.js';

/** The hash modes the benchmark datafile can be written in (the vendor ones line up with src/peers). */
export type BenchHashMode = Extract<HashMode, 'ensign' | 'optimizely' | 'launchdarkly' | 'amplitude' | 'growthbook-v2'>;

function bucketing(mode: BenchHashMode, i: number): Bucketing {
  switch (mode) {
    case 'ensign':
      return { hash: 'ensign', seed: flagSalt(i) };
    case 'optimizely':
      // Optimizely hashes bucketingId + the id of the rule that buckets: the "Everyone Else" delivery rule.
      return { hash: 'optimizely', entityId: optimizelyIds.everyoneElseRule(i) };
    case 'launchdarkly':
      return { hash: 'launchdarkly', hashKey: flagKey(i), salt: flagSalt(i) };
    case 'amplitude':
      return { hash: 'amplitude', salt: flagSalt(i) };
    case 'growthbook-v2':
      return { hash: 'growthbook-v2', seed: flagSalt(i) };
  }
}

/** The 50/50 split in each mode's bucket space, laid out as that vendor lays it out (off first). */
function split(mode: BenchHashMode): WeightedVariation[] {
  switch (mode) {
    case 'ensign':
    case 'launchdarkly':
      return [
        { variation: 'off', weight: 50_000 },
        { variation: 'on', weight: 50_000 },
      ];
    case 'optimizely':
      return [
        { variation: 'off', weight: 5_000 },
        { variation: 'on', weight: 5_000 },
      ];
    case 'amplitude':
      // Amplitude's distribution space is [0, 42949673); its UI splits it at 21474837.
      return [
        { variation: 'off', weight: 21_474_837 },
        { variation: 'on', weight: 21_474_836 },
      ];
    case 'growthbook-v2':
      return [
        { variation: 'off', weight: 0.5 },
        { variation: 'on', weight: 0.5 },
      ];
  }
}

/**
 * Where the rule reads the plan: `plan` for contexts that carry it at the top level (LaunchDarkly and Optimizely
 * style), `/user_properties/plan` for Amplitude users (custom properties live under `user_properties`).
 */
export type PlanAttribute = 'plan' | '/user_properties/plan';

/** Benchmark flag `i` in the native format. */
export function ensignFlag(i: number, mode: BenchHashMode = 'ensign', planAttribute: PlanAttribute = 'plan'): Flag {
  return {
    key: flagKey(i),
    on: true,
    salt: flagSalt(i),
    variations: [
      { key: 'off', value: false },
      { key: 'on', value: true },
    ],
    offVariation: 'off',
    rules: [
      {
        id: ruleId(i),
        conditions: {
          and: [
            { attribute: 'country', op: 'in', values: [...RULE_COUNTRIES] },
            { attribute: planAttribute, op: 'in', values: [RULE_PLAN] },
          ],
        },
        serve: { variation: 'on' },
      },
    ],
    fallthrough: {
      rollout: {
        bucketing: bucketing(mode, i),
        variations: split(mode),
        ...(mode === 'amplitude' ? { allocation: [0, 100] as [number, number] } : {}),
        // A GrowthBook split between variations is an experiment rule (a `rollout` there is a force rule with coverage).
        ...(mode === 'growthbook-v2' ? { kind: 'experiment' as const } : {}),
      },
    },
  };
}

/** The native datafile of the first `n` benchmark flags. */
export function ensignDatafile(n: number = FLAG_COUNT, mode: BenchHashMode = 'ensign', planAttribute: PlanAttribute = 'plan'): Datafile {
  return {
    schemaVersion: 1,
    revision: '1',
    environment: 'bench',
    flags: Array.from({ length: n }, (_, i) => ensignFlag(i, mode, planAttribute)),
  };
}
