// Differential test of `@ensign/node-sdk/optimizely`: one Optimizely 6 quick start, run twice with only the import
// line changed: with `@optimizely/optimizely-sdk` on an Optimizely datafile, and with the Ensign entry on the same
// datafile converted by `@ensign/importers`. Decisions, enabled-flag lists and onReady's rejections must agree.
import * as ensign from '@ensign/node-sdk/optimizely';
import { importOptimizelyDatafile } from '@ensign/importers/optimizely';
import * as optimizely from '@optimizely/optimizely-sdk';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closedPortUrl } from './closed-port.js';
import { optimizelyDatafile } from '../../src/peers/optimizely-datafile.js';
import { flagKeys } from '../../src/workload/spec.js';
import { userCountry, userId, userPlan } from '../../src/workload/users.js';

const FLAGS = 20;
const USERS = 300;

/** The part of each SDK this quick start uses: the same names in both. */
type Sdk = Pick<typeof ensign, 'createInstance' | 'createStaticProjectConfigManager' | 'createPollingProjectConfigManager' | 'OptimizelyDecideOption'>;

/** The quick start: a static datafile, onReady, then decide every flag and decideAll(ENABLED_FLAGS_ONLY) per user. */
async function quickStart(sdk: Sdk, datafile: string, keys: readonly string[] = flagKeys(FLAGS)): Promise<unknown[]> {
  const client = sdk.createInstance({ projectConfigManager: sdk.createStaticProjectConfigManager({ datafile }) });
  await client.onReady({ timeout: 5_000 });
  const answers: unknown[] = [];
  for (let n = 0; n < USERS; n++) {
    const user = client.createUserContext(userId(n), { country: userCountry(n), plan: userPlan(n) });
    for (const key of keys) {
      const { variationKey, enabled, ruleKey, variables, flagKey } = user.decide(key, [sdk.OptimizelyDecideOption.DISABLE_DECISION_EVENT]);
      answers.push({ user: n, flagKey, variationKey, enabled, ruleKey, variables });
    }
    answers.push({ user: n, enabled: Object.keys(user.decideAll([sdk.OptimizelyDecideOption.ENABLED_FLAGS_ONLY, sdk.OptimizelyDecideOption.DISABLE_DECISION_EVENT])).sort() });
  }
  await client.close();
  return answers;
}

/** Closes a client; Optimizely's close() of an instance that never became ready does not settle, so wait at most 1 s. */
const settle = (close: Promise<unknown>) => Promise.race([close.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);

/** Why onReady rejected (or 'resolved'). */
async function rejection(ready: Promise<unknown>): Promise<string> {
  return ready.then(
    () => 'resolved',
    (error: unknown) => (error instanceof Error ? `Error: ${error.message}` : `not an Error: ${String(error)}`),
  );
}

describe('@ensign/node-sdk/optimizely against @optimizely/optimizely-sdk 6', () => {
  it(`decides ${FLAGS} flags for ${USERS} users exactly as Optimizely's SDK in its own quick start`, async () => {
    const vendorDatafile = JSON.stringify(optimizelyDatafile(FLAGS));
    const imported = importOptimizelyDatafile(vendorDatafile);
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
    const [theirs, ours] = await Promise.all([quickStart(optimizely as unknown as Sdk, vendorDatafile), quickStart(ensign, JSON.stringify(imported.datafile))]);
    expect(ours).toHaveLength(USERS * (FLAGS + 1));
    expect(ours).toEqual(theirs);
    // Both branches of every flag are reached: the answers are not all alike.
    expect(new Set(theirs.map((a) => (a as { variationKey?: string }).variationKey)).size).toBeGreaterThan(2);
  });

  it("decides an A/B test with an audience and a variable (the CLI's Optimizely fixture) as Optimizely's SDK", async () => {
    const vendorDatafile = readFileSync(fileURLToPath(new URL('../../../packages/cli/test/fixtures/optimizely-datafile.json', import.meta.url)), 'utf8');
    const imported = importOptimizelyDatafile(vendorDatafile);
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
    const [theirs, ours] = await Promise.all([quickStart(optimizely as unknown as Sdk, vendorDatafile, ['checkout']), quickStart(ensign, JSON.stringify(imported.datafile), ['checkout'])]);
    expect(ours).toEqual(theirs);
    const served = theirs.map((a) => JSON.stringify((a as { variables?: unknown }).variables ?? null));
    expect(new Set(served).size).toBeGreaterThan(1);
  });

  it('rejects onReady with the same message when no datafile arrives in time', async () => {
    const url = `${await closedPortUrl()}/v1/datafiles/%s.json`;
    const run = async (sdk: Sdk) => {
      const client = sdk.createInstance({ projectConfigManager: sdk.createPollingProjectConfigManager({ sdkKey: 'sdk-entry-diff', urlTemplate: url }) });
      const why = await rejection(client.onReady({ timeout: 300 }));
      await settle(client.close());
      return why;
    };
    const [theirs, ours] = [await run(optimizely as unknown as Sdk), await run(ensign)];
    expect(theirs).toBe('Error: onReady timeout expired after 300 ms');
    expect(ours).toBe(theirs);
  });

  it('rejects onReady when the datafile is invalid, as Optimizely does', async () => {
    const run = async (sdk: Sdk) => {
      const client = sdk.createInstance({ projectConfigManager: sdk.createStaticProjectConfigManager({ datafile: '{"bad": 1}' }) });
      const why = await rejection(client.onReady({ timeout: 2_000 }));
      await settle(client.close());
      return why;
    };
    const [theirs, ours] = [await run(optimizely as unknown as Sdk), await run(ensign)];
    expect(theirs.startsWith('Error: ')).toBe(true);
    expect(ours.startsWith('Error: ')).toBe(true);
  });
});
