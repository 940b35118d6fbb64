// Condition trees: `and` / `or` / `not` over leaves. Recursion is bounded by `maxDepth` (checked before each
// descent), so a 10 000-deep tree gives one issue, not a stack overflow.
import type { Operator, Semantics } from '../types.js';
import { OPERATORS, SEMANTICS } from '../types.js';
import type { Ctx } from './ctx.js';
import { checkJson } from './json-value.js';
import { checkRegexValue, checkOperatorValues, ATTRIBUTELESS_OPERATORS } from './operator-values.js';
import type { Obj } from './read.js';
import { arr, asObject, bool, checkFields, describe, oneOf, str } from './read.js';
import { attributeRefProblem, contextKindProblem } from './value-syntax.js';
import { AND_FIELDS, OR_FIELDS, NOT_FIELDS, AUDIENCE_REF_FIELDS as AUDIENCE_FIELDS, MONGO_FIELDS, LEAF_FIELDS as ATTRIBUTE_FIELDS, FLAG_RESULT_FIELDS } from './fields.js';

const OPERATOR_SET: ReadonlySet<Operator> = new Set(OPERATORS);
const SEMANTICS_SET: ReadonlySet<Semantics> = new Set(SEMANTICS);
const SELECT_SET: ReadonlySet<'variationKey' | 'value'> = new Set(['variationKey', 'value'] as const);


/** The keys that say which kind of condition an object is. */
const KIND_KEYS = ['and', 'or', 'not', 'audience', 'mongo', 'op'] as const;

/** GrowthBook's condition operators (`mongrule.ts`). */
const MONGO_OPERATORS = new Set([
  '$or', '$nor', '$and', '$not', '$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$veq', '$vne', '$vgt', '$vgte', '$vlt',
  '$vlte', '$exists', '$in', '$ini', '$nin', '$nini', '$inGroup', '$notInGroup', '$size', '$elemMatch', '$all',
  '$alli', '$regex', '$regexi', '$type',
]);

/** Checks a context kind field, if present. */
export function checkContextKind(c: Ctx, o: Obj, key: string): void {
  const kind = str(c, o, key, false);
  if (kind === undefined) return;
  const problem = contextKindProblem(kind);
  if (problem !== null) c.error(`invalid context kind ${JSON.stringify(kind)}: ${problem}`, key);
}

/** Checks an attribute reference field, if present (or required). */
export function checkAttributeRef(c: Ctx, o: Obj, key: string, required: boolean, vendorNames = false): string | undefined {
  const ref = str(c, o, key, required);
  if (ref === undefined) return undefined;
  const problem = attributeRefProblem(ref, vendorNames);
  if (problem !== null) {
    c.error(`invalid attribute reference ${JSON.stringify(ref)}: ${problem}`, key);
    return undefined;
  }
  return ref;
}

/**
 * Checks the condition `value` found at the current path plus `field`. `depth` counts the `and` / `or` / `not`
 * nodes above it.
 */
export function checkCondition(c: Ctx, value: unknown, depth: number, field: string): void {
  c.stack.push(field);
  walkCondition(c, value, depth);
  c.stack.pop();
}

function walkCondition(c: Ctx, value: unknown, depth: number): void {
  if (depth > c.limits.maxDepth) {
    c.error(`conditions are nested deeper than ${c.limits.maxDepth} levels (maxDepth)`);
    return;
  }
  const o = asObject(c, value);
  if (o === undefined) return;
  // Written out rather than looped over KIND_KEYS: this runs for every node of every condition.
  let kind: (typeof KIND_KEYS)[number] | undefined;
  let kinds = 0;
  if (o.op !== undefined) {
    kind = 'op';
    kinds++;
  }
  if (o.and !== undefined) {
    kind = 'and';
    kinds++;
  }
  if (o.or !== undefined) {
    kind = 'or';
    kinds++;
  }
  if (o.not !== undefined) {
    kind = 'not';
    kinds++;
  }
  if (o.audience !== undefined) {
    kind = 'audience';
    kinds++;
  }
  if (o.mongo !== undefined) {
    kind = 'mongo';
    kinds++;
  }
  if (kinds === 0) {
    c.error(o.flag !== undefined ? 'a flag-result condition needs "op" and "values"' : 'a condition needs one of "and", "or", "not", "op", "audience" or "mongo"');
    return;
  }
  if (kinds > 1) {
    const found = KIND_KEYS.filter((k) => o[k] !== undefined).map((k) => `"${k}"`);
    c.error(`a condition must be exactly one kind, but it has ${found.join(' and ')}`);
    return;
  }
  switch (kind) {
    case 'and':
    case 'or': {
      checkFields(c, o, kind === 'and' ? AND_FIELDS : OR_FIELDS);
      const items = arr(c, o, kind, true);
      if (items === undefined) return;
      c.stack.push(kind);
      for (let i = 0; i < items.length; i++) {
        c.stack.push(i);
        walkCondition(c, items[i], depth + 1);
        c.stack.pop();
      }
      c.stack.pop();
      return;
    }
    case 'not':
      checkFields(c, o, NOT_FIELDS);
      c.stack.push('not');
      walkCondition(c, o.not, depth + 1);
      c.stack.pop();
      return;
    case 'audience': {
      checkFields(c, o, AUDIENCE_FIELDS);
      const id = str(c, o, 'audience', true, true);
      if (id !== undefined) c.ref('audience', id, undefined, 'audience');
      return;
    }
    case 'mongo':
      checkMongo(c, o);
      return;
    default:
      checkLeaf(c, o);
  }
}

function checkMongo(c: Ctx, o: Obj): void {
  checkFields(c, o, MONGO_FIELDS);
  checkContextKind(c, o, 'contextKind');
  const flag = str(c, o, 'flag', false, true);
  if (flag !== undefined) c.ref('flag', flag, undefined, 'flag');
  const mongo = o.mongo;
  if (asObject(c, mongo, 'mongo') === undefined) return;
  checkJson(c, mongo, 'mongo', undefined, (node) => {
    for (const key in node) {
      if (key[0] !== '$') continue;
      if (!MONGO_OPERATORS.has(key)) {
        c.warn(`unknown GrowthBook operator "${key}" (never matches)`, key);
        continue;
      }
      const v = node[key];
      if (key === '$regex' || key === '$regexi') {
        if (typeof v === 'string') checkRegexValue(c, v, key === '$regexi' ? 'i' : '', key);
        else c.warn(`"${key}" takes a pattern string; this never matches`, key);
      } else if ((key === '$inGroup' || key === '$notInGroup') && typeof v === 'string') {
        c.ref('savedGroup', v, undefined, key);
      }
    }
  });
}

/** Reads `op`; an unknown name says so rather than listing the 29 operators. */
function operator(c: Ctx, o: Obj): Operator | undefined {
  const op = o.op;
  if (typeof op === 'string' && OPERATOR_SET.has(op as Operator)) return op as Operator;
  c.error(typeof op === 'string' ? `unknown operator ${JSON.stringify(op)}` : `must be an operator name, got ${describe(op)}`, 'op');
  return undefined;
}

function checkLeaf(c: Ctx, o: Obj): void {
  const isFlagResult = o.flag !== undefined;
  checkFields(c, o, isFlagResult ? FLAG_RESULT_FIELDS : ATTRIBUTE_FIELDS);
  const op = operator(c, o);
  // Optional fields: read by name first (see checkRollout).
  const semantics = (o.semantics === undefined ? undefined : oneOf(c, o, 'semantics', SEMANTICS_SET, false)) ?? c.defaultSemantics;
  if (o.negate !== undefined) bool(c, o, 'negate', false);
  const values = arr(c, o, 'values', true);
  if (values !== undefined) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string' && typeof v !== 'boolean' && v !== null) checkJson(c, v, 'values', i);
    }
  }
  if (isFlagResult) {
    const flag = str(c, o, 'flag', true, true);
    if (flag !== undefined) c.ref('flag', flag, undefined, 'flag');
    oneOf(c, o, 'select', SELECT_SET, false);
  } else {
    if (o.contextKind !== undefined) checkContextKind(c, o, 'contextKind');
    const needsAttribute = op !== undefined && !ATTRIBUTELESS_OPERATORS.has(op);
    checkAttributeRef(c, o, 'attribute', needsAttribute, semantics === 'optimizely' || semantics === 'amplitude');
  }
  if (op === undefined || values === undefined) return;
  if (op === 'segmentMatch' || op === 'inCohort') {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') c.error(`${op === 'segmentMatch' ? 'segment keys' : 'cohort ids'} are strings, got ${v === null ? 'null' : typeof v}`, 'values', i);
      else c.ref(op === 'segmentMatch' ? 'segment' : 'cohort', v, undefined, 'values', i);
    }
    return;
  }
  checkOperatorValues(c, op, values, semantics);
}
