// The differential check shared by the GrowthBook test files: a configuration (configs.ts) evaluated for 10 000 generated users by
// GrowthBook's own SDK (`GrowthBookClient.evalFeature`) and by Ensign's node-sdk on the imported datafile
// (`variationDetail`): the same value, reason kind and rule. A mismatch prints the config, the user and both answers.
import { GrowthBookClient, type FeatureApiResponse } from '@growthbook/growthbook';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importGrowthBook } from '../../src/growthbook/index.js';
import { difference } from './compare.js';
import type { GrowthBookConfig } from './configs.js';
import { generateAttributes } from './users.js';

/** Users per configuration. */
export const USERS = 10_000;
const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
const open: { close(): Promise<unknown> }[] = [];

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

/** Declares the differential test of one configuration. */
export function describeDifferential(config: GrowthBookConfig, seed: number): void {
describe(`GrowthBook configuration "${config.name}"`, () => {
  it(`serves ${USERS} generated users what GrowthBook's SDK serves, for every feature`, async () => {
    const imported = importGrowthBook(JSON.stringify(config.payload));
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
    const gb = new GrowthBookClient();
    gb.initSync({ payload: structuredClone(config.payload) as FeatureApiResponse });
    const ensign: EnsignClient = createClient({ datafile: imported.datafile, logger: quiet });
    open.push(ensign);
    expect((await ensign.onReady({ timeout: 5_000 })).success).toBe(true);
    const mismatches: string[] = [];
    const outcomes = new Map<string, Set<string>>(config.featureKeys.map((k) => [k, new Set<string>()]));
    // GrowthBook reports bad weights on console.error outside production; the weights are what the test is about.
    const silence = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    generateAttributes(USERS, seed).forEach((attributes, n) => {
      const context = { kind: 'user', key: `gb-${n}`, ...attributes };
      for (const key of config.featureKeys) {
        const theirs = gb.evalFeature(key, { attributes });
        const ours = ensign.variationDetail(key, context, null);
        outcomes.get(key)?.add(`${theirs.source}/${JSON.stringify(theirs.value)}`);
        const why = difference(theirs, ours);
        if (why !== null && mismatches.length < 10) {
          mismatches.push(`config ${config.name}, feature ${key}, user ${JSON.stringify(attributes)} (${why}):\n  growthbook ${JSON.stringify({ value: theirs.value, source: theirs.source, ruleId: theirs.ruleId })}\n  ensign     ${JSON.stringify({ value: ours.value, reason: ours.reason })}`);
        }
      }
    });
    silence.mockRestore();
    gb.destroy();
    expect(mismatches.join('\n')).toBe('');
    // Every feature was decided more than one way, so its rules were exercised.
    expect(config.featureKeys.filter((k) => (outcomes.get(k)?.size ?? 0) < 2)).toEqual([]);
  });
});
}
