// GrowthBook (`@growthbook/growthbook`): the benchmark flags as a GrowthBook features payload, evaluated with the
// multi-user server client `GrowthBookClient` (one client, a plain user context per call, as a request handler).
// The rule is a `force` rule with a Mongo condition; the 50/50 rollout is an experiment rule (hashVersion 2,
// seeded with the flag's salt), which is also what fires `trackingCallback` (GrowthBook's decision event).
import { GrowthBookClient, type FeatureApiResponse, type FeatureDefinition } from '@growthbook/growthbook';
import type { Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, flagSalt, ruleId, rolloutRuleId, ruleMatches, RULE_COUNTRIES, RULE_PLAN, type Decision } from '../workload/spec.js';

/** The GrowthBook payload (`{ features }`) of the first `n` benchmark flags. */
export function growthbookPayload(n: number): FeatureApiResponse {
  const features: Record<string, FeatureDefinition> = {};
  for (let i = 0; i < n; i++) {
    features[flagKey(i)] = {
      defaultValue: false,
      rules: [
        { id: ruleId(i), condition: { country: { $in: [...RULE_COUNTRIES] }, plan: RULE_PLAN }, force: true },
        {
          id: rolloutRuleId(i),
          key: flagKey(i),
          variations: [false, true],
          weights: [0.5, 0.5],
          coverage: 1,
          hashAttribute: 'id',
          hashVersion: 2,
          seed: flagSalt(i),
          meta: [{ key: 'off' }, { key: 'on' }],
        },
      ],
    };
  }
  return { features };
}

function client(n: number, onTrack?: () => void): GrowthBookClient {
  const gb = new GrowthBookClient(onTrack ? { trackingCallback: () => onTrack() } : {});
  gb.initSync({ payload: growthbookPayload(n) });
  return gb;
}

/** GrowthBook's server client: W1, W2, W3, W4 (trackingCallback). */
export const growthbook: Subject = {
  name: 'growthbook',
  async w1() {
    const gb = client(FLAG_COUNT);
    const keys = Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
    return {
      async: false,
      evaluationsPerCall: 1,
      run: (flag, id, country, plan) => gb.evalFeature(keys[flag] as string, { attributes: { id, country, plan } }),
      close: () => gb.destroy(),
    };
  },
  async w2() {
    const gb = client(FLAG_COUNT);
    const keys = Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
    return {
      async: false,
      evaluationsPerCall: FLAG_COUNT,
      // GrowthBook has no "all features" call: one user context per request, one evalFeature per flag.
      run: (id, country, plan) => {
        const user = { attributes: { id, country, plan } };
        const out: Record<string, unknown> = {};
        for (const key of keys) out[key] = gb.evalFeature(key, user).value;
        return out;
      },
      close: () => gb.destroy(),
    };
  },
  async w3(flags) {
    const text = JSON.stringify(growthbookPayload(flags));
    const keys = [flagKey(0)];
    return {
      async: false,
      evaluationsPerCall: 1,
      // Text to ready: parse the payload, initSync, and the first evaluation (GrowthBook compiles nothing up front).
      run: () => {
        const gb = new GrowthBookClient();
        gb.initSync({ payload: JSON.parse(text) as FeatureApiResponse });
        return gb.evalFeature(keys[0] as string, { attributes: { id: 'user-0', country: 'US', plan: 'pro' } });
      },
    };
  },
  async w4() {
    let delivered = 0;
    let expected = 0;
    const gb = client(FLAG_COUNT, () => {
      delivered++;
    });
    const keys = Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
    return {
      async: false,
      decide: (flag, id, country, plan) => {
        // Only experiment results fire the tracking callback: the rule branch is a forced value, not an exposure.
        if (!ruleMatches(country, plan)) expected++;
        return gb.evalFeature(keys[flag] as string, { attributes: { id, country, plan } });
      },
      close: async () => gb.destroy(),
      closeNote: 'destroy() (no queue: trackingCallback runs in the evaluation)',
      counts: async () => ({
        expected,
        delivered,
        other: 0,
        note: 'trackingCallback calls (experiment branch only; no dedupe without a scoped instance)',
      }),
    };
  },
  async decisions() {
    const gb = client(FLAG_COUNT);
    return {
      async decide(flag, id, country, plan): Promise<Decision> {
        const r = gb.evalFeature(flagKey(flag), { attributes: { id, country, plan } });
        const branch = r.ruleId === ruleId(flag) ? 'rule' : r.ruleId === rolloutRuleId(flag) ? 'rollout' : null;
        return { variation: r.value === true ? 'on' : r.value === false ? 'off' : null, branch };
      },
      async close() {
        gb.destroy();
      },
    };
  },
};
