// Amplitude conditions → condition leaves of the document's `amplitude` semantics. A segment's `conditions` is an OR
// of ANDs. Selectors into the context become attribute references of the user or of a group kind (the contexts the
// Ensign client makes of an Amplitude user); selectors into `result` read another flag's result. What Amplitude
// can only ever see as missing (an unknown operator, a selector that reads nothing, a flag that is not evaluated
// before this one) becomes the constant Amplitude computes for a missing value.
import type { Condition, JsonValue, Operator } from '@ensign/datafile-schema';
import type { AmplitudeCondition } from './amplitude-types.js';
import { isRecord, type Collector } from './collector.js';

/** Amplitude operators and the native operators with the same meaning under `amplitude` semantics. */
const OPERATORS: Readonly<Record<string, Operator>> = Object.freeze({
  is: 'in',
  'is not': 'notIn',
  contains: 'contains',
  'does not contain': 'notContains',
  less: 'lessThan',
  'less or equal': 'lessThanOrEqual',
  greater: 'greaterThan',
  'greater or equal': 'greaterThanOrEqual',
  'version less': 'semVerLessThan',
  'version less or equal': 'semVerLessThanOrEqual',
  'version greater': 'semVerGreaterThan',
  'version greater or equal': 'semVerGreaterThanOrEqual',
  'set is': 'setEquals',
  'set is not': 'setNotEquals',
  'set contains': 'setContainsAll',
  'set does not contain': 'setNotContainsAll',
  'set contains any': 'setContainsAny',
  'set does not contain any': 'setNotContainsAny',
  'regex match': 'matches',
  'regex does not match': 'notMatches',
});

/** The operators that match a missing value when their values hold `"(none)"` (Amplitude's `matchNull`). */
const NONE_MATCHES = new Set(['is', 'contains', 'less', 'less or equal', 'greater', 'greater or equal', 'version less', 'version less or equal', 'version greater', 'version greater or equal', 'set is', 'set contains', 'set contains any']);
/** The operators that match a missing value when their values do not hold `"(none)"`. */
const NONE_FAILS = new Set(['is not', 'does not contain', 'set does not contain', 'set does not contain any']);

/** A condition that is always true (`and` of nothing) or always false (`or` of nothing). */
export function constant(value: boolean): Condition {
  return value ? { and: [] } : { or: [] };
}

/** What Amplitude answers for a condition whose value is missing. */
export function missingValueAnswer(op: unknown, values: readonly unknown[]): boolean {
  const none = values.some((v) => v === '(none)');
  if (typeof op === 'string' && NONE_MATCHES.has(op)) return none;
  if (typeof op === 'string' && NONE_FAILS.has(op)) return !none;
  return false;
}

/** A path of attribute names as a reference: `/` + each name with `~` → `~0` and `/` → `~1`. */
export function referenceOf(path: readonly string[]): string {
  return `/${path.map((name) => name.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** Where a selector reads. */
export type SelectorTarget =
  | { readonly kind: 'context'; readonly contextKind: string; readonly attribute: string; readonly path: readonly string[] }
  | { readonly kind: 'result'; readonly flag: string; readonly select: 'variationKey' | 'value' }
  | { readonly kind: 'nothing'; readonly why: string };

const KIND = /^[A-Za-z0-9._-]+$/;

/** Resolves a selector of the evaluation target `{ context: { user, groups }, result }`. */
export function selectorTarget(selector: unknown): SelectorTarget {
  if (!Array.isArray(selector) || selector.length === 0) return { kind: 'nothing', why: 'no selector' };
  // Amplitude stops at an empty element: the value is missing.
  if (selector.some((e) => typeof e !== 'string' || e === '')) return { kind: 'nothing', why: 'an empty or non-string selector element' };
  const s = selector as string[];
  if (s[0] === 'result') {
    if (s.length === 3 && (s[2] === 'key' || s[2] === 'value')) return { kind: 'result', flag: s[1] as string, select: s[2] === 'key' ? 'variationKey' : 'value' };
    return { kind: 'nothing', why: 'only the key and the value of another flag\'s result can be read' };
  }
  if (s[0] !== 'context') return { kind: 'nothing', why: `"${s[0]}" is not part of the evaluation target` };
  if (s[1] === 'user' && s.length > 2) return { kind: 'context', contextKind: 'user', attribute: referenceOf(s.slice(2)), path: s.slice(2) };
  if (s[1] === 'groups' && s.length > 3) {
    const type = s[2] as string;
    if (!KIND.test(type) || type === 'user' || type === 'kind' || type === 'multi') return { kind: 'nothing', why: `group type "${type}" cannot be a context kind` };
    return { kind: 'context', contextKind: type, attribute: referenceOf(s.slice(3)), path: s.slice(3) };
  }
  return { kind: 'nothing', why: 'the selector does not name a user or group property' };
}

/** Decides whether a condition reading another flag's result is kept (the flag is evaluated before this one). */
export type ResultReadPolicy = (flagKey: string, path: string) => boolean;

function isCohortSelector(t: SelectorTarget): boolean {
  return t.kind === 'context' && t.path.length === 1 && t.path[0] === 'cohort_ids';
}

/**
 * Converts one condition. `cohorts` collects the cohort ids (and their context kinds) that cohort filters name.
 */
export function convertCondition(
  c: AmplitudeCondition,
  path: string,
  readsResult: ResultReadPolicy,
  cohorts: Map<string, string>,
  out: Collector,
): Condition {
  if (!isRecord(c)) {
    out.warn(path, 'a condition must be an object; it never matches');
    return constant(false);
  }
  const values: string[] = Array.isArray(c.values) ? c.values : [];
  if (!Array.isArray(c.values)) out.warn(`${path}.values`, 'no values list: treated as empty');
  const op = OPERATORS[typeof c.op === 'string' ? c.op : ''];
  if (op === undefined || !Object.prototype.hasOwnProperty.call(OPERATORS, c.op as string)) {
    out.warn(`${path}.op`, `unknown operator ${JSON.stringify(c.op)}: Amplitude never matches it, imported as a condition that is always false`);
    return constant(false);
  }
  if (values.some((v) => typeof v !== 'string')) out.warn(`${path}.values`, 'Amplitude condition values are strings; others are compared as they are');
  const target = selectorTarget(c.selector);
  if (target.kind === 'nothing') {
    const answer = missingValueAnswer(c.op, values);
    out.warn(`${path}.selector`, `${target.why}: Amplitude reads nothing there, imported as always ${answer}`);
    return constant(answer);
  }
  if (target.kind === 'result') {
    if (!readsResult(target.flag, path)) return constant(missingValueAnswer(c.op, values));
    return { flag: target.flag, select: target.select, op, values: values as JsonValue[] };
  }
  if (isCohortSelector(target) && (c.op === 'set contains any' || c.op === 'set does not contain any') && !values.includes('(none)')) {
    for (const id of values) if (!cohorts.has(id)) cohorts.set(id, target.contextKind);
    // The kind is always named: a cohort listed for another kind elsewhere must not change whose ids are read here.
    return { op: 'inCohort', values, contextKind: target.contextKind, ...(c.op === 'set does not contain any' ? { negate: true } : {}) };
  }
  if (target.path.length === 1 && target.path[0] === 'key') {
    out.warn(`${path}.selector`, 'Ensign contexts made from Amplitude users carry a key (the user id or device id, the group name): this selector reads it');
  }
  if (op === 'matches' || op === 'notMatches') {
    for (const v of values) {
      try {
        new RegExp(v);
      } catch {
        out.warn(`${path}.values`, `pattern ${JSON.stringify(v)} does not compile: Amplitude's evaluation throws on it`);
      }
    }
  }
  return { attribute: target.attribute, ...(target.contextKind !== 'user' ? { contextKind: target.contextKind } : {}), op, values: values as JsonValue[] };
}

/** Converts a segment's conditions: absent matches everyone; otherwise an OR of ANDs (`[]` never matches). */
export function convertConditions(
  conditions: unknown,
  path: string,
  readsResult: ResultReadPolicy,
  cohorts: Map<string, string>,
  out: Collector,
): Condition | undefined {
  if (conditions === undefined || conditions === null) return undefined;
  if (!Array.isArray(conditions)) {
    out.warn(path, 'conditions must be a list of lists; the segment never matches');
    return constant(false);
  }
  const any = conditions.map((inner, i): Condition => {
    if (!Array.isArray(inner)) {
      out.warn(`${path}[${i}]`, 'must be a list of conditions; it never matches');
      return constant(false);
    }
    return { and: inner.map((c, j) => convertCondition(c as AmplitudeCondition, `${path}[${i}][${j}]`, readsResult, cohorts, out)) };
  });
  return any.length === 1 ? (any[0] as Condition) : { or: any };
}
