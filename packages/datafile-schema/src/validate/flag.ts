// Flags: variations, variables, prerequisites, targets, rules, fallthrough and vendor metadata.
import type { RuleStatus } from '../types.js';
import type { Ctx } from './ctx.js';
import { checkCondition, checkContextKind } from './condition.js';
import { checkJson } from './json-value.js';
import type { Obj } from './read.js';
import type { Bounds } from './read.js';
import { NON_NEGATIVE_INTEGER, arr, asObject, bool, checkFields, describe, num, obj, oneOf, str, strArray } from './read.js';
import { checkServe, checkVariationRef } from './rollout.js';
import type { KeyIndex } from './key-index.js';
import { checkVariableDefinitions, checkVariations } from './variation.js';
import type { VariableTypes } from './variation.js';
import { FLAG_FIELDS, RULE_FIELDS, TARGET_FIELDS, PREREQUISITE_FIELDS, EXPERIMENT_FIELDS, CMAB_FIELDS, AVAILABILITY_FIELDS, ON_MISS_FIELDS } from './fields.js';

const CMAB_TRAFFIC: Bounds = Object.freeze({ min: 0, max: 10_000 });
const RULE_KINDS: ReadonlySet<'targeting' | 'experiment' | 'rollout'> = new Set(['targeting', 'experiment', 'rollout'] as const);
/** The variables of a flag that declares none: every override is unknown. */
const NO_VARIABLES: VariableTypes = new Map();
/** Rule and holdout statuses. */
export const STATUS_SET: ReadonlySet<RuleStatus> = new Set(['running', 'paused', 'draft', 'concluded', 'archived'] as const);

/** Checks a list of `Target`s at the current path plus `key`. */
function checkTargets(c: Ctx, o: Obj, key: string, variations: KeyIndex | undefined): void {
  const targets = arr(c, o, key, false);
  if (targets === undefined) return;
  c.stack.push(key);
  for (let i = 0; i < targets.length; i++) {
    c.stack.push(i);
    const t = asObject(c, targets[i]);
    if (t !== undefined) {
      checkFields(c, t, TARGET_FIELDS);
      checkContextKind(c, t, 'contextKind');
      strArray(c, t, 'values', true);
      const v = str(c, t, 'variation', true);
      if (v !== undefined) checkVariationRef(c, v, variations, 'variation');
    }
    c.stack.pop();
  }
  c.stack.pop();
}

/**
 * Checks one flag at the current path (`flags[i]`); returns its key when valid. A flag expanded from a template
 * (setting only per-flag fields) has the template's fields checked once, by the first such flag: when that check
 * finds nothing (no error, warning or reference), the next flags of the template check only their own fields.
 */
export function checkFlag(c: Ctx, value: unknown): string | undefined {
  const f = asObject(c, value);
  if (f === undefined) return undefined;
  // checkList pushed this flag's position last.
  const template = c.templated === null ? undefined : c.templated[c.stack[c.stack.length - 1] as number];
  if (template === undefined) return checkWholeFlag(c, f);
  const verdict = template.verdict;
  if (verdict === true) {
    const key = checkIdentity(c, f);
    checkDescriptive(c, f);
    return key;
  }
  if (verdict === false) return checkWholeFlag(c, f);
  const errors = c.errors.length;
  const warnings = c.warnings.length + c.droppedWarnings;
  const refs = c.refs.length;
  const key = checkWholeFlag(c, f);
  template.verdict = c.errors.length === errors && c.warnings.length + c.droppedWarnings === warnings && c.refs.length === refs;
  return key;
}

/** `key` and `id`. */
function checkIdentity(c: Ctx, f: Obj): string | undefined {
  const key = str(c, f, 'key', true, true);
  if (f.id !== undefined) str(c, f, 'id', false, true);
  return key;
}

/** The fields for people and the seed, which nothing else in the flag is checked against. */
function checkDescriptive(c: Ctx, f: Obj): void {
  if (f.salt !== undefined) str(c, f, 'salt', false);
  if (f.name !== undefined) str(c, f, 'name', false);
  if (f.description !== undefined) str(c, f, 'description', false);
  if (f.version !== undefined) num(c, f, 'version', false);
  if (f.tags !== undefined) strArray(c, f, 'tags', false);
}

function checkWholeFlag(c: Ctx, f: Obj): string | undefined {
  checkFields(c, f, FLAG_FIELDS);
  const key = checkIdentity(c, f);
  c.own('flag', key);
  bool(c, f, 'on', true);
  const types = f.variables === undefined ? NO_VARIABLES : checkVariableDefinitions(c, f);
  const variations = checkVariations(c, f, 'variations', types);
  const off = f.offVariation;
  if (typeof off === 'string') checkVariationRef(c, off, variations, 'offVariation');
  else if (off !== undefined && off !== null) c.error(`must be a variation key or null, got ${describe(off)}`, 'offVariation');
  if (f.prerequisites !== undefined) checkPrerequisites(c, f);
  if (f.targets !== undefined) checkTargets(c, f, 'targets', variations);
  const rules = arr(c, f, 'rules', false);
  if (rules !== undefined) checkRules(c, rules, variations, key);
  if (f.fallthrough !== undefined) checkServe(c, f, 'fallthrough', false, variations);
  checkDescriptive(c, f);
  if (f.clientSide !== undefined) bool(c, f, 'clientSide', false);
  if (f.trackEvents !== undefined) bool(c, f, 'trackEvents', false);
  if (f.trackEventsFallthrough !== undefined) bool(c, f, 'trackEventsFallthrough', false);
  if (f.excludeFromSummaries !== undefined) bool(c, f, 'excludeFromSummaries', false);
  if (f.debugEventsUntilDate !== undefined) num(c, f, 'debugEventsUntilDate', false);
  if (f.samplingRatio !== undefined) num(c, f, 'samplingRatio', false, NON_NEGATIVE_INTEGER);
  if (f.holdouts !== undefined) {
    const holdouts = strArray(c, f, 'holdouts', false, true);
    if (holdouts !== undefined) for (let i = 0; i < holdouts.length; i++) c.ref('holdout', holdouts[i] as string, undefined, 'holdouts', i);
  }
  if (f.clientSideAvailability !== undefined) {
    const a = obj(c, f, 'clientSideAvailability', false);
    if (a !== undefined) {
      c.stack.push('clientSideAvailability');
      checkFields(c, a, AVAILABILITY_FIELDS);
      bool(c, a, 'usingMobileKey', false);
      bool(c, a, 'usingEnvironmentId', false);
      c.stack.pop();
    }
  }
  if (f.metadata !== undefined) checkFlagMetadata(c, f);
  c.own(null, undefined);
  return key;
}

function checkPrerequisites(c: Ctx, f: Obj): void {
  const prereqs = arr(c, f, 'prerequisites', false);
  if (prereqs === undefined) return;
  c.stack.push('prerequisites');
  for (let i = 0; i < prereqs.length; i++) {
    c.stack.push(i);
    const p = asObject(c, prereqs[i]);
    if (p !== undefined) {
      checkFields(c, p, PREREQUISITE_FIELDS);
      const flagKey = str(c, p, 'flagKey', true, true);
      const variation = str(c, p, 'variation', true);
      if (flagKey !== undefined) c.ref('flag', flagKey, variation === undefined ? undefined : { variation }, 'flagKey');
    }
    c.stack.pop();
  }
  c.stack.pop();
}

function checkRules(c: Ctx, rules: unknown[], variations: KeyIndex | undefined, flagKey: string | undefined): void {
  const ids = c.ruleIds.reset();
  c.stack.push('rules');
  for (let i = 0; i < rules.length; i++) {
    c.stack.push(i);
    const r = asObject(c, rules[i]);
    if (r !== undefined) {
      checkFields(c, r, RULE_FIELDS);
      // LaunchDarkly allows rules without ids (its reasons then carry no ruleId).
      const id = str(c, r, 'id', c.defaultSemantics !== 'launchdarkly', true);
      if (id !== undefined && !ids.add(id)) c.error(`duplicate rule id ${JSON.stringify(id)} in this flag`, 'id');
      if (r.conditions !== undefined) checkCondition(c, r.conditions, 0, 'conditions');
      if (r.gate !== undefined) checkCondition(c, r.gate, 0, 'gate');
      checkServe(c, r, 'serve', true, variations);
      if (r.onMiss !== undefined) checkOnMiss(c, r, variations);
      if (r.key !== undefined) str(c, r, 'key', false);
      if (r.description !== undefined) str(c, r, 'description', false);
      if (r.kind !== undefined) oneOf(c, r, 'kind', RULE_KINDS, false);
      if (r.status !== undefined) oneOf(c, r, 'status', STATUS_SET, false);
      if (r.experiment !== undefined) checkExperiment(c, r);
      if (r.targets !== undefined) checkTargets(c, r, 'targets', variations);
      if (r.group !== undefined) {
        const group = str(c, r, 'group', false, true);
        if (group !== undefined) c.ref('group', group, id === undefined || flagKey === undefined ? undefined : { flag: flagKey, rule: id }, 'group');
      }
      if (r.trackEvents !== undefined) bool(c, r, 'trackEvents', false);
      if (r.metadata !== undefined && obj(c, r, 'metadata', false) !== undefined) checkJson(c, r.metadata, 'metadata');
    }
    c.stack.pop();
  }
  c.stack.pop();
}

function checkOnMiss(c: Ctx, r: Obj, variations: KeyIndex | undefined): void {
  const m = r.onMiss;
  if (m === 'next' || m === 'last') return;
  if (typeof m === 'string' || typeof m !== 'object' || m === null || Array.isArray(m)) {
    c.error(`must be "next", "last" or { "variation": key }, got ${typeof m === 'string' ? JSON.stringify(m) : describe(m)}`, 'onMiss');
    return;
  }
  const o = asObject(c, m, 'onMiss');
  if (o === undefined) return;
  c.stack.push('onMiss');
  checkFields(c, o, ON_MISS_FIELDS);
  const v = str(c, o, 'variation', true);
  if (v !== undefined) checkVariationRef(c, v, variations, 'variation');
  c.stack.pop();
}

function checkExperiment(c: Ctx, r: Obj): void {
  const e = obj(c, r, 'experiment', false);
  if (e === undefined) return;
  c.stack.push('experiment');
  checkFields(c, e, EXPERIMENT_FIELDS);
  str(c, e, 'key', true, true);
  str(c, e, 'id', false, true);
  str(c, e, 'layerId', false);
  str(c, e, 'type', false);
  str(c, e, 'audiences', false);
  const cmab = obj(c, e, 'cmab', false);
  if (cmab !== undefined) {
    c.stack.push('cmab');
    checkFields(c, cmab, CMAB_FIELDS);
    num(c, cmab, 'trafficAllocation', true, CMAB_TRAFFIC);
    strArray(c, cmab, 'attributeIds', true);
    c.stack.pop();
  }
  c.stack.pop();
}

const AMPLITUDE_MODES: ReadonlySet<'local' | 'remote'> = new Set(['local', 'remote'] as const);

function checkFlagMetadata(c: Ctx, f: Obj): void {
  const m = obj(c, f, 'metadata', false);
  if (m === undefined) return;
  c.stack.push('metadata');
  for (const vendor in m) {
    const v = m[vendor];
    if (v === undefined) continue;
    const o = asObject(c, v, vendor);
    if (o === undefined || !checkJson(c, o, vendor)) continue;
    c.stack.push(vendor);
    if (vendor === 'amplitude') {
      if (o.flagType !== undefined) str(c, o, 'flagType', false);
      if (o.flagVersion !== undefined) num(c, o, 'flagVersion', false);
      if (o.deployed !== undefined) bool(c, o, 'deployed', false);
      if (o.evaluationMode !== undefined) oneOf(c, o, 'evaluationMode', AMPLITUDE_MODES, false);
      if (o.experimentKey !== undefined) str(c, o, 'experimentKey', false);
      if (o.deliveryMethod !== undefined) str(c, o, 'deliveryMethod', false);
      if (o.trackExposure !== undefined) bool(c, o, 'trackExposure', false);
    } else if (vendor === 'optimizely') {
      if (o.flagId !== undefined) str(c, o, 'flagId', false);
      if (o.rolloutId !== undefined) str(c, o, 'rolloutId', false);
      if (o.experimentIds !== undefined) strArray(c, o, 'experimentIds', false);
    }
    c.stack.pop();
  }
  c.stack.pop();
}
