// The benchmark flags as an Optimizely Feature Experimentation datafile (v4): one shared audience
// ("pro in US/CA", as Optimizely projects share audiences), and per flag a rollout of two delivery rules: the
// targeted rule at 100% `on`, then "Everyone Else" split 50/50 between `off` and `on`.
import { FLAG_COUNT, flagKey, RULE_COUNTRIES, RULE_PLAN, ruleId, rolloutRuleId } from '../workload/spec.js';

/** The audience id every targeted rule references. */
export const AUDIENCE_ID = '4000001';

/** Numeric ids, as Optimizely issues them (variation ids must be digits to appear in events). */
export const optimizelyIds = Object.freeze({
  flag: (i: number) => String(100_000_000 + i),
  rollout: (i: number) => String(200_000_000 + i),
  targetedRule: (i: number) => String(300_000_000 + i),
  everyoneElseRule: (i: number) => String(400_000_000 + i),
  layer: (i: number, rule: 0 | 1) => String(500_000_000 + 2 * i + rule),
  variation: (i: number, slot: 0 | 1 | 2) => String(600_000_000 + 3 * i + slot),
});

function condition(name: string, value: string) {
  return { type: 'custom_attribute', name, match: 'exact', value };
}

/** Options of the datafile. */
export interface OptimizelyDatafileOptions {
  /** Send impression events for delivery-rule decisions (needed for W4: every rule here is a delivery rule). */
  sendFlagDecisions?: boolean;
}

/** The Optimizely datafile of the first `n` benchmark flags. */
export function optimizelyDatafile(n: number = FLAG_COUNT, options: OptimizelyDatafileOptions = {}): Record<string, unknown> {
  const ids = optimizelyIds;
  const featureFlags: unknown[] = [];
  const rollouts: unknown[] = [];
  for (let i = 0; i < n; i++) {
    featureFlags.push({ id: ids.flag(i), key: flagKey(i), rolloutId: ids.rollout(i), experimentIds: [], variables: [] });
    const on = (slot: 0 | 1 | 2) => ({ id: ids.variation(i, slot), key: 'on', featureEnabled: true, variables: [] });
    const off = { id: ids.variation(i, 1), key: 'off', featureEnabled: false, variables: [] };
    rollouts.push({
      id: ids.rollout(i),
      experiments: [
        {
          id: ids.targetedRule(i),
          key: ruleId(i),
          status: 'Running',
          layerId: ids.layer(i, 0),
          audienceIds: [AUDIENCE_ID],
          audienceConditions: ['or', AUDIENCE_ID],
          forcedVariations: {},
          variations: [on(0)],
          trafficAllocation: [{ entityId: ids.variation(i, 0), endOfRange: 10_000 }],
        },
        {
          id: ids.everyoneElseRule(i),
          key: rolloutRuleId(i),
          status: 'Running',
          layerId: ids.layer(i, 1),
          audienceIds: [],
          audienceConditions: [],
          forcedVariations: {},
          variations: [off, on(2)],
          trafficAllocation: [
            { entityId: ids.variation(i, 1), endOfRange: 5_000 },
            { entityId: ids.variation(i, 2), endOfRange: 10_000 },
          ],
        },
      ],
    });
  }
  const countries = ['or', ...RULE_COUNTRIES.map((c) => condition('country', c))];
  return {
    version: '4',
    accountId: '1000001',
    projectId: '2000001',
    revision: '1',
    sdkKey: 'bench-sdk-key',
    environmentKey: 'production',
    anonymizeIP: true,
    botFiltering: false,
    sendFlagDecisions: options.sendFlagDecisions ?? false,
    attributes: [
      { id: '3000001', key: 'country' },
      { id: '3000002', key: 'plan' },
    ],
    audiences: [
      {
        id: AUDIENCE_ID,
        name: 'pro in US/CA',
        conditions: JSON.stringify(['and', ['or', countries], ['or', ['or', condition('plan', RULE_PLAN)]]]),
      },
    ],
    typedAudiences: [],
    events: [],
    experiments: [],
    groups: [],
    featureFlags,
    rollouts,
    integrations: [],
    variables: [],
  };
}
