// The "variety" generator: every construct of the format, valid by construction (references point only at
// things defined, dependencies only at earlier flags, weights fit their bucket space).
import type {
  Datafile,
  ExclusionGroup,
  Flag,
  HashMode,
  Holdout,
  JsonValue,
  Rule,
  RuleMiss,
  Segment,
  Serve,
  Variation,
} from '../types.js';
import { BUCKET_SPACE, HASH_MODES, SEMANTICS } from '../types.js';
import { bucketingFor, splitFor } from './generate-datafile.js';
import type { Random } from './random.js';
import { AUDIENCES, COHORTS, conditionTree, leaf, SEGMENTS, type Scope } from './varied-conditions.js';

function serveFor(s: Scope, flagKey: string, variations: string[], hash: HashMode | undefined): Serve {
  if (s.rnd.chance(0.35)) return { variation: s.rnd.pick(variations) };
  const mode = hash ?? s.rnd.pick(HASH_MODES);
  const bucketing = bucketingFor(mode, flagKey, s.rnd);
  if ((mode === 'growthbook-v1' || mode === 'growthbook-v2') && s.rnd.chance(0.3)) {
    bucketing.namespace = { id: 'ns-1', range: [0, 0.5] };
    bucketing.filters = [{ seed: 'filter-seed', ranges: [[0, 0.6]], hashVersion: 2 }];
  }
  if (mode === 'launchdarkly' && s.rnd.chance(0.3)) bucketing.seed = s.rnd.int(1, 1000);
  if (mode === 'launchdarkly' && s.rnd.chance(0.3)) bucketing.contextKind = s.rnd.pick(['user', 'org']);
  if (mode.startsWith('growthbook') && s.rnd.chance(0.3)) bucketing.fallbackAttribute = 'deviceId';
  const slices = splitFor(mode, variations, s.rnd, s.rnd.chance(0.2));
  if ((mode === 'amplitude' || mode.startsWith('growthbook')) && s.rnd.chance(0.4)) {
    let start = 0;
    for (const slice of slices) {
      slice.range = [start, start + slice.weight];
      start += slice.weight;
    }
  }
  const rollout: Serve = { rollout: { bucketing, variations: slices } };
  if (s.rnd.chance(0.3)) rollout.rollout.kind = 'experiment';
  if (mode === 'launchdarkly' && slices.length > 1 && s.rnd.chance(0.3)) (slices.at(-1) as { untracked?: boolean }).untracked = true;
  if (mode === 'amplitude' && s.rnd.chance(0.5)) rollout.rollout.allocation = [0, s.rnd.int(1, 100)];
  if (mode === 'ensign' && s.rnd.chance(0.3)) rollout.rollout.allocation = [0, s.rnd.int(1, 100_000)];
  if ((mode === 'growthbook-v1' || mode === 'growthbook-v2') && s.rnd.chance(0.5)) rollout.rollout.coverage = s.rnd.int(1, 10) / 10;
  return rollout;
}

function variations(s: Scope, typed: boolean): Variation[] {
  const n = s.rnd.int(2, 4);
  const values: JsonValue[] = [false, true, 'red', 42, { color: 'blue', sizes: [1, 2] }, null];
  return Array.from({ length: n }, (_, i) => {
    const v: Variation = { key: `v${i}`, value: s.rnd.pick(values) };
    if (s.rnd.chance(0.3)) v.id = String(s.rnd.int(1e6, 9e6));
    if (typed) {
      v.enabled = i > 0;
      v.variables = { max: s.rnd.int(1, 9), title: `title ${i}`, ratio: s.rnd.next(), config: { depth: i } };
    }
    if (s.rnd.chance(0.2)) v.payload = { note: `payload ${i}` };
    return v;
  });
}

function rules(s: Scope, flagKey: string, keys: string[], hash: HashMode | undefined): Rule[] {
  const misses: RuleMiss[] = ['next', 'last', { variation: keys[0] as string }];
  return Array.from({ length: s.rnd.int(0, 3) }, (_, j) => {
    const rule: Rule = { id: `${flagKey}-r${j}`, serve: serveFor(s, flagKey, keys, hash) };
    if (s.rnd.chance(0.85)) rule.conditions = conditionTree(s, 0);
    if (s.rnd.chance(0.3)) rule.onMiss = s.rnd.pick(misses);
    if (s.rnd.chance(0.3)) {
      rule.kind = 'experiment';
      rule.status = s.rnd.pick(['running', 'paused'] as const);
      rule.experiment = { key: `exp-${flagKey}-${j}`, id: String(s.rnd.int(1e6, 9e6)), layerId: String(s.rnd.int(1e6, 9e6)), type: 'ab' };
      if (s.rnd.chance(0.2)) rule.experiment.cmab = { trafficAllocation: s.rnd.int(0, 10_000), attributeIds: ['10401066117'] };
      rule.targets = [{ values: ['forced-user'], variation: s.rnd.pick(keys) }];
    }
    if (s.rnd.chance(0.2)) rule.trackEvents = true;
    if (s.rnd.chance(0.2)) rule.metadata = { segmentName: `segment ${j}` };
    if (s.rnd.chance(0.05) && s.earlier.length > 0) rule.gate = leaf(s);
    return rule;
  });
}

function flag(s: Scope, i: number, hash: HashMode | undefined): Flag {
  const key = `flag-${i}`;
  const typed = s.rnd.chance(0.3);
  const vs = variations(s, typed);
  const keys = vs.map((v) => v.key);
  const f: Flag = { key, on: s.rnd.chance(0.8), variations: vs };
  if (typed) {
    f.variables = [
      { key: 'max', type: 'integer', default: 3 },
      { key: 'title', type: 'string', default: 'default title' },
      { key: 'ratio', type: 'double', default: 0.5 },
      { key: 'config', type: 'json', default: { depth: 0 } },
      { key: 'enabled', type: 'boolean', default: false },
    ];
  }
  if (s.rnd.chance(0.6)) f.offVariation = s.rnd.chance(0.8) ? (keys[0] as string) : null;
  const prior = s.earlier.length > 0 && s.rnd.chance(0.3) ? s.rnd.pick(s.earlier) : undefined;
  if (prior !== undefined) f.prerequisites = [{ flagKey: prior.key, variation: s.rnd.pick(prior.variations) }];
  if (s.rnd.chance(0.3)) f.targets = [{ values: ['user-1', 'user-2'], variation: keys[1] as string }, { contextKind: 'org', values: ['org-1'], variation: keys[0] as string }];
  const rs = rules(s, key, keys, hash);
  if (rs.length > 0) f.rules = rs;
  if (s.rnd.chance(0.8)) f.fallthrough = serveFor(s, key, keys, hash);
  if (s.rnd.chance(0.5)) f.salt = `salt-${i}`;
  if (s.rnd.chance(0.3)) f.clientSide = true;
  if (s.rnd.chance(0.2)) f.trackEvents = true;
  if (s.rnd.chance(0.2)) f.trackEventsFallthrough = true;
  if (s.rnd.chance(0.3)) f.tags = ['generated'];
  if (s.rnd.chance(0.3)) f.version = s.rnd.int(1, 50);
  if (s.rnd.chance(0.2)) f.metadata = { amplitude: { flagType: 'experiment', flagVersion: 3, deployed: true, evaluationMode: 'local' } };
  if (s.rnd.chance(0.1)) f.metadata = { optimizely: { flagId: String(i), rolloutId: `rollout-${i}`, experimentIds: [] } };
  if (s.rnd.chance(0.1)) f.holdouts = ['flag-holdout'];
  if (s.rnd.chance(0.2)) {
    f.excludeFromSummaries = s.rnd.chance(0.5);
    f.debugEventsUntilDate = 1_700_000_000_000 + s.rnd.int(0, 1e9);
    f.samplingRatio = s.rnd.int(0, 10);
    f.clientSideAvailability = { usingMobileKey: s.rnd.chance(0.5), usingEnvironmentId: s.rnd.chance(0.5) };
  }
  s.earlier.push({ key, variations: keys });
  return f;
}

function segments(rnd: Random): Segment[] {
  const s: Scope = { rnd, earlier: [], references: false };
  return SEGMENTS.map((key, i) => ({
    key,
    salt: `segment-salt-${i}`,
    included: [{ values: [`user-${i}`] }, { contextKind: 'org', values: ['org-1'] }],
    excluded: [{ values: ['user-blocked'] }],
    rules: [{ id: `${key}-rule`, conditions: conditionTree(s, 1), weight: rnd.int(0, 100_000), bucketBy: 'key', rolloutContextKind: 'user' }],
  }));
}

function holdouts(hash: HashMode | undefined, rnd: Random): Holdout[] {
  const mode = hash ?? 'optimizely';
  const space = BUCKET_SPACE[mode];
  const held = mode === 'growthbook-v1' || mode === 'growthbook-v2' ? 0.05 : Math.floor(space / 20);
  const hold = (key: string): Holdout => ({
    key,
    id: String(rnd.int(1e6, 9e6)),
    status: 'running',
    variations: [{ key: 'holdout-off', value: null, enabled: false }],
    rollout: {
      bucketing: bucketingFor(mode, key, rnd),
      variations: [
        { variation: 'holdout-off', weight: held },
        { variation: null, weight: space - held },
      ],
    },
  });
  return [hold('global-holdout'), { ...hold('flag-holdout'), flags: ['flag-0'] }];
}

/** Scopes one more holdout to the first rule of the generator's first flag with rules (Optimizely local holdouts). */
function localHoldout(flags: Flag[], base: Holdout): Holdout[] {
  const first = flags.find((f) => (f.rules?.length ?? 0) > 0);
  if (first === undefined) return [];
  return [{ ...base, key: 'local-holdout', id: 'local-holdout-id', rules: [(first.rules as Rule[])[0]!.id as string] }]; // generated rules always have ids
}

/** Puts the first rule of the first two flags with rules into a mutual-exclusion group. */
function groups(flags: Flag[], hash: HashMode | undefined, rnd: Random): ExclusionGroup[] {
  const members = flags.filter((f) => (f.rules?.length ?? 0) > 0).slice(0, 2);
  if (members.length === 0) return [];
  const mode = hash ?? 'optimizely';
  const weights = splitFor(mode, members.map((f) => f.key), rnd, true);
  for (const f of members) (f.rules as Rule[])[0]!.group = 'exclusive-1';
  return [
    {
      key: 'exclusive-1',
      bucketing: bucketingFor(mode, 'exclusive-1', rnd),
      members: weights.map((w) => {
        const f = members.find((m) => m.key === w.variation);
        return f === undefined ? { rule: null, weight: w.weight } : { flag: f.key, rule: (f.rules as Rule[])[0]!.id as string, weight: w.weight };
      }),
    },
  ];
}

/** Builds the varied datafile of `count` flags. */
export function variedDatafile(count: number, rnd: Random, hash: HashMode | undefined): Datafile {
  const s: Scope = { rnd, earlier: [], references: true };
  const flags: Flag[] = [];
  for (let i = 0; i < count; i++) flags.push(flag(s, i, hash));
  const plain: Scope = { rnd, earlier: [], references: false };
  const d: Datafile = {
    schemaVersion: 1,
    revision: `varied-${rnd.int(0, 1e9)}`,
    environment: 'test',
    accountId: '10367498574',
    projectId: '10431130345',
    settings: { sendFlagDecisions: true, anonymizeIp: true, botFiltering: false, region: 'US' },
    flags,
    segments: segments(rnd),
    audiences: AUDIENCES.map((id, i) => ({ id, name: `audience ${i}`, conditions: conditionTree(plain, 1) })),
    cohorts: COHORTS.map((id) => ({ id, name: `Cohort ${id}` })),
    events: [{ key: 'purchase', id: '111095', experimentIds: [] }],
    attributes: [
      { key: 'country', id: '10401066117' },
      { key: 'plan', id: '10401066118' },
    ],
    integrations: [{ key: 'odp', host: 'https://api.zaius.com', publicKey: 'W4WzcEs-ABgXorzY7h1LCQ' }],
    savedGroups: { internal: ['user-1', 'user-2'] },
  };
  if (rnd.chance(0.8)) d.semantics = rnd.pick(SEMANTICS);
  if (count > 0) {
    const hs = holdouts(hash, rnd);
    d.holdouts = [...hs, ...localHoldout(flags, hs[0] as Holdout)];
  }
  if (rnd.chance(0.3)) d.segments!.push({ key: 'big-segment', unbounded: true, unboundedContextKind: 'org', generation: rnd.int(0, 9) });
  else for (const f of flags) delete f.holdouts;
  const gs = groups(flags, hash, rnd);
  if (gs.length > 0) d.groups = gs;
  return d;
}
