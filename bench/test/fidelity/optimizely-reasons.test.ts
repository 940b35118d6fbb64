// Reasons with INCLUDE_REASONS: Ensign's Optimizely face gives Optimizely 6's messages word for word and in the same
// order, on the importers' differential configurations (experiments, delivery rules, "Everyone Else", groups,
// holdouts, whitelists, forced decisions, audiences of every operator) and generated users.
import { OptimizelyDecideOption } from '@optimizely/optimizely-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audiencesConfig } from '../../../packages/importers/test/optimizely/config-audiences.js';
import { groupsConfig } from '../../../packages/importers/test/optimizely/config-groups.js';
import { rolloutsConfig } from '../../../packages/importers/test/optimizely/config-rollouts.js';
import type { OptimizelyConfig } from '../../../packages/importers/test/optimizely/differential.js';
import { generateUsers } from '../../../packages/importers/test/optimizely/users.js';
import { openPair, withoutUnportable, type Pair } from './optimizely-pair.js';

const USERS = 400;


const CONFIGS: readonly (readonly [string, () => Pick<OptimizelyConfig, 'datafile' | 'flagKeys' | 'forced'>])[] = [
  ['rollouts', rolloutsConfig],
  ['groups', groupsConfig],
  ...[0, 1, 2, 3, 4].map((part) => [`audiences-${part + 1}`, () => audiencesConfig(part)] as const),
];

describe.each(CONFIGS)('reasons on configuration "%s"', (name, make) => {
  const config = make();
  let pair: Pair;
  beforeAll(async () => {
    pair = await openPair(withoutUnportable(config.datafile));
  });
  afterAll(async () => {
    await pair?.close();
  });

  it(`lists Optimizely's reasons word for word for ${USERS} users on every flag`, () => {
    const options = [OptimizelyDecideOption.INCLUDE_REASONS, OptimizelyDecideOption.DISABLE_DECISION_EVENT];
    const mismatches: string[] = [];
    let compared = 0;
    generateUsers(USERS, 1_000 + name.length).forEach((user, n) => {
      const theirs = pair.vendor.createUserContext(user.id, { ...user.attributes } as never);
      const ours = pair.ensign.createUserContext(user.id, { ...user.attributes });
      if (user.segments !== null) {
        theirs.qualifiedSegments = [...user.segments];
        ours.setQualifiedSegments([...user.segments]);
      }
      const forced = config.forced?.[n % 20];
      if (forced !== undefined) {
        const context = { flagKey: forced.flagKey, ...(forced.ruleKey !== undefined ? { ruleKey: forced.ruleKey } : {}) };
        theirs.setForcedDecision(context, { variationKey: forced.variationKey });
        ours.setForcedDecision(context, { variationKey: forced.variationKey });
      }
      for (const flagKey of config.flagKeys) {
        const expected = theirs.decide(flagKey, options).reasons;
        const actual = ours.decide(flagKey, options as never).reasons;
        compared += expected.length;
        if (JSON.stringify(expected) !== JSON.stringify(actual) && mismatches.length < 5) {
          mismatches.push(`flag ${flagKey}, user ${JSON.stringify(user)}\n  optimizely ${JSON.stringify(expected, null, 1)}\n  ensign     ${JSON.stringify(actual, null, 1)}`);
        }
      }
    });
    expect(mismatches.join('\n')).toBe('');
    expect(compared).toBeGreaterThan(USERS * config.flagKeys.length * 2);
  });
});
