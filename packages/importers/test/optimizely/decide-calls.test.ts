// `decideAll` and `decideForKeys` of the Optimizely face beside Optimizely's SDK, with each decide option and with
// keys it does not know and keys given twice: the same decisions, in the same key order (Optimizely answers unknown
// keys first), the same variables or none, the same reasons (a key given twice is decided twice, the second time
// from the call's profile).
import { createInstance, createStaticProjectConfigManager, OptimizelyDecideOption as O, type OptimizelyDecision } from '@optimizely/optimizely-sdk';
import { createClient } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { groupsConfig } from './config-groups.js';
import { rolloutsConfig } from './config-rollouts.js';
import { generateUsers } from './users.js';

/** The record of a call, keys in order: each decision's variation, enabled, rule, flag, variables and reasons. */
function form(record: Record<string, unknown>): string {
  return JSON.stringify(
    Object.entries(record).map(([key, d]) => {
      const decision = d as OptimizelyDecision;
      return [key, decision.variationKey, decision.enabled, decision.ruleKey, decision.flagKey, decision.variables, decision.reasons];
    }),
  );
}

const OPTIONS: O[][] = [[], [O.ENABLED_FLAGS_ONLY], [O.EXCLUDE_VARIABLES], [O.INCLUDE_REASONS], [O.ENABLED_FLAGS_ONLY, O.EXCLUDE_VARIABLES, O.INCLUDE_REASONS]];

describe("decideAll and decideForKeys, against Optimizely's SDK", () => {
  // "groups" with variation "a" under one id: the importer merges its two ids per flag (documented), so a flag sharing
  // an experiment with another would not find the call's "previously activated" variation by id (reasons.test.ts).
  const groups = groupsConfig();
  const sharedIds = { ...groups, datafile: JSON.parse(JSON.stringify(groups.datafile).replaceAll('"6203"', '"6201"')) as Record<string, unknown> };
  for (const [name, config] of [['rollouts', rolloutsConfig()], ['groups, one id per variation', sharedIds]] as const) {
    it(`give the same records, in the same key order, for every option and key list ("${name}")`, async () => {
      const text = JSON.stringify(config.datafile);
      const vendor = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: text }) });
      const imported = importOptimizelyDatafile(text);
      if (!imported.ok) throw new Error('import failed');
      const ensign = createClient({ datafile: imported.datafile, logger: { debug() {}, info() {}, warn() {}, error() {} } });
      await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
      const [first, second] = config.flagKeys;
      const lists: (string[] | null)[] = [null, [], ['nope'], [second as string, 'nope', first as string, second as string, 'other-nope'], [...config.flagKeys].reverse()];
      const mismatches: string[] = [];
      try {
        for (const user of generateUsers(40, 131).filter((u) => u.id !== 'user-9')) {
          const theirs = vendor.createUserContext(user.id, { ...user.attributes } as never);
          if (theirs === null) throw new Error('Optimizely refused a user');
          const ours = ensign.createUserContext(user.id, { ...user.attributes });
          for (const keys of lists) {
            for (const options of OPTIONS) {
              const a = form(keys === null ? theirs.decideAll(options) : theirs.decideForKeys(keys, options));
              const b = form((keys === null ? ours.decideAll(options as never) : ours.decideForKeys(keys, options as never)) as never);
              if (a !== b && mismatches.length < 3) mismatches.push(`user ${user.id}, keys ${JSON.stringify(keys)}, options ${options.join('+')}:\n  optimizely ${a}\n  ensign     ${b}`);
            }
          }
        }
      } finally {
        await Promise.all([vendor.close(), ensign.close()]);
      }
      expect(mismatches.join('\n')).toBe('');
    }, 60_000);
  }
});
