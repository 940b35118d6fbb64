// Small builders for Optimizely datafile v4 test configurations (the vendor's shapes, written by hand).

/** An Optimizely condition leaf. */
export function leaf(name: string, match: string | undefined, value: unknown, type = 'custom_attribute'): Record<string, unknown> {
  return { type, name, ...(match !== undefined ? { match } : {}), value };
}

/** A variation with its variable usages (variable id → value text). */
export function variation(id: string, key: string, featureEnabled: boolean, variables: Record<string, string> = {}): Record<string, unknown> {
  return { id, key, featureEnabled, variables: Object.entries(variables).map(([vid, value]) => ({ id: vid, value })) };
}

/** A traffic allocation from `[entityId, endOfRange]` pairs. */
export function allocation(...pairs: [string, number][]): Record<string, unknown>[] {
  return pairs.map(([entityId, endOfRange]) => ({ entityId, endOfRange }));
}

/** Options of an experiment or delivery rule. */
export interface RuleSpec {
  audienceIds?: unknown[];
  audienceConditions?: unknown;
  variations: Record<string, unknown>[];
  trafficAllocation: Record<string, unknown>[];
  status?: string;
  forcedVariations?: Record<string, string>;
  type?: string;
}

/** An experiment or delivery rule. */
export function rule(id: string, key: string, spec: RuleSpec): Record<string, unknown> {
  return {
    id,
    key,
    status: spec.status ?? 'Running',
    layerId: `layer-${id}`,
    audienceIds: spec.audienceIds ?? [],
    ...(spec.audienceConditions !== undefined ? { audienceConditions: spec.audienceConditions } : {}),
    forcedVariations: spec.forcedVariations ?? {},
    variations: spec.variations,
    trafficAllocation: spec.trafficAllocation,
    ...(spec.type !== undefined ? { type: spec.type } : {}),
  };
}

/** A whole datafile around the given parts. */
export function datafile(parts: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '4',
    accountId: '10001',
    projectId: '20001',
    revision: '42',
    environmentKey: 'production',
    sdkKey: 'test-sdk-key',
    anonymizeIP: true,
    botFiltering: false,
    sendFlagDecisions: true,
    attributes: [],
    audiences: [],
    typedAudiences: [],
    events: [],
    experiments: [],
    groups: [],
    featureFlags: [],
    rollouts: [],
    integrations: [],
    variables: [],
    ...parts,
  };
}

/**
 * A "tri-state probe" flag: experiment `yes` for users matching `expression`, experiment `no` for users matching
 * `["not", expression]`, and an "Everyone Else" rule `unknown`: the decision shows whether the expression was true,
 * false or unknown for the user.
 */
export function probeFlag(n: number, key: string, expression: unknown): { flag: Record<string, unknown>; experiments: Record<string, unknown>[]; rollout: Record<string, unknown> } {
  const base = 700_000 + n * 10;
  const id = (k: number) => String(base + k);
  const yes = variation(id(1), 'yes', true);
  const no = variation(id(2), 'no', false);
  const unknown = variation(id(3), 'unknown', true);
  const experiments = [
    rule(id(4), `${key}-yes`, { audienceConditions: expression, audienceIds: [], variations: [yes], trafficAllocation: allocation([id(1), 10_000]) }),
    rule(id(5), `${key}-no`, { audienceConditions: ['not', expression], audienceIds: [], variations: [no], trafficAllocation: allocation([id(2), 10_000]) }),
  ];
  const rollout = { id: id(6), experiments: [rule(id(7), `${key}-everyone`, { audienceConditions: [], variations: [unknown], trafficAllocation: allocation([id(3), 10_000]) })] };
  return { flag: { id: id(8), key, rolloutId: id(6), experimentIds: [id(4), id(5)], variables: [] }, experiments, rollout };
}
