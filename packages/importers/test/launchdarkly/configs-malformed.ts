// LaunchDarkly configuration 4: flags LaunchDarkly keeps in the environment but answers MALFORMED_FLAG for when
// evaluation reaches the broken part — a variation index out of range (in a rule, a rollout, the off variation, a
// target), an empty rollout, a rule serving nothing, no fallthrough, an invalid attribute reference — plus a
// prerequisite that does not exist (PREREQUISITE_FAILED), a flag depending on a malformed one, and a good flag.
// `malformedPayload` breaks each flag where every context reaches it; `partlyMalformedPayload` breaks flags behind
// a rule or a target that only some contexts reach.
import { TARGETED_USER_KEYS } from './contexts.js';

type Json = Record<string, unknown>;

function flag(key: string, extra: Json): Json {
  return { key, version: 1, on: true, salt: key, variations: ['zero', 'one', 'two'], offVariation: 0, fallthrough: { variation: 2 }, rules: [], targets: [], prerequisites: [], ...extra };
}

const pro = { contextKind: 'user', attribute: 'plan', op: 'in', values: ['pro'], negate: false };
const us = { contextKind: 'user', attribute: 'country', op: 'in', values: ['US'], negate: false };

/** Flags broken where every context reaches the broken part, a flag depending on one, and a good flag. */
export function malformedPayload(): { flags: Record<string, Json>; segments: Record<string, Json> } {
  const flags: Record<string, Json> = {
    good: flag('good', { rules: [{ id: 'pro', variation: 1, clauses: [pro] }] }),
    'bad-rule-index': flag('bad-rule-index', { rules: [{ id: 'everyone', variation: 9, clauses: [] }] }),
    'bad-rollout-index': flag('bad-rollout-index', { fallthrough: { rollout: { variations: [{ variation: 5, weight: 100_000 }] } } }),
    'empty-rollout': flag('empty-rollout', { fallthrough: { rollout: { variations: [] } } }),
    'serves-nothing': flag('serves-nothing', { rules: [{ id: 'everyone', clauses: [] }] }),
    'missing-fallthrough': flag('missing-fallthrough', { fallthrough: undefined }),
    'bad-off-variation': flag('bad-off-variation', { on: false, offVariation: 5 }),
    'bad-reference': flag('bad-reference', { rules: [{ id: 'bad', variation: 0, clauses: [{ contextKind: 'user', attribute: '/a//b', op: 'in', values: ['x'] }] }] }),
    'missing-prerequisite': flag('missing-prerequisite', { prerequisites: [{ key: 'not-in-payload', variation: 0 }], offVariation: 1 }),
    'depends-on-malformed': flag('depends-on-malformed', { prerequisites: [{ key: 'bad-rule-index', variation: 1 }], offVariation: 1 }),
  };
  return { flags, segments: {} };
}

/** Flags broken behind a rule, a target or a rollout slice that only some contexts reach. */
export function partlyMalformedPayload(): { flags: Record<string, Json>; segments: Record<string, Json> } {
  const flags: Record<string, Json> = {
    'bad-second-rule': flag('bad-second-rule', { rules: [{ id: 'us', variation: 1, clauses: [us] }, { id: 'pro', variation: 9, clauses: [pro] }] }),
    'bad-target': flag('bad-target', { targets: [{ values: TARGETED_USER_KEYS.slice(0, 4), variation: 7 }] }),
    'bad-half-rollout': flag('bad-half-rollout', { fallthrough: { rollout: { variations: [{ variation: 0, weight: 50_000 }, { variation: 5, weight: 50_000 }] } } }),
  };
  return { flags, segments: {} };
}
