// The lists beside flags: segments, audiences, cohorts, events, attributes, holdouts, groups, integrations.
// Each checker validates one item at the current path and returns the key that must be unique (or undefined).
import type { Ctx } from './ctx.js';
import { checkAttributeRef, checkCondition, checkContextKind } from './condition.js';
import { STATUS_SET } from './flag.js';
import type { Obj } from './read.js';
import type { Bounds } from './read.js';
import { NON_NEGATIVE, NON_NEGATIVE_INTEGER, arr, asObject, bool, checkFields, num, oneOf, str, strArray } from './read.js';
import { checkBucketing, checkRollout } from './rollout.js';
import { checkVariations } from './variation.js';
import { BUCKET_SPACE } from '../types.js';
import { SEGMENT_FIELDS, SEGMENT_TARGET_FIELDS, SEGMENT_RULE_FIELDS, AUDIENCE_FIELDS, COHORT_FIELDS, EVENT_FIELDS, ATTRIBUTE_FIELDS, HOLDOUT_FIELDS, GROUP_FIELDS, MEMBER_FIELDS, INTEGRATION_FIELDS } from './fields.js';

const SEGMENT_WEIGHT: Bounds = Object.freeze({ min: 0, max: BUCKET_SPACE.launchdarkly });

function segmentTargets(c: Ctx, o: Obj, key: string): void {
  const list = arr(c, o, key, false);
  if (list === undefined) return;
  c.stack.push(key);
  for (let i = 0; i < list.length; i++) {
    c.stack.push(i);
    const t = asObject(c, list[i]);
    if (t !== undefined) {
      checkFields(c, t, SEGMENT_TARGET_FIELDS);
      checkContextKind(c, t, 'contextKind');
      strArray(c, t, 'values', true);
    }
    c.stack.pop();
  }
  c.stack.pop();
}

/** A LaunchDarkly-style segment. */
export function checkSegment(c: Ctx, value: unknown): string | undefined {
  const s = asObject(c, value);
  if (s === undefined) return undefined;
  checkFields(c, s, SEGMENT_FIELDS);
  const key = str(c, s, 'key', true, true);
  c.own('segment', key);
  str(c, s, 'id', false, true);
  num(c, s, 'version', false);
  str(c, s, 'salt', false);
  segmentTargets(c, s, 'included');
  segmentTargets(c, s, 'excluded');
  bool(c, s, 'unbounded', false);
  checkContextKind(c, s, 'unboundedContextKind');
  num(c, s, 'generation', false, NON_NEGATIVE_INTEGER);
  const rules = arr(c, s, 'rules', false);
  if (rules !== undefined) {
    c.stack.push('rules');
    for (let i = 0; i < rules.length; i++) {
      c.stack.push(i);
      const r = asObject(c, rules[i]);
      if (r !== undefined) {
        checkFields(c, r, SEGMENT_RULE_FIELDS);
        str(c, r, 'id', false);
        if (r.conditions !== undefined) checkCondition(c, r.conditions, 0, 'conditions');
        num(c, r, 'weight', false, SEGMENT_WEIGHT);
        checkAttributeRef(c, r, 'bucketBy', false);
        checkContextKind(c, r, 'rolloutContextKind');
      }
      c.stack.pop();
    }
    c.stack.pop();
  }
  c.own(null, undefined);
  return key;
}

/** An Optimizely audience: a named condition. */
export function checkAudience(c: Ctx, value: unknown): string | undefined {
  const a = asObject(c, value);
  if (a === undefined) return undefined;
  checkFields(c, a, AUDIENCE_FIELDS);
  const id = str(c, a, 'id', true, true);
  c.own('audience', id);
  str(c, a, 'key', false);
  str(c, a, 'name', false);
  if (a.conditions === undefined) c.error('is required', 'conditions');
  else checkCondition(c, a.conditions, 0, 'conditions');
  c.own(null, undefined);
  return id;
}

/** A cohort, by id. */
export function checkCohort(c: Ctx, value: unknown): string | undefined {
  const o = asObject(c, value);
  if (o === undefined) return undefined;
  checkFields(c, o, COHORT_FIELDS);
  str(c, o, 'name', false);
  checkContextKind(c, o, 'contextKind');
  return str(c, o, 'id', true, true);
}

/** An event (metric) definition. */
export function checkEvent(c: Ctx, value: unknown): string | undefined {
  const o = asObject(c, value);
  if (o === undefined) return undefined;
  checkFields(c, o, EVENT_FIELDS);
  strArray(c, o, 'experimentIds', false);
  str(c, o, 'id', false, true);
  return str(c, o, 'key', true, true);
}

/** An attribute definition. */
export function checkAttribute(c: Ctx, value: unknown): string | undefined {
  const o = asObject(c, value);
  if (o === undefined) return undefined;
  checkFields(c, o, ATTRIBUTE_FIELDS);
  str(c, o, 'id', false, true);
  return str(c, o, 'key', true, true);
}

/** An integration (Optimizely's ODP). */
export function checkIntegration(c: Ctx, value: unknown): string | undefined {
  const o = asObject(c, value);
  if (o === undefined) return undefined;
  checkFields(c, o, INTEGRATION_FIELDS);
  str(c, o, 'host', false);
  str(c, o, 'publicKey', false);
  str(c, o, 'pixelUrl', false);
  return str(c, o, 'key', true, true);
}

/** A holdout: its own variations and rollout, scoped to flags or rules, or global. */
export function checkHoldout(c: Ctx, value: unknown): string | undefined {
  const h = asObject(c, value);
  if (h === undefined) return undefined;
  checkFields(c, h, HOLDOUT_FIELDS);
  const key = str(c, h, 'key', true, true);
  c.own('holdout', key);
  str(c, h, 'id', false, true);
  oneOf(c, h, 'status', STATUS_SET, false);
  str(c, h, 'audiences', false);
  if (h.conditions !== undefined) checkCondition(c, h.conditions, 0, 'conditions');
  const variations = checkVariations(c, h, 'variations', undefined);
  checkRollout(c, h, 'rollout', true, variations);
  const flags = strArray(c, h, 'flags', false, true);
  if (flags !== undefined) for (let i = 0; i < flags.length; i++) c.ref('flag', flags[i] as string, { reverse: true }, 'flags', i);
  const rules = strArray(c, h, 'rules', false, true);
  if (rules !== undefined) for (let i = 0; i < rules.length; i++) c.ref('rule', rules[i] as string, { reverse: true }, 'rules', i);
  c.own(null, undefined);
  return key;
}

/** A mutual-exclusion group: members laid end to end in the group's bucket space. */
export function checkGroup(c: Ctx, value: unknown): string | undefined {
  const g = asObject(c, value);
  if (g === undefined) return undefined;
  checkFields(c, g, GROUP_FIELDS);
  const key = str(c, g, 'key', true, true);
  str(c, g, 'id', false, true);
  const hash = checkBucketing(c, g, 'bucketing', true);
  const members = arr(c, g, 'members', true);
  if (members === undefined) return key;
  let sum = 0;
  c.stack.push('members');
  for (let i = 0; i < members.length; i++) {
    c.stack.push(i);
    const m = asObject(c, members[i]);
    if (m !== undefined) {
      checkFields(c, m, MEMBER_FIELDS);
      const flag = str(c, m, 'flag', false, true);
      const rule = m.rule;
      if (typeof rule === 'string' && rule !== '') c.ref('rule', rule, flag === undefined ? undefined : { flag }, 'rule');
      else if (rule !== null) c.error(rule === undefined ? 'is required (a rule id, or null for a hole)' : 'must be a rule id or null', 'rule');
      const weight = num(c, m, 'weight', true, NON_NEGATIVE);
      if (weight !== undefined) sum += weight;
    }
    c.stack.pop();
  }
  c.stack.pop();
  if (hash !== undefined && sum > BUCKET_SPACE[hash] + 1e-9) {
    c.error(`member weights add up to ${sum}, more than the ${BUCKET_SPACE[hash]} units of the "${hash}" bucket space`, 'members');
  }
  return key;
}
