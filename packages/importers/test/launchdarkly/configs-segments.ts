// LaunchDarkly configuration 3: segments (user keys, per-kind included and excluded lists, rules with weights by key,
// by a literal attribute and by an org attribute, nested segment references, a reference to a segment the payload
// lacks), prerequisites (a chain, an off prerequisite whose off variation is the required one, a prerequisite with
// its own targets), an unknown operator and a pattern that does not compile (never match, negate still applies).
import { TARGETED_ORG_KEYS, TARGETED_USER_KEYS } from './contexts.js';

type Json = Record<string, unknown>;

function flag(key: string, extra: Json): Json {
  return {
    key,
    version: 1,
    on: true,
    salt: `salt-${key}`,
    variations: ['a', 'b', 'c'],
    offVariation: 2,
    fallthrough: { variation: 2 },
    targets: [],
    contextTargets: [],
    prerequisites: [],
    rules: [],
    ...extra,
  };
}

function clause(attribute: string, op: string, values: unknown[], negate = false, contextKind: string | undefined = 'user'): Json {
  return { ...(contextKind === undefined ? {} : { contextKind }), attribute, op, values, negate };
}

/** The flags and segments of configuration 3. */
export function segmentsPayload(): { flags: Record<string, Json>; segments: Record<string, Json> } {
  const segments: Record<string, Json> = {
    listed: {
      key: 'listed',
      version: 4,
      salt: 'listed-salt',
      included: TARGETED_USER_KEYS.slice(0, 4),
      excluded: TARGETED_USER_KEYS.slice(3, 6),
      includedContexts: [{ contextKind: 'org', values: [TARGETED_ORG_KEYS[0]] }],
      excludedContexts: [{ contextKind: 'org', values: [TARGETED_ORG_KEYS[1]] }, { contextKind: 'user', values: [TARGETED_USER_KEYS[6]] }],
      rules: [{ id: 'us', clauses: [clause('country', 'in', ['US'])] }],
    },
    weighted: {
      key: 'weighted',
      version: 2,
      salt: 'w-salt',
      rules: [
        { id: 'pro-half', clauses: [clause('plan', 'in', ['pro'])], weight: 50_000 },
        { clauses: [clause('country', 'in', ['CA', 'GB'])], weight: 30_000, bucketBy: 'team' },
        { id: 'org-tenth', clauses: [clause('tier', 'in', ['gold', 'silver'], false, 'org')], weight: 10_000, rolloutContextKind: 'org' },
        { id: 'by-org-region', clauses: [clause('seats', 'greaterThan', [1], false, 'org')], weight: 60_000, bucketBy: 'region', rolloutContextKind: 'org' },
      ],
    },
    nested: {
      key: 'nested',
      version: 1,
      rules: [{ id: 'in-listed-or-weighted', clauses: [clause('', 'segmentMatch', ['listed', 'weighted'], false, undefined), clause('age', 'greaterThanOrEqual', [18])] }],
    },
    'no-salt': { key: 'no-salt', version: 1, rules: [{ clauses: [], weight: 40_000 }] },
    // Big segments: no big-segment store is configured on either side, so the status is NOT_CONFIGURED.
    big: { key: 'big', version: 1, unbounded: true, generation: 3, included: [TARGETED_USER_KEYS[0]], rules: [{ id: 'de', clauses: [clause('country', 'in', ['DE'])] }] },
    'big-org': { key: 'big-org', version: 1, unbounded: true, unboundedContextKind: 'org', rules: [{ clauses: [clause('tier', 'in', ['gold'], false, 'org')] }] },
  };
  const flags: Record<string, Json> = {
    'segment-listed': flag('segment-listed', { rules: [{ id: 'r0', variation: 0, clauses: [clause('', 'segmentMatch', ['listed'], false, undefined)] }] }),
    'segment-weighted': flag('segment-weighted', { rules: [{ id: 'r0', variation: 1, clauses: [clause('', 'segmentMatch', ['weighted'], false, undefined)] }] }),
    'segment-nested-negated': flag('segment-nested-negated', {
      rules: [
        { id: 'not-nested', variation: 0, clauses: [clause('', 'segmentMatch', ['nested'], true, undefined)] },
        { id: 'no-salt', variation: 1, clauses: [clause('', 'segmentMatch', ['no-salt'], false, undefined)] },
      ],
    }),
    'segment-missing': flag('segment-missing', {
      rules: [
        { id: 'missing', variation: 0, clauses: [clause('', 'segmentMatch', ['not-in-payload'], false, undefined)] },
        { id: 'missing-negated', variation: 1, clauses: [clause('', 'segmentMatch', ['not-in-payload'], true, undefined), clause('country', 'in', ['US', 'CA'])] },
        { id: 'one-missing-one-listed', variation: 0, clauses: [clause('', 'segmentMatch', ['not-in-payload', 'listed'], false, undefined)] },
      ],
    }),
    'segment-big': flag('segment-big', {
      rules: [
        { id: 'big', variation: 0, clauses: [clause('', 'segmentMatch', ['big'], false, undefined)] },
        { id: 'big-org', variation: 1, clauses: [clause('', 'segmentMatch', ['big-org'], false, undefined)] },
      ],
    }),
    'unknown-operator': flag('unknown-operator', {
      rules: [
        { id: 'unknown', variation: 0, clauses: [clause('country', 'isOneOfTheseCountries', ['US'])] },
        { id: 'unknown-negated', variation: 1, clauses: [clause('country', 'isOneOfTheseCountries', ['US'], true)] },
      ],
    }),
    'bad-pattern': flag('bad-pattern', {
      rules: [
        { id: 'bad', variation: 0, clauses: [clause('email', 'matches', ['(unclosed'])] },
        { id: 'bad-negated', variation: 1, clauses: [clause('email', 'matches', ['[z-a]', '(unclosed'], true)] },
      ],
    }),
    root: flag('root', { rules: [{ id: 'pro', variation: 1, clauses: [clause('plan', 'in', ['pro', 'enterprise'])] }], fallthrough: { rollout: { variations: [{ variation: 0, weight: 50_000 }, { variation: 1, weight: 50_000 }] } } }),
    middle: flag('middle', {
      prerequisites: [{ key: 'root', variation: 1 }],
      targets: [{ values: TARGETED_USER_KEYS.slice(0, 2), variation: 1 }],
      fallthrough: { variation: 0 },
      offVariation: 1,
    }),
    leaf: flag('leaf', { prerequisites: [{ key: 'middle', variation: 0 }, { key: 'segment-listed', variation: 2 }], fallthrough: { variation: 1 }, offVariation: 0 }),
    'off-prerequisite': flag('off-prerequisite', { on: false, offVariation: 1 }),
    'needs-off': flag('needs-off', { prerequisites: [{ key: 'off-prerequisite', variation: 1 }], fallthrough: { variation: 0 } }),
    'needs-root-no-off': flag('needs-root-no-off', { prerequisites: [{ key: 'root', variation: 1 }], fallthrough: { variation: 0 }, offVariation: undefined }),
  };
  return { flags, segments };
}
