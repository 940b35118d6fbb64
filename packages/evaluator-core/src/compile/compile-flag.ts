// One flag → CompiledFlag. Never throws: what cannot be compiled is recorded in `malformed` (the whole flag then
// evaluates to MALFORMED_FLAG), or as a -2 variation index (MALFORMED_FLAG when evaluation reaches it).
import type { Flag, Holdout, Rule, Semantics, Serve } from '@ensign/datafile-schema';
import type { EvaluationReason } from '../types.js';
import type { CompiledFlag, CompiledHoldout, CompiledRule, CompiledServe, CompiledVariation } from './compiled-types.js';
import { compileCondition, type LeafCache } from './compile-conditions.js';
import { compileLean, type LeanLeaves } from './compile-lean.js';
import { compileRollout, type RolloutDefaults } from './compile-rollout.js';
import { compileTargets } from './compile-targets.js';
import { compileDefaults, compileVariationVariables, freezeJson } from './compile-variables.js';

/**
 * The index of a flag's variation by key, or -1. (A linear scan: flags have few variations, and a map per flag
 * would cost more to build than it saves.)
 */
export function variationIndex(flag: CompiledFlag, key: unknown): number {
  const variations = flag.variations;
  for (let i = 0; i < variations.length; i++) if ((variations[i] as CompiledVariation).key === key) return i;
  return -1;
}

/** What a flag needs from the rest of the datafile. */
export interface FlagScope {
  readonly semantics: Semantics;
  /** Leaves compiled so far in this datafile. */
  readonly leaves: LeafCache;
  /** Every holdout, compiled, in datafile order, with the raw definition. */
  readonly holdouts: readonly { readonly raw: Holdout; readonly compiled: CompiledHoldout; readonly global: boolean }[];
  /** The datafile's revision, which the results built at compile time echo. Default ''. */
  readonly revision?: string;
  /** The lean leaves of the datafile so far (see compile-lean.ts); one map per datafile. */
  readonly leanLeaves?: LeanLeaves;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NONE: readonly never[] = Object.freeze([]);
const FALLTHROUGH: EvaluationReason = Object.freeze({ kind: 'FALLTHROUGH' });
const FALLTHROUGH_EXPERIMENT: EvaluationReason = Object.freeze({ kind: 'FALLTHROUGH', inExperiment: true });

class Malformed extends Error {}

/** The first flag a condition reads (a flag-result leaf or a GrowthBook parent condition), depth first. */
function firstFlag(c: unknown, depth = 0): string | undefined {
  if (!isObject(c) || depth > 100) return undefined;
  if (typeof c['flag'] === 'string') return c['flag'];
  for (const k of ['and', 'or'] as const) {
    const list = c[k];
    if (Array.isArray(list)) {
      for (const child of list) {
        const found = firstFlag(child, depth + 1);
        if (found !== undefined) return found;
      }
    }
  }
  return firstFlag(c['not'], depth + 1);
}

/** A serve that answers MALFORMED_FLAG when (and only when) evaluation reaches it: -2 names no variation. */
const MALFORMED_SERVE: CompiledServe = Object.freeze({ variationIndex: -2, variationKey: '', rollout: null });

/** LaunchDarkly answers MALFORMED_FLAG for a rollout with no variations when evaluation reaches it. */
function isEmptyLaunchDarklyRollout(rollout: unknown): boolean {
  if (!isObject(rollout)) return false;
  const bucketing = rollout['bucketing'];
  return isObject(bucketing) && bucketing['hash'] === 'launchdarkly' && Array.isArray(rollout['variations']) && rollout['variations'].length === 0;
}

function compileServe(serve: Serve | undefined, indexOf: (k: string) => number, defaults: RolloutDefaults, what: string): CompiledServe {
  if (!isObject(serve)) throw new Malformed(`${what} serves nothing`);
  const variation = (serve as Record<string, unknown>)['variation'];
  if (typeof variation === 'string') return { variationIndex: indexOf(variation), variationKey: variation, rollout: null };
  if ('rollout' in serve) {
    if (isEmptyLaunchDarklyRollout(serve.rollout)) return MALFORMED_SERVE;
    const rollout = compileRollout(serve.rollout, indexOf, defaults);
    if (typeof rollout === 'string') throw new Malformed(`${what}: ${rollout}`);
    return { variationIndex: -1, variationKey: null, rollout };
  }
  throw new Malformed(`${what} serves neither a variation nor a rollout`);
}

function compileRule(rule: Rule, index: number, flag: Flag, scope: FlagScope, indexOf: (k: string) => number): CompiledRule {
  if (!isObject(rule)) throw new Malformed(`rule ${index} is not an object`);
  if (rule.id !== undefined && typeof rule.id !== 'string') throw new Malformed(`rule ${index} has an id that is not a string`);
  // LaunchDarkly allows rules without ids: their reasons carry no ruleId and their results no ruleId / ruleKey.
  const id = rule.id ?? '';
  const key = typeof rule.key === 'string' ? rule.key : id;
  const status = rule.status ?? 'running';
  const isExperiment = rule.kind === 'experiment';
  const onMiss = rule.onMiss;
  const serve = compileServe(rule.serve, indexOf, { key: flag.key, salt: flag.salt, entityId: id }, `rule ${id === '' ? index : id}`);
  const holdouts = scope.holdouts.length === 0 || id === '' ? NONE : scope.holdouts.filter((h) => Array.isArray(h.raw.rules) && h.raw.rules.includes(id)).map((h) => h.compiled);
  const reason: EvaluationReason = Object.freeze(id === '' ? { kind: 'RULE_MATCH', ruleIndex: index } : { kind: 'RULE_MATCH', ruleIndex: index, ruleId: id });
  const gate = compileCondition(rule.gate, scope.semantics, scope.leaves);
  const mayExperiment = isExperiment || serve.rollout !== null;
  return {
    index,
    id,
    key,
    running: status === 'running',
    status,
    conditions: compileCondition(rule.conditions, scope.semantics, scope.leaves),
    serve,
    onMiss: onMiss === 'last' ? 'last' : isObject(onMiss) && typeof onMiss['variation'] === 'string' ? indexOf(onMiss['variation']) : 'next',
    isExperiment,
    experimentKey: typeof rule.experiment?.key === 'string' ? rule.experiment.key : isExperiment ? key : null,
    profileKey: typeof rule.experiment?.id === 'string' ? rule.experiment.id : id,
    targets: compileTargets(rule.targets, indexOf),
    groupKey: typeof rule.group === 'string' ? rule.group : null,
    holdouts,
    gate,
    gateReason: gate === null ? reason : Object.freeze({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: firstFlag(rule.gate) ?? id }),
    cmab: isObject(rule.experiment?.cmab),
    reason,
    experimentReason: mayExperiment ? Object.freeze({ ...reason, inExperiment: true }) : reason,
    raw: rule,
  };
}

function compileVariations(flag: Flag): CompiledVariation[] {
  if (!Array.isArray(flag.variations)) throw new Malformed('a flag needs a variations list');
  const defaults = compileDefaults(flag.variables);
  const out: CompiledVariation[] = [];
  for (const v of flag.variations) {
    if (!isObject(v) || typeof v.key !== 'string') throw new Malformed('a variation needs a key');
    for (const seen of out) if (seen.key === v.key) throw new Malformed(`duplicate variation key ${v.key}`);
    out.push({
      key: v.key,
      index: out.length,
      id: typeof v.id === 'string' ? v.id : null,
      value: freezeJson(v.value ?? null),
      enabled: v.enabled !== false,
      variables: compileVariationVariables(flag.variables, defaults, v),
      raw: v,
    });
  }
  return out;
}

/** A flag that answers MALFORMED_FLAG with `message`; `quarantined` for one `parseDatafile` left out. */
export function malformedFlag(flag: Flag, key: string, message: string, quarantined = false): CompiledFlag {
  return {
    key,
    raw: flag,
    malformed: message,
    quarantined,
    on: false,
    variations: [],
    offVariation: -1,
    prerequisites: [],
    targets: [],
    rules: [],
    fallthrough: null,
    holdouts: [],
    defaults: compileDefaults(undefined),
    fallthroughReason: FALLTHROUGH,
    fallthroughExperimentReason: FALLTHROUGH_EXPERIMENT,
    lean: null,
  };
}

/**
 * Compiles one flag. Never throws.
 *
 * @example
 * compileFlag(flag, { semantics: 'ensign', holdouts: [] });
 */
export function compileFlag(flag: Flag, scope: FlagScope): CompiledFlag {
  const key = isObject(flag) && typeof flag.key === 'string' ? flag.key : '';
  try {
    if (key === '') throw new Malformed('a flag needs a key');
    const variations = compileVariations(flag);
    const indexOf = (k: string): number => {
      for (const v of variations) if (v.key === k) return v.index;
      return -2;
    };
    const rules = (flag.rules ?? []).map((r, i) => compileRule(r, i, flag, scope, indexOf));
    const off = flag.offVariation;
    // LaunchDarkly answers MALFORMED_FLAG when evaluation reaches a missing fallthrough; the others serve nothing.
    const fallthrough =
      flag.fallthrough === undefined || flag.fallthrough === null
        ? scope.semantics === 'launchdarkly' ? MALFORMED_SERVE : null
        : compileServe(flag.fallthrough, indexOf, { key, salt: flag.salt, entityId: flag.id ?? key }, 'the fallthrough');
    const holdouts =
      scope.holdouts.length === 0
        ? NONE
        : scope.holdouts
            .filter((h) => h.global || (Array.isArray(h.raw.flags) && h.raw.flags.includes(key)) || (Array.isArray(flag.holdouts) && flag.holdouts.includes(h.raw.key)))
            .map((h) => h.compiled);
    const prerequisites = flag.prerequisites === undefined || flag.prerequisites.length === 0 ? NONE : flag.prerequisites.map((p) => {
      if (!isObject(p) || typeof p.flagKey !== 'string' || typeof p.variation !== 'string') throw new Malformed('a prerequisite needs a flagKey and a variation');
      return { flagKey: p.flagKey, variation: p.variation };
    });
    const compiled: { -readonly [K in keyof CompiledFlag]: CompiledFlag[K] } = {
      key,
      raw: flag,
      malformed: null,
      quarantined: false,
      on: flag.on === true,
      variations,
      offVariation: typeof off === 'string' ? indexOf(off) : -1,
      prerequisites,
      targets: compileTargets(flag.targets, indexOf),
      rules,
      fallthrough,
      holdouts,
      defaults: compileDefaults(flag.variables),
      fallthroughReason: FALLTHROUGH,
      fallthroughExperimentReason: FALLTHROUGH_EXPERIMENT,
      lean: null,
    };
    // Set on the object itself (not a spread copy), so that every compiled flag keeps the literal's one shape.
    compiled.lean = compileLean(compiled, typeof scope.revision === 'string' ? scope.revision : '', scope.leanLeaves);
    return compiled;
  } catch (e) {
    return malformedFlag(flag, key, e instanceof Error ? e.message : String(e));
  }
}
