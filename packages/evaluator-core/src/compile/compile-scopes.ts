// Datafile-wide pieces shared by flags: holdouts, mutual-exclusion groups, segments and audiences.
import type { Audience, Condition, ExclusionGroup, Holdout, Segment, SegmentTarget, Semantics, Variation } from '@ensign/datafile-schema';
import type { CompiledGroup, CompiledHoldout, CompiledSegment, CompiledVariation, ConditionNode } from './compiled-types.js';
import { NODE } from './compiled-types.js';
import { compileAttributePath, compileCondition, literalPath } from './compile-conditions.js';
import { compileRollout, compileSlices, type SliceInput } from './compile-rollout.js';
import { EMPTY_VARIABLES, freezeJson } from './compile-variables.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compiles variations without variables (holdouts'), keeping the first of duplicate keys. */
export function compileBareVariations(variations: readonly Variation[]): CompiledVariation[] {
  const out: CompiledVariation[] = [];
  for (const v of variations) {
    if (!isObject(v) || typeof v.key !== 'string') continue;
    out.push({
      key: v.key,
      index: out.length,
      id: typeof v.id === 'string' ? v.id : null,
      value: freezeJson(v.value ?? null),
      enabled: v.enabled !== false,
      variables: EMPTY_VARIABLES,
      raw: v,
    });
  }
  return out;
}

/**
 * Compiles a holdout. A holdout that cannot be bucketed is kept with `malformed` set.
 *
 * @example
 * compileHoldout(holdout, 'ensign');
 */
export function compileHoldout(h: Holdout, semantics: Semantics): CompiledHoldout {
  const key = typeof h.key === 'string' ? h.key : '';
  const id = typeof h.id === 'string' ? h.id : key;
  const variations = compileBareVariations(Array.isArray(h.variations) ? h.variations : []);
  const byKey = new Map(variations.map((v) => [v.key, v.index]));
  const rollout = compileRollout(h.rollout, (k) => byKey.get(k) ?? -2, { key, salt: undefined, entityId: id });
  const malformed = typeof rollout === 'string' ? `holdout ${key}: ${rollout}` : key === '' ? 'a holdout needs a key' : null;
  return {
    key,
    malformed,
    id,
    running: (h.status ?? 'running') === 'running',
    conditions: compileCondition(h.conditions, semantics),
    variations,
    rollout: typeof rollout === 'string' ? null : rollout,
    raw: h,
  };
}

/** Tells whether a holdout applies to every flag (no `flags` and no `rules` scope). */
export function isGlobalHoldout(h: Holdout): boolean {
  return !Array.isArray(h.flags) && !Array.isArray(h.rules);
}

/**
 * Compiles a mutual-exclusion group: one slice per member, laid end to end.
 *
 * @example
 * compileGroup({ key: 'g', bucketing: { hash: 'ensign' }, members: [{ rule: 'r1', weight: 50000 }] });
 */
export function compileGroup(g: ExclusionGroup): CompiledGroup {
  const key = typeof g.key === 'string' ? g.key : '';
  const members = (Array.isArray(g.members) ? g.members : []).filter(isObject).map((m) => ({
    flag: typeof m.flag === 'string' ? m.flag : null,
    rule: typeof m.rule === 'string' ? m.rule : null,
    weight: m.weight,
  }));
  const inputs: SliceInput[] = members.map((m, i) => ({ key: m.rule === null ? null : String(i), weight: m.weight }));
  const id = typeof g.id === 'string' ? g.id : key;
  const rollout = compileSlices(g.bucketing, inputs, (k) => Number(k), { key, salt: undefined, entityId: id }, { isExperiment: false });
  return {
    key,
    malformed: typeof rollout === 'string' ? `group ${key}: ${rollout}` : null,
    rollout: typeof rollout === 'string' ? null : rollout,
    members: members.map(({ flag, rule }) => ({ flag, rule })),
    raw: g,
  };
}

function compileSegmentTargets(targets: readonly SegmentTarget[] | undefined): CompiledSegment['included'] {
  if (!Array.isArray(targets)) return [];
  return targets
    .filter((t) => isObject(t) && Array.isArray(t.values))
    .map((t) => ({
      contextKind: typeof t.contextKind === 'string' ? t.contextKind : 'user',
      keys: new Set((t.values as unknown[]).filter((v): v is string => typeof v === 'string')),
    }));
}

/**
 * Compiles a segment: target sets per kind, rules with their conditions and LaunchDarkly-style weights.
 *
 * @example
 * compileSegment({ key: 'beta', included: [{ values: ['u1'] }] }, 'ensign');
 */
export function compileSegment(s: Segment, semantics: Semantics): CompiledSegment {
  const rules = (Array.isArray(s.rules) ? s.rules : []).filter(isObject).map((r) => {
    const contextKind = typeof r.rolloutContextKind === 'string' ? r.rolloutContextKind : 'user';
    const by = typeof r.bucketBy === 'string' && r.bucketBy !== '' ? r.bucketBy : 'key';
    // As LaunchDarkly: `bucketBy` is a reference when the rule names `rolloutContextKind`, else a literal name.
    const bucketBy = typeof r.rolloutContextKind === 'string' ? (compileAttributePath(by) ?? literalPath(by)) : literalPath(by);
    const conditions: ConditionNode | null = compileCondition(r.conditions as Condition | undefined, semantics);
    return { conditions, weight: typeof r.weight === 'number' ? r.weight : null, bucketBy, contextKind };
  });
  return {
    key: s.key,
    included: compileSegmentTargets(s.included),
    excluded: compileSegmentTargets(s.excluded),
    rules,
    salt: typeof s.salt === 'string' ? s.salt : '',
    unbounded: s.unbounded === true,
    // LaunchDarkly reads a generation of 0 as unknown (`!segment.generation`): not configured.
    bigSegmentRef: typeof s.generation === 'number' && s.generation !== 0 ? `${s.key}.g${s.generation}` : null,
    unboundedContextKind: typeof s.unboundedContextKind === 'string' ? s.unboundedContextKind : 'user',
    raw: s,
  };
}

/** Compiles an audience; one without conditions matches everyone. */
export function compileAudience(a: Audience, semantics: Semantics): { raw: Audience; conditions: ConditionNode } {
  return { raw: a, conditions: compileCondition(a.conditions, semantics) ?? { t: NODE.CONSTANT, value: true } };
}
