// The differential check shared by the Optimizely test files: one configuration decided for 10 000 generated users
// by Optimizely's own SDK and by Ensign's node-sdk on the imported datafile must agree on variation key, enabled,
// variables and rule key for every flag. A mismatch prints the configuration, the user and both answers.
import { createInstance, createStaticProjectConfigManager, OptimizelyDecideOption, type Client } from '@optimizely/optimizely-sdk';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { generateUsers, type OptimizelyTestUser } from './users.js';

/** Users per configuration. */
export const USERS = 10_000;

interface Answer {
  variationKey: string | null;
  enabled: boolean;
  variables: unknown;
  ruleKey: string | null;
}

function answerOf(d: Answer): Answer {
  return { variationKey: d.variationKey, enabled: d.enabled, variables: d.variables, ruleKey: d.ruleKey };
}

/** A forced decision (flag-level without `ruleKey`), set on both sides for some users. */
export interface ForcedDecisionSpec {
  readonly flagKey: string;
  readonly ruleKey?: string;
  readonly variationKey: string;
}

/** A configuration: an Optimizely datafile, the flags to decide, and forced decisions to try. */
export interface OptimizelyConfig {
  readonly datafile: Record<string, unknown>;
  readonly flagKeys: readonly string[];
  /** Each is set for one user in 20 (a different share of users for each). */
  readonly forced?: readonly ForcedDecisionSpec[];
}

/**
 * The user contexts of generated user number `n` on both sides: the same attributes, the same qualified segments, and
 * for one user in 20 the configuration's forced decision (`config.forced[n % 20]`, returned as `forced`).
 */
export function userContexts(vendor: Client, ensign: EnsignClient, user: OptimizelyTestUser, n: number, config: OptimizelyConfig) {
  const theirs = vendor.createUserContext(user.id, { ...user.attributes } as never);
  if (theirs === null) throw new Error(`Optimizely refused user ${JSON.stringify(user)}`);
  const ours = ensign.createUserContext(user.id, { ...user.attributes });
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
  return { theirs, ours, forced };
}

/** Declares the differential test of one configuration. `singleOutcome` lists flags that legitimately decide one way. */
export function describeDifferential(name: string, config: OptimizelyConfig, seed: number, singleOutcome: readonly string[] = []): void {
  describe(`Optimizely configuration "${name}"`, () => {
    let vendor: Client;
    let ensign: EnsignClient;

    beforeAll(async () => {
      const imported = importOptimizelyDatafile(JSON.stringify(config.datafile));
      if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
      vendor = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(config.datafile) }) });
      ensign = createClient({ datafile: imported.datafile, logger: { debug() {}, info() {}, warn() {}, error: console.error } });
      const [, ready] = await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
      if (!ready.success) throw new Error(`Ensign is not ready: ${JSON.stringify(ready)}`);
    });

    afterAll(async () => {
      // Neither client has events to flush; Optimizely's close() settles its idle machinery.
      await Promise.all([vendor, ensign].map((c) => Promise.race([c?.close(), new Promise((resolve) => setTimeout(resolve, 2_000))])));
    });

    it(`decides ${USERS} generated users exactly as Optimizely's SDK on every flag`, () => {
      const users = generateUsers(USERS, seed);
      const options = [OptimizelyDecideOption.DISABLE_DECISION_EVENT];
      const mismatches: string[] = [];
      const outcomes = new Map<string, Set<string>>(config.flagKeys.map((k) => [k, new Set<string>()]));
      users.forEach((user, n) => {
        const { theirs, ours, forced } = userContexts(vendor, ensign, user, n, config);
        for (const flagKey of config.flagKeys) {
          const expected = answerOf(theirs.decide(flagKey, options));
          const actual = answerOf(ours.decide(flagKey));
          outcomes.get(flagKey)?.add(`${expected.ruleKey}/${expected.variationKey}`);
          if (JSON.stringify(expected) !== JSON.stringify(actual) && mismatches.length < 10) {
            mismatches.push(`config ${name}, flag ${flagKey}, user ${JSON.stringify(user)}${forced ? `, forced ${JSON.stringify(forced)}` : ''}:\n  optimizely ${JSON.stringify(expected)}\n  ensign     ${JSON.stringify(actual)}`);
          }
        }
      });
      expect(mismatches.join('\n')).toBe('');
      // Each flag decided more than one way, so its constructs were exercised both ways.
      const flat = config.flagKeys.filter((k) => !singleOutcome.includes(k) && (outcomes.get(k)?.size ?? 0) < 2);
      expect(flat).toEqual([]);
    });
  });
}
