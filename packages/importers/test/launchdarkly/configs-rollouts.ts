// LaunchDarkly configuration 2: percentage rollouts and experiments — by key, by a literal `bucketBy` (also one that
// starts with "/"), by an attribute reference with a context kind, by another context kind (org, device), with a
// seed (and seed 0, which the Node SDK ignores), untracked slices, weights adding up to less than 100000, integer,
// float, boolean and missing bucketing values; rollouts in rules and in the fallthrough, a flag without a salt.

type Json = Record<string, unknown>;

function flag(key: string, fallthrough: Json, extra: Json = {}): Json {
  return {
    key,
    version: 7,
    on: true,
    salt: `s-${key}`,
    variations: [false, true, 'third', 4],
    offVariation: 0,
    fallthrough,
    targets: [],
    contextTargets: [],
    prerequisites: [],
    rules: [],
    trackEvents: false,
    trackEventsFallthrough: true,
    clientSide: true,
    clientSideAvailability: { usingMobileKey: true, usingEnvironmentId: true },
    ...extra,
  };
}

const split3 = [
  { variation: 0, weight: 33_333 },
  { variation: 1, weight: 33_333 },
  { variation: 2, weight: 33_334 },
];

function rollout(fields: Json, variations: Json[] = split3): Json {
  return { rollout: { ...fields, variations } };
}

/** The flags of configuration 2. */
export function rolloutsPayload(): { flags: Record<string, Json>; segments: Record<string, Json> } {
  const flags: Record<string, Json> = {};
  const add = (key: string, fallthrough: Json, extra: Json = {}): void => void (flags[key] = flag(key, fallthrough, extra));
  add('by-key', rollout({}));
  add('by-key-user-kind', rollout({ contextKind: 'user' }));
  add('by-literal-team', rollout({ bucketBy: 'team' }));
  add('by-literal-slash', rollout({ bucketBy: '/weird' }));
  add('by-reference-city', rollout({ contextKind: 'user', bucketBy: '/address/city' }));
  add('by-reference-zip', rollout({ contextKind: 'user', bucketBy: '/address/zip' }));
  add('by-score', rollout({ bucketBy: 'score' }));
  add('by-org', rollout({ contextKind: 'org' }));
  add('by-org-tier', rollout({ contextKind: 'org', bucketBy: 'tier' }));
  add('seeded', rollout({ seed: 61 }));
  add('seed-zero', rollout({ seed: 0 }));
  add('short-weights', rollout({}, [
    { variation: 0, weight: 20_000 },
    { variation: 3, weight: 30_000 },
  ]));
  add('experiment', rollout({ kind: 'experiment', seed: 12345 }, [
    { variation: 0, weight: 25_000 },
    { variation: 1, weight: 25_000 },
    { variation: 2, weight: 50_000, untracked: true },
  ]));
  add('experiment-bucket-by-ignored', rollout({ kind: 'experiment', bucketBy: 'team' }));
  add('experiment-org', rollout({ kind: 'experiment', contextKind: 'org' }, [
    { variation: 1, weight: 40_000 },
    { variation: 2, weight: 60_000 },
  ]));
  add('experiment-short', rollout({ kind: 'experiment' }, [
    { variation: 1, weight: 30_000 },
    { variation: 2, weight: 30_000, untracked: true },
    { variation: 3, weight: 10_000 },
  ]));
  add('experiment-device-short', rollout({ kind: 'experiment', contextKind: 'device' }, [
    { variation: 1, weight: 50_000 },
    { variation: 3, weight: 10_000 },
  ]));
  add('no-salt', rollout({}), { salt: undefined });
  add('rules-with-rollouts', { variation: 3 }, {
    rules: [
      {
        id: 'pro-experiment',
        clauses: [{ contextKind: 'user', attribute: 'plan', op: 'in', values: ['pro', 'enterprise'], negate: false }],
        rollout: { kind: 'experiment', variations: [{ variation: 0, weight: 50_000 }, { variation: 1, weight: 50_000 }] },
        trackEvents: true,
      },
      {
        id: 'org-rollout',
        clauses: [{ contextKind: 'org', attribute: 'seats', op: 'greaterThanOrEqual', values: [10], negate: false }],
        rollout: { contextKind: 'org', bucketBy: 'region', variations: [{ variation: 2, weight: 10_000 }, { variation: 1, weight: 90_000 }] },
      },
    ],
  });
  return { flags, segments: {} };
}
