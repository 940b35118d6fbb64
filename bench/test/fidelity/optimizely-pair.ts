// Optimizely's own SDK (v6) and Ensign's node-sdk, opened on the same Optimizely datafile, for the differential tests
// of the Optimizely face (bench/test/fidelity/optimizely-*.test.ts). Ensign reads the datafile through
// `@ensign/importers`, as a migrating team would.
import { createForwardingEventProcessor, createInstance, createStaticProjectConfigManager, type Client, type UserProfileService } from '@optimizely/optimizely-sdk';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { importOptimizelyDatafile } from '@ensign/importers/optimizely';
import { allocation, datafile, leaf, rule, variation } from '../../../packages/importers/test/optimizely/builders.js';

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
  /** Events on both sides, delivered to dispatchers that discard them (Optimizely tracks only with an event processor). */
  readonly events?: boolean;
}

/** Opens both clients on `datafile` (an Optimizely datafile object) and waits until both are ready. */
export async function openPair(datafile: Record<string, unknown>, options: PairOptions = {}): Promise<Pair> {
  const text = JSON.stringify(datafile);
  const imported = importOptimizelyDatafile(text);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const vendor = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: text }),
    ...(options.userProfileService ? { userProfileService: options.userProfileService() } : {}),
    ...(options.events ? { eventProcessor: createForwardingEventProcessor({ dispatchEvent: async () => ({ statusCode: 200 }) }) } : {}),
  });
  const ensign = createClient({
    datafile: imported.datafile,
    logger: QUIET,
    ...(options.userProfileService ? { userProfileService: options.userProfileService() as never } : {}),
    ...(options.events ? { eventDispatcher: { dispatch: async () => ({ delivered: true }) } } : {}),
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

/**
 * A datafile of the kind Optimizely's UI writes: two flags with typed variables, experiments with audience conditions
 * and audience ids and a whitelist, a rollout with targeted rules and "Everyone Else", events and attributes. (The
 * importers' hostile configurations also hold what the native datafile keeps differently: variables that do not
 * cast, variations merged by key, variable usages of other flags; README, "Coming from Optimizely".)
 */
export function cleanDatafile(): Record<string, unknown> {
  const vars = [
    { id: '501', key: 'label', type: 'string', defaultValue: 'Buy' },
    { id: '502', key: 'discount', type: 'integer', defaultValue: '5' },
    { id: '503', key: 'ratio', type: 'double', defaultValue: '0.5' },
    { id: '504', key: 'show', type: 'boolean', defaultValue: 'false' },
    { id: '505', key: 'config', type: 'json', defaultValue: '{"steps":1}' },
  ];
  const v = (id: string, key: string, on: boolean, values: Record<string, string> = {}) => variation(id, key, on, values);
  return datafile({
    attributes: [{ id: '901', key: 'country' }, { id: '902', key: 'plan' }],
    audiences: [
      { id: '301', name: 'US', conditions: JSON.stringify(['or', leaf('country', 'exact', 'US')]) },
      { id: '302', name: 'pro', conditions: JSON.stringify(['or', leaf('plan', 'exact', 'pro')]) },
    ],
    events: [{ id: '9001', key: 'purchase', experimentIds: ['701'] }],
    experiments: [
      rule('701', 'checkout_ab', {
        audienceConditions: ['or', '301', ['and', '302', ['not', '301']]],
        variations: [v('601', 'control', true, { '501': 'Go', '502': '10' }), v('602', 'treatment', true, { '503': '0.75', '505': '{"steps":3}' }), v('603', 'dark', false, { '504': 'true' })],
        trafficAllocation: allocation(['601', 3000], ['602', 6000], ['603', 9000]),
        forcedVariations: { 'user-1': 'dark' },
      }),
      rule('702', 'search_ab', { audienceIds: ['302'], variations: [v('611', 'a', true), v('612', 'b', true)], trafficAllocation: allocation(['611', 5000], ['612', 10_000]) }),
    ],
    rollouts: [
      { id: '801', experiments: [rule('811', 'us_rule', { audienceIds: ['301'], variations: [v('621', 'on', true, { '504': 'true' })], trafficAllocation: allocation(['621', 5000]) }), rule('812', 'everyone', { variations: [v('622', 'off', false)], trafficAllocation: allocation(['622', 10_000]) })] },
      { id: '802', experiments: [rule('821', 'everyone_search', { variations: [v('631', 'on-search', true)], trafficAllocation: allocation(['631', 10_000]) })] },
    ],
    featureFlags: [
      { id: '401', key: 'checkout', rolloutId: '801', experimentIds: ['701'], variables: vars },
      { id: '402', key: 'search', rolloutId: '802', experimentIds: ['702'], variables: [] },
    ],
  });
}

