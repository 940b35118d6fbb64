// Optimizely's own SDK (v6) and Ensign's node-sdk, opened on the same Optimizely datafile, for the differential tests
// of the Optimizely face (bench/test/fidelity/optimizely-*.test.ts). Ensign reads the datafile through
// `@ensign/importers`, as a migrating team would.
import { createInstance, createStaticProjectConfigManager, type Client, type UserProfileService } from '@optimizely/optimizely-sdk';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { importOptimizelyDatafile } from '@ensign/importers/optimizely';

/** A quiet logger for Ensign (errors still show). */
export const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

/** Both clients on one datafile. */
export interface Pair {
  readonly vendor: Client;
  readonly ensign: EnsignClient;
  close(): Promise<void>;
}

/** Options given to both sides. */
export interface PairOptions {
  /** Sticky bucketing (Optimizely `userProfileService`): called once per side, each side gets its own service. */
  readonly userProfileService?: () => UserProfileService;
}

/** Opens both clients on `datafile` (an Optimizely datafile object) and waits until both are ready. */
export async function openPair(datafile: Record<string, unknown>, options: PairOptions = {}): Promise<Pair> {
  const text = JSON.stringify(datafile);
  const imported = importOptimizelyDatafile(text);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const vendor = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: text }),
    ...(options.userProfileService ? { userProfileService: options.userProfileService() } : {}),
  });
  const ensign = createClient({
    datafile: imported.datafile,
    logger: QUIET,
    ...(options.userProfileService ? { userProfileService: options.userProfileService() as never } : {}),
  });
  const [, ready] = await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
  if (!ready.success) throw new Error(`Ensign is not ready: ${JSON.stringify(ready)}`);
  return {
    vendor,
    ensign,
    async close() {
      await Promise.all([vendor, ensign].map((c) => Promise.race([c.close(), new Promise((resolve) => setTimeout(resolve, 2_000))])));
    },
  };
}

/** The parts of a decision both SDKs give, for comparison. */
export function answerOf(d: { variationKey: string | null; enabled: boolean; ruleKey: string | null; flagKey: string; variables: unknown; reasons: string[] }): Record<string, unknown> {
  return { variationKey: d.variationKey, enabled: d.enabled, ruleKey: d.ruleKey, flagKey: d.flagKey, variables: d.variables, reasons: d.reasons };
}

/** Decisions by flag key, each reduced by {@link answerOf}, in key order. */
export function answersOf(decisions: Record<string, Parameters<typeof answerOf>[0]>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(decisions).sort()) out[key] = answerOf(decisions[key] as Parameters<typeof answerOf>[0]);
  return out;
}

/** An in-memory user profile service that counts its calls. */
export class CountingProfiles implements UserProfileService {
  readonly profiles = new Map<string, { user_id: string; experiment_bucket_map: Record<string, { variation_id: string }> }>();
  lookups = 0;
  saves = 0;
  lookup(userId: string) {
    this.lookups++;
    const p = this.profiles.get(userId);
    return p === undefined ? (undefined as never) : JSON.parse(JSON.stringify(p));
  }
  save(profile: { user_id: string; experiment_bucket_map: Record<string, { variation_id: string }> }) {
    this.saves++;
    this.profiles.set(profile.user_id, JSON.parse(JSON.stringify(profile)));
  }
}

/**
 * One construct the native datafile cannot carry is taken out of the configurations (README, "Coming from
 * Optimizely"): a whitelist entry naming a variation the experiment lacks (Optimizely says "Variation key ... is not
 * in datafile. Not activating user ..."; the import drops the entry, so Ensign says nothing).
 */
export function withoutUnportable(datafile: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(datafile)) as Record<string, unknown>;
  const clean = (e: Record<string, unknown>) => {
    const ids = new Set((e['variations'] as { key: string }[]).map((v) => v.key));
    const forced = (e['forcedVariations'] ?? {}) as Record<string, string>;
    for (const [user, key] of Object.entries(forced)) if (!ids.has(key)) delete forced[user];
  };
  for (const e of copy['experiments'] as Record<string, unknown>[]) clean(e);
  for (const g of copy['groups'] as Record<string, unknown>[]) for (const e of g['experiments'] as Record<string, unknown>[]) clean(e);
  return copy;
}
