// LaunchDarkly configuration 1: individual targets and context targets, and rules with clauses of every operator,
// plain and negated, on user and org attributes, attribute references and literal names, arrays, `kind`,
// `anonymous` and `key`; rules with and without ids, an off flag with and without an off variation.
import { TARGETED_ORG_KEYS, TARGETED_USER_KEYS } from './contexts.js';

type Json = Record<string, unknown>;

function flag(key: string, rules: Json[], extra: Json = {}): Json {
  return {
    key,
    version: 3,
    on: true,
    salt: `salt-${key}`,
    variations: ['rule-a', 'rule-b', 'fallthrough', { nested: ['json', 1] }],
    offVariation: 2,
    fallthrough: { variation: 2 },
    targets: [],
    contextTargets: [],
    prerequisites: [],
    rules,
    trackEvents: false,
    trackEventsFallthrough: false,
    clientSide: false,
    ...extra,
  };
}

/** One flag per operator: the clause as given (rule 0) and negated (rule 1), then the fallthrough. */
function operatorFlag(op: string, attribute: string, values: unknown[], contextKind: string | null = 'user'): [string, Json] {
  const key = `op-${op}-${attribute.replace(/[^a-z]/gi, '')}${contextKind === null ? '-literal' : ''}`;
  const clause = (negate: boolean): Json => ({ ...(contextKind ? { contextKind } : {}), attribute, op, values, negate });
  return [key, flag(key, [{ id: `${key}-plain`, variation: 0, clauses: [clause(false)] }, { id: `${key}-negated`, variation: 1, clauses: [clause(true)] }])];
}

// A null context kind: a legacy clause, whose attribute LaunchDarkly reads as a literal name.
const OPERATORS: [string, string, unknown[], (string | null)?][] = [
  ['in', 'country', ['US', 'CA', 18]],
  ['in', 'plan', ['pro']],
  ['in', 'age', [18, 21, '18']],
  ['startsWith', 'email', ['ann', 'bob@', 'Eve']],
  ['endsWith', 'email', ['example.com', '.org']],
  ['contains', 'email', ['@test', 'EXAMPLE', '+']],
  ['matches', 'email', ['^[a-c][a-z]*@example\\.com$', 'co\\.uk$']],
  ['lessThan', 'age', [18]],
  ['lessThanOrEqual', 'age', [18, -5]],
  ['greaterThan', 'age', [64.999]],
  ['greaterThanOrEqual', 'age', [65, '21']],
  ['before', 'signup', ['2024-01-01T00:00:00Z', 1_650_000_000_000]],
  ['after', 'signup', ['2024-06-15T12:30:00.123Z']],
  ['after', 'signup', [1_700_000_000_000]],
  ['semVerEqual', 'version', ['1.2.3', '2', '1.2.3-beta.1']],
  ['semVerLessThan', 'version', ['1.2.3']],
  ['semVerGreaterThan', 'version', ['1.2.3-beta.1', '1.10']],
  ['in', '/address/city', ['Oakland', 'Zürich']],
  ['startsWith', '/address/zip', ['946']],
  ['in', '/weird', ['w1', 42], null],
  ['in', 'country', ['GB'], null],
  ['in', 'key', ['user-u1', 'org-0'], null],
  ['in', 'kind', ['org']],
  ['in', 'anonymous', [true]],
  ['in', 'key', TARGETED_USER_KEYS.slice(0, 3)],
  ['in', 'tier', ['gold', 'silver'], 'org'],
  ['greaterThan', 'seats', [50], 'org'],
  ['semVerLessThan', 'version', ['2.0.0'], 'device'],
  ['in', 'name', ['Zoë']],
  ['in', 'tags', ['pro', 'US']],
];

/** The flags of configuration 1. */
export function targetingPayload(): { flags: Record<string, Json>; segments: Record<string, Json> } {
  const flags: Record<string, Json> = Object.fromEntries(OPERATORS.map(([op, attribute, values, kind]) => operatorFlag(op, attribute, values, kind)));
  flags['targets-legacy'] = flag('targets-legacy', [], {
    targets: [
      { values: TARGETED_USER_KEYS.slice(0, 3), variation: 0 },
      { values: TARGETED_USER_KEYS.slice(3, 5), variation: 3 },
    ],
  });
  flags['targets-contexts'] = flag(
    'targets-contexts',
    [{ id: 'r-org', variation: 1, clauses: [{ contextKind: 'org', attribute: 'region', op: 'in', values: ['emea'], negate: false }] }],
    {
      targets: [
        { values: TARGETED_USER_KEYS.slice(0, 4), variation: 0 },
        { values: TARGETED_USER_KEYS.slice(4, 6), variation: 3 },
      ],
      // The org entry comes first; the user entries are placeholders for the targets of the same variation (the one
      // for variation 1 has no user targets behind it).
      contextTargets: [
        { contextKind: 'org', values: TARGETED_ORG_KEYS.slice(0, 2), variation: 1 },
        { contextKind: 'user', values: [], variation: 3 },
        { values: [], variation: 1 },
        { contextKind: 'user', values: [], variation: 0 },
        { contextKind: 'device', values: ['user-d1', 'user-d2'], variation: 2 },
      ],
    },
  );
  flags['rules-mixed'] = flag('rules-mixed', [
    // No id: LaunchDarkly reports the rule index only.
    { variation: 0, clauses: [{ contextKind: 'user', attribute: 'plan', op: 'in', values: ['enterprise'], negate: false }, { contextKind: 'org', attribute: 'tier', op: 'in', values: ['gold'], negate: false }] },
    { id: 'track', variation: 3, trackEvents: true, clauses: [{ contextKind: 'user', attribute: 'country', op: 'in', values: ['DE', 'FR'], negate: true }, { contextKind: 'user', attribute: 'age', op: 'lessThan', values: [30], negate: false }] },
    // Empty clauses: every context matches; a rule without a clauses list never matches.
    { id: 'never', variation: 1 },
    { id: 'everyone-with-email', variation: 1, clauses: [{ attribute: 'email', op: 'contains', values: ['@'], negate: false }] },
    { id: 'all', variation: 0, clauses: [] },
  ]);
  // A null variation: LaunchDarkly's Node SDK answers `value: null` with the variation index and the rule's reason.
  flags['null-variation'] = flag(
    'null-variation',
    [{ id: 'with-email', variation: 4, clauses: [{ contextKind: 'user', attribute: 'email', op: 'contains', values: ['@'], negate: false }] }],
    { variations: ['rule-a', 'rule-b', 'fallthrough', { nested: ['json', 1] }, null] },
  );
  flags['off-with-variation'] = flag('off-with-variation', [], { on: false, offVariation: 1 });
  flags['off-without-variation'] = flag('off-without-variation', [], { on: false, offVariation: undefined });
  return { flags, segments: {} };
}
