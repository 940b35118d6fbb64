// The Optimizely face's decision and conversion events beside the impressions and conversions of Optimizely's own SDK
// (`@optimizely/optimizely-sdk`, forwarding event processor to a capturing dispatcher), for the same users, flags,
// forced decisions, `DISABLE_DECISION_EVENT` options and `trackEvent` calls: which decisions make an impression (feature
// tests, rollouts when `sendFlagDecisions`, holdouts, forced decisions), with which flag, rule, rule type, variation,
// ids and `enabled`, and which conversions with which tags, revenue and value. Both are brought to one form (Optimizely's
// field names) before they are compared.
import { createForwardingEventProcessor, createInstance, createStaticProjectConfigManager, OptimizelyDecideOption, type EventDispatcher } from '@optimizely/optimizely-sdk';
import { createClient, type EventBatch } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { groupsConfig } from './config-groups.js';
import { rolloutsConfig } from './config-rollouts.js';
import { userContexts, type OptimizelyConfig } from './differential.js';
import { generateUsers, prng } from './users.js';

type Json = Record<string, unknown>;

/**
 * Ensign's rule types under Optimizely's decision-source names: a flag-level forced decision is a `feature-test` in
 * Optimizely's impression (Ensign says `forced`), and a decision no rule made a `rollout` (Ensign says null).
 */
const RULE_TYPES: Record<string, string> = { experiment: 'feature-test', rollout: 'rollout', holdout: 'holdout', forced: 'feature-test' };

interface Seen {
  impressions: string[];
  conversions: string[];
}

function impression(visitor: unknown, d: Json): string {
  return JSON.stringify({ visitor, flag: d['flag_key'], rule: d['rule_key'], ruleType: d['rule_type'], variation: d['variation_key'], enabled: d['enabled'], variationId: d['variation_id'], experimentId: d['experiment_id'] });
}

/**
 * Optimizely's dispatched batches (`params` of each log event) in the common form. `same` names, for a variation id,
 * the id it is compared as: the importer merges variations of one key that decide alike into one (its warning says
 * "merged, events report id ..."), a documented simplification of the native format, so ids it merged anywhere are
 * compared as one (the smallest of them), on both sides.
 */
function fromOptimizely(batches: readonly Json[], same: (id: unknown) => unknown): Seen {
  const seen: Seen = { impressions: [], conversions: [] };
  for (const batch of batches) {
    for (const visitor of batch['visitors'] as Json[]) {
      for (const snapshot of visitor['snapshots'] as Json[]) {
        const decisions = (snapshot['decisions'] as Json[] | undefined) ?? [];
        for (const d of decisions) {
          const meta = d['metadata'] as Json;
          seen.impressions.push(impression(visitor['visitor_id'], { ...meta, variation_id: same(d['variation_id']), experiment_id: d['experiment_id'] }));
        }
        if (decisions.length > 0) continue;
        for (const e of snapshot['events'] as Json[]) {
          seen.conversions.push(JSON.stringify({ visitor: visitor['visitor_id'], key: e['key'], id: e['entity_id'], tags: e['tags'] ?? {}, revenue: e['revenue'] ?? null, value: e['value'] ?? null }));
        }
      }
    }
  }
  seen.impressions.sort();
  seen.conversions.sort();
  return seen;
}

/** Ensign's dispatched events in the common form. */
function fromEnsign(batches: readonly EventBatch[], same: (id: unknown) => unknown): Seen {
  const seen: Seen = { impressions: [], conversions: [] };
  for (const batch of batches) {
    for (const e of batch.events as unknown as Json[]) {
      const visitor = (e['context'] as Json | undefined)?.['key'];
      if (e['kind'] === 'decision') {
        const ruleType = e['ruleType'] as string | null;
        seen.impressions.push(impression(visitor, {
          flag_key: e['flagKey'],
          rule_key: e['ruleKey'] ?? '',
          rule_type: ruleType === null ? 'rollout' : (RULE_TYPES[ruleType] ?? ruleType),
          variation_key: e['variationKey'] ?? '',
          enabled: e['enabled'],
          variation_id: same(e['variationId']),
          experiment_id: e['experimentId'] ?? '',
        }));
      } else if (e['kind'] === 'conversion') {
        seen.conversions.push(JSON.stringify({ visitor, key: e['eventKey'], id: e['eventId'], tags: e['tags'] ?? {}, revenue: e['revenue'] ?? null, value: e['value'] ?? null }));
      }
    }
  }
  seen.impressions.sort();
  seen.conversions.sort();
  return seen;
}

/** One scripted session: users deciding every flag (some with forced decisions or DISABLE_DECISION_EVENT), converting. */
async function run(config: OptimizelyConfig, sendFlagDecisions: boolean, seed: number): Promise<{ theirs: Seen; ours: Seen }> {
  const datafile = { ...config.datafile, sendFlagDecisions };
  const text = JSON.stringify(datafile);
  const theirBatches: Json[] = [];
  const dispatcher: EventDispatcher = {
    dispatchEvent: (event) => {
      theirBatches.push(event.params as Json);
      return Promise.resolve({ statusCode: 204 });
    },
  };
  const vendor = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: text }), eventProcessor: createForwardingEventProcessor(dispatcher) });
  const imported = importOptimizelyDatafile(text);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const ourBatches: EventBatch[] = [];
  const ensign = createClient({
    datafile: imported.datafile,
    sdkKey: 'optimizely-events-test',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    eventDispatcher: { dispatch: (batch: EventBatch) => (ourBatches.push(batch), Promise.resolve({ delivered: true, status: 204 })) },
  });
  const [, ready] = await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
  if (!ready.success) throw new Error('Ensign is not ready');
  const random = prng(seed);
  const events = ((datafile as Json)['events'] as Json[] | undefined)?.map((e) => e['key'] as string) ?? [];
  try {
    for (const [n, user] of generateUsers(300, seed).entries()) {
      const { theirs, ours } = userContexts(vendor, ensign, user, n, config);
      for (const flagKey of config.flagKeys) {
        const options = random() < 0.15 ? [OptimizelyDecideOption.DISABLE_DECISION_EVENT] : [];
        theirs.decide(flagKey, options);
        ours.decide(flagKey, options as never);
      }
      if (events.length > 0 && random() < 0.4) {
        const key = events[Math.floor(random() * events.length)] as string;
        const tags = random() < 0.5 ? { revenue: Math.floor(random() * 5000), value: Math.floor(random() * 100) / 4, category: 'shoes' } : undefined;
        theirs.trackEvent(key, tags);
        ours.trackEvent(key, tags);
      }
    }
    await ensign.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await Promise.all([vendor.close(), ensign.close()]);
  }
  // Ids the importer merged, in classes (a union-find), each compared as its smallest id.
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const p = parent.get(id);
    return p === undefined || p === id ? id : root(p);
  };
  for (const w of imported.warnings) {
    const m = /\(id (\S+)\) decides as id (\S+): merged, events report id/.exec(w.message);
    if (m === null) continue;
    const [a, b] = [root(m[1] as string), root(m[2] as string)].sort();
    if (a !== b) parent.set(b as string, a as string);
  }
  const same = (id: unknown): unknown => (typeof id === 'string' ? root(id) : id);
  return { theirs: fromOptimizely(theirBatches, same), ours: fromEnsign(ourBatches, same) };
}

function differences(theirs: Seen, ours: Seen): string {
  const out: string[] = [];
  for (const part of ['impressions', 'conversions'] as const) {
    const a = theirs[part];
    const b = ours[part];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const onlyTheirs = a.filter((x) => !b.includes(x)).slice(0, 4);
    const onlyOurs = b.filter((x) => !a.includes(x)).slice(0, 4);
    out.push(`${part}: Optimizely ${a.length}, Ensign ${b.length}\n  only Optimizely:\n    ${onlyTheirs.join('\n    ')}\n  only Ensign:\n    ${onlyOurs.join('\n    ')}`);
  }
  return out.join('\n\n');
}

describe("the Optimizely face's events, against Optimizely's SDK", () => {
  for (const [name, config, seed] of [['rollouts', rolloutsConfig(), 91], ['groups', groupsConfig(), 92]] as const) {
    for (const sendFlagDecisions of [true, false]) {
      it(`are the same impressions and conversions for configuration "${name}" (sendFlagDecisions ${sendFlagDecisions})`, async () => {
        const { theirs, ours } = await run(config, sendFlagDecisions, seed);
        expect(differences(theirs, ours)).toBe('');
        expect(theirs.impressions.length).toBeGreaterThan(100);
        if (name === 'rollouts') expect(theirs.conversions.length).toBeGreaterThan(50);
      }, 60_000);
    }
  }
});
