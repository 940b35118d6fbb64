// The Optimizely face's user context against Optimizely's SDK: an empty user id decides normally, `decideForKeys`
// with ENABLED_FLAGS_ONLY keeps the error decision of an unknown key, one `decideAll` looks the profile up once, and
// the `$opt_experiment_bucket_map` attribute makes bucketing sticky with or without a user profile service.
import { OptimizelyDecideOption } from '@optimizely/optimizely-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { rolloutsConfig } from '../../../packages/importers/test/optimizely/config-rollouts.js';
import { answerOf, answersOf, CountingProfiles, openPair, withoutUnportable, type Pair } from './optimizely-pair.js';

const REASONS = [OptimizelyDecideOption.INCLUDE_REASONS, OptimizelyDecideOption.DISABLE_DECISION_EVENT];
const config = rolloutsConfig();
const datafile = withoutUnportable(config.datafile);
let pair: Pair | undefined;

afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('createUserContext with an empty user id', () => {
  it('decides every flag as Optimizely does, reasons included', async () => {
    pair = await openPair(datafile);
    for (const attributes of [{}, { age: 30, country: 'US' }, { plan: 'pro', beta: true }, { age: 40, $opt_bucketing_id: 'household-3' }]) {
      const theirs = pair.vendor.createUserContext('', attributes);
      const ours = pair.ensign.createUserContext('', attributes);
      for (const flagKey of config.flagKeys) {
        const expected = answerOf(theirs.decide(flagKey, REASONS));
        expect(expected['reasons']).not.toEqual([]);
        expect(answerOf(ours.decide(flagKey, REASONS as never))).toEqual(expected);
      }
      expect(answersOf(ours.decideAll(REASONS as never))).toEqual(answersOf(theirs.decideAll(REASONS)));
    }
  });
});

describe('decideForKeys with ENABLED_FLAGS_ONLY', () => {
  it('keeps the error decision of an unknown key and leaves out disabled flags, as Optimizely', async () => {
    pair = await openPair(datafile);
    const keys = ['checkout', 'no-such-flag', 'no-rules', 'bucketing'];
    for (let n = 0; n < 50; n++) {
      const attributes = { age: 20 + n, country: n % 2 === 0 ? 'US' : 'FR' };
      const expected = answersOf(pair.vendor.createUserContext(`user-${n}`, attributes).decideForKeys(keys, [OptimizelyDecideOption.ENABLED_FLAGS_ONLY]));
      expect(expected['no-such-flag']).toBeDefined();
      expect(expected['no-rules']).toBeUndefined();
      const actual = answersOf(pair.ensign.createUserContext(`user-${n}`, attributes).decideForKeys(keys, ['ENABLED_FLAGS_ONLY']));
      expect(actual).toEqual(expected);
    }
  });
});

describe('user profile service', () => {
  it('is looked up once and saved once per decideAll, as Optimizely', async () => {
    const services: CountingProfiles[] = [];
    pair = await openPair(datafile, { userProfileService: () => services[services.push(new CountingProfiles()) - 1] as CountingProfiles });
    const [theirs, ours] = services as [CountingProfiles, CountingProfiles];
    for (let n = 0; n < 30; n++) {
      const attributes = { age: 30, plan: 'pro' };
      const before = [theirs.lookups, ours.lookups, theirs.saves, ours.saves];
      const expected = answersOf(pair.vendor.createUserContext(`user-${n}`, attributes).decideAll(REASONS));
      const actual = answersOf(pair.ensign.createUserContext(`user-${n}`, attributes).decideAll(REASONS as never));
      expect(actual).toEqual(expected);
      expect(theirs.lookups - (before[0] as number)).toBe(1);
      expect(ours.lookups - (before[1] as number)).toBe(1);
      expect(ours.saves - (before[3] as number)).toBe(theirs.saves - (before[2] as number));
    }
    // The saved profiles are the same, and a second decideAll is sticky on both sides.
    expect([...ours.profiles.entries()].sort()).toEqual([...theirs.profiles.entries()].sort());
    expect(theirs.profiles.size).toBeGreaterThan(0);
  });
});

describe('the $opt_experiment_bucket_map attribute', () => {
  const stored = ['6001', '6002', '6003', '6004', 'no-such-variation'];
  const attributesOf = (n: number): Record<string, never> => ({
    age: 30,
    plan: 'pro',
    $opt_experiment_bucket_map: { '7001': { variation_id: stored[n % stored.length] }, '7101': { variation_id: n % 2 === 0 ? '6102' : '6103' } },
  }) as never;

  it('makes bucketing sticky without a user profile service, as Optimizely', async () => {
    pair = await openPair(datafile);
    let sticky = 0;
    for (let n = 0; n < 60; n++) {
      const theirs = pair.vendor.createUserContext(`user-${100 + n}`, attributesOf(n));
      const ours = pair.ensign.createUserContext(`user-${100 + n}`, attributesOf(n));
      for (const flagKey of ['checkout', 'bucketing']) {
        const expected = answerOf(theirs.decide(flagKey, REASONS));
        if ((expected['reasons'] as string[]).some((r) => r.includes('from user profile'))) sticky++;
        expect(answerOf(ours.decide(flagKey, REASONS as never))).toEqual(expected);
      }
    }
    expect(sticky).toBeGreaterThan(30);
  });

  it('wins over the profile service and is saved with it, as Optimizely', async () => {
    const services: CountingProfiles[] = [];
    const seeded = () => {
      const s = new CountingProfiles();
      for (let n = 0; n < 40; n++) s.profiles.set(`user-${200 + n}`, { user_id: `user-${200 + n}`, experiment_bucket_map: { '7001': { variation_id: '6002' }, '7003': { variation_id: '6002' } } });
      services.push(s);
      return s;
    };
    pair = await openPair(datafile, { userProfileService: seeded });
    for (let n = 0; n < 40; n++) {
      const expected = answersOf(pair.vendor.createUserContext(`user-${200 + n}`, attributesOf(n)).decideAll(REASONS));
      const actual = answersOf(pair.ensign.createUserContext(`user-${200 + n}`, attributesOf(n)).decideAll(REASONS as never));
      expect(actual).toEqual(expected);
    }
    const [theirs, ours] = services as [CountingProfiles, CountingProfiles];
    expect([...ours.profiles.entries()].sort()).toEqual([...theirs.profiles.entries()].sort());
  });
});
