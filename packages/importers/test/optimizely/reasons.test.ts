// The reasons Optimizely's SDK gives with `INCLUDE_REASONS`, beside the Optimizely face's: for every flag of the
// "rollouts" and "groups" configurations decided one by one (`decide`), and, for "rollouts", all at once
// (`decideAll`, with and without `IGNORE_USER_PROFILE_SERVICE`), the messages must be the same, in the same order,
// with the same variation. (In "groups", two flags share an experiment whose variations the importer merged under
// one id per flag, so the "previously activated variation" of `decideAll` cannot be found by id across them: a
// documented limit of the import, see import-optimizely.test.ts. And a whitelist entry naming a variation the
// datafile lacks ("user-9" in "rollouts") is left out by the importer with a warning, so Ensign does not give
// Optimizely's "Variation key ... is not in datafile" message for that user: such users are not compared.)
import { createInstance, createStaticProjectConfigManager, OptimizelyDecideOption, type OptimizelyDecision } from '@optimizely/optimizely-sdk';
import { createClient } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { groupsConfig } from './config-groups.js';
import { rolloutsConfig } from './config-rollouts.js';
import type { OptimizelyConfig } from './differential.js';
import { generateUsers } from './users.js';

type Decisions = Record<string, { variationKey: string | null; reasons: readonly string[] }>;

async function compare(config: OptimizelyConfig, all: boolean, seed: number): Promise<{ mismatches: string[]; compared: number; reasons: number }> {
  const text = JSON.stringify(config.datafile);
  const vendor = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: text }) });
  const imported = importOptimizelyDatafile(text);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const ensign = createClient({ datafile: imported.datafile, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
  const mismatches: string[] = [];
  let compared = 0;
  let reasons = 0;
  try {
    const optionSets = all
      ? [[OptimizelyDecideOption.INCLUDE_REASONS], [OptimizelyDecideOption.INCLUDE_REASONS, OptimizelyDecideOption.IGNORE_USER_PROFILE_SERVICE]]
      : [[OptimizelyDecideOption.INCLUDE_REASONS]];
    for (const options of optionSets) {
      for (const user of generateUsers(300, seed).filter((u) => u.id !== 'user-9')) {
        const theirs = vendor.createUserContext(user.id, { ...user.attributes } as never);
        if (theirs === null) throw new Error('Optimizely refused a user');
        const ours = ensign.createUserContext(user.id, { ...user.attributes });
        const a: Record<string, OptimizelyDecision> = all ? theirs.decideAll(options) : Object.fromEntries(config.flagKeys.map((k) => [k, theirs.decide(k, options)]));
        const b = (all ? ours.decideAll(options as never) : Object.fromEntries(config.flagKeys.map((k) => [k, ours.decide(k, options as never)]))) as unknown as Decisions;
        for (const [key, decision] of Object.entries(a)) {
          compared++;
          reasons += decision.reasons.length;
          const expected = JSON.stringify([decision.variationKey, decision.reasons]);
          const actual = JSON.stringify([b[key]?.variationKey, b[key]?.reasons]);
          if (expected !== actual && mismatches.length < 3) mismatches.push(`flag ${key}, user ${user.id}, ${options.join('+')}:\n  optimizely ${expected}\n  ensign     ${actual}`);
        }
      }
    }
  } finally {
    await Promise.all([vendor.close(), ensign.close()]);
  }
  return { mismatches, compared, reasons };
}

/** The configuration with variation id 6203 written 6201 (a second "a" variation that decides alike). */
function sharedIds(config: OptimizelyConfig): OptimizelyConfig {
  return { ...config, datafile: JSON.parse(JSON.stringify(config.datafile).replaceAll('"6203"', '"6201"')) as Record<string, unknown> };
}

describe("the Optimizely face's decision reasons, against Optimizely's SDK", () => {
  for (const [name, config, all, seed] of [
    ['rollouts', rolloutsConfig(), false, 121],
    ['rollouts', rolloutsConfig(), true, 122],
    ['groups', groupsConfig(), false, 123],
    // "groups" with variation "a" under one id (6201) everywhere: its flags share experiments, so decideAll meets an
    // experiment another flag of the call bucketed into ("Returning previously activated variation ...").
    ['groups, one id per variation', sharedIds(groupsConfig()), true, 124],
  ] as const) {
    it(`are the same for 300 generated users on every flag of "${name}" (${all ? 'decideAll' : 'decide'})`, async () => {
      const { mismatches, compared, reasons } = await compare(config, all, seed);
      expect(mismatches.join('\n')).toBe('');
      expect(compared).toBeGreaterThan(500);
      expect(reasons).toBeGreaterThan(compared); // the decisions do give reasons
    }, 60_000);
  }
});
