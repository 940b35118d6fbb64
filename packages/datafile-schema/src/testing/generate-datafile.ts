// Generated datafiles for benchmarks and fuzz tests: always valid (no errors, no warnings).
import type { Bucketing, Datafile, Flag, HashMode, Rollout, WeightedVariation } from '../types.js';
import { BUCKET_SPACE } from '../types.js';
import { createRandom } from './random.js';
import type { Random } from './random.js';
import { variedDatafile } from './varied-datafile.js';

/** Options of {@link generateDatafile}. */
export interface GenerateDatafileOptions {
  /** Number of flags. */
  flags: number;
  /** Seed of the generator (same seed, same datafile). Default 1. */
  seed?: number;
  /** Hash mode of the rollouts. Default `ensign`; with `variety`, absent means a random mode per rollout. */
  hash?: HashMode;
  /**
   * false (default): the benchmark shape. true: every construct of the format (segments, audiences, cohorts,
   * prerequisites, targets, nested conditions of every operator and semantics, rollouts of every hash mode, variables,
   * holdouts, groups, ...), for fuzz and property tests.
   */
  variety?: boolean;
}

/** The bucketing spec of a generated rollout in a hash mode, with the fields that mode hashes. */
export function bucketingFor(hash: HashMode, flagKey: string, rnd: Random): Bucketing {
  switch (hash) {
    case 'optimizely':
      return { hash, entityId: String(rnd.int(1_000_000, 9_999_999)) };
    case 'launchdarkly':
      return { hash, salt: `salt-${rnd.int(0, 1e6)}`, hashKey: flagKey };
    case 'amplitude':
      return { hash, bucketBy: '/device_id', salt: `s${rnd.int(0, 1e6)}` };
    case 'growthbook-v1':
    case 'growthbook-v2':
      return { hash, bucketBy: 'id', seed: flagKey };
    default:
      return { hash }; // ensign: the seed defaults to the flag's salt, else its key
  }
}

/**
 * Splits a mode's bucket space over `variations` (plus a hole when `hole`) with random weights. They add up to
 * the whole space for LaunchDarkly (anything else would be warned about) and GrowthBook, and sometimes to less
 * for the other modes (the rest is a miss).
 */
export function splitFor(hash: HashMode, variations: readonly string[], rnd: Random, hole = false): WeightedVariation[] {
  const space = BUCKET_SPACE[hash];
  const keys: (string | null)[] = hole ? [...variations, null] : [...variations];
  const fractional = hash === 'growthbook-v1' || hash === 'growthbook-v2';
  const parts = keys.map(() => rnd.int(1, 10));
  const total = parts.reduce((a, b) => a + b, 0);
  const budget = !fractional && hash !== 'launchdarkly' && rnd.chance(0.2) ? Math.floor(space * 0.9) : space;
  const slices: WeightedVariation[] = [];
  let used = 0;
  for (let i = 0; i < keys.length; i++) {
    let weight: number;
    if (i === keys.length - 1) weight = fractional ? Math.max(0, Math.round((budget - used) * 1000) / 1000) : budget - used;
    else weight = fractional ? Math.round(((parts[i] as number) / total) * 1000) / 1000 : Math.floor((budget * (parts[i] as number)) / total);
    used += weight;
    slices.push({ variation: keys[i] as string | null, weight });
  }
  return slices;
}

/** A 50/50 rollout between `off` and `on` in a hash mode (the benchmark's fallthrough). */
function halfAndHalf(hash: HashMode, flagKey: string, rnd: Random): Rollout {
  const space = BUCKET_SPACE[hash];
  const first = hash === 'growthbook-v1' || hash === 'growthbook-v2' ? 0.5 : Math.ceil(space / 2);
  return {
    bucketing: bucketingFor(hash, flagKey, rnd),
    variations: [
      { variation: 'off', weight: first },
      { variation: 'on', weight: space - first },
    ],
  };
}

function benchmarkFlag(i: number, hash: HashMode, rnd: Random): Flag {
  const key = `flag-${i}`;
  return {
    key,
    on: true,
    variations: [
      { key: 'off', value: false },
      { key: 'on', value: true },
    ],
    offVariation: 'off',
    rules: [
      {
        id: 'pro-in-north-america',
        conditions: {
          and: [
            { attribute: 'country', op: 'in', values: ['US', 'CA'] },
            { attribute: 'plan', op: 'in', values: ['pro'] },
          ],
        },
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { rollout: halfAndHalf(hash, key, rnd) },
  };
}

/**
 * Generates a valid datafile of `flags` flags. The default (benchmark) shape gives every flag `off` / `on`
 * variations, one rule `country in [US, CA] and plan in [pro]` serving `on`, else a 50/50 rollout in the `hash`
 * mode. With `variety: true` it uses every construct of the format, chosen by the seed.
 *
 * @example
 * import { generateDatafile } from '@ensign/datafile-schema/testing';
 * const text = JSON.stringify(generateDatafile({ flags: 10_000 }));
 * const fuzz = generateDatafile({ flags: 20, seed: 7, variety: true });
 */
export function generateDatafile(options: GenerateDatafileOptions): Datafile {
  const count = Math.max(0, Math.floor(options.flags));
  const rnd = createRandom(options.seed ?? 1);
  if (options.variety === true) return variedDatafile(count, rnd, options.hash);
  const hash = options.hash ?? 'ensign';
  const flags: Flag[] = [];
  for (let i = 0; i < count; i++) flags.push(benchmarkFlag(i, hash, rnd));
  return { schemaVersion: 1, revision: `generated-${options.seed ?? 1}-${count}`, environment: 'benchmark', flags };
}
