// Optimizely audiences and audience trees → native conditions under Optimizely semantics (vendor-formats 1.3):
// `["and" | "or" | "not", ...]` nodes, a list starting with another string is an `or` of all its items, a list
// starting with anything else an `or` of the items after the first (the SDK's switch), `not` negates its first
// operand only; leaves are audience ids (in `audienceConditions`) or condition objects (in an audience).
// Whatever Optimizely evaluates to null (an unknown audience id, match type or condition type, a `not` without
// operand) becomes a leaf that is always unknown, so the three-valued logic around it stays Optimizely's.
import type { Audience, Condition } from '@ensign/datafile-schema';
import { literalAttribute } from '../shared/attribute-ref.js';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, str, toJson } from '../shared/values.js';

/**
 * A leaf that is unknown for every user: under Optimizely semantics `in` with a value that is not a string, number
 * or boolean is null whether the attribute is present or not.
 */
export const UNKNOWN: Condition = Object.freeze({ attribute: '$opt_unknown', op: 'in', values: [null] }) as Condition;

const OPERATORS = new Set(['and', 'or', 'not']);

const MATCHES: Readonly<Record<string, string>> = {
  exact: 'in',
  exists: 'exists',
  gt: 'greaterThan',
  ge: 'greaterThanOrEqual',
  lt: 'lessThan',
  le: 'lessThanOrEqual',
  substring: 'contains',
  semver_eq: 'semVerEqual',
  semver_gt: 'semVerGreaterThan',
  semver_ge: 'semVerGreaterThanOrEqual',
  semver_lt: 'semVerLessThan',
  semver_le: 'semVerLessThanOrEqual',
};

type Leaf = (node: unknown, path: string) => Condition;

/** Converts an Optimizely condition tree (audience ids or condition objects at the leaves). */
export function convertTree(node: unknown, path: string, leaf: Leaf, d: Diagnostics, depth = 0): Condition {
  if (depth > 60) return UNKNOWN;
  if (!Array.isArray(node)) return leaf(node, path);
  const first: unknown = node[0];
  if (typeof first === 'string' && OPERATORS.has(first)) {
    const rest = node.slice(1).map((n, i) => convertTree(n, at(path, i + 1), leaf, d, depth + 1));
    if (first === 'and') return { and: rest };
    if (first === 'or') return { or: rest };
    return rest.length === 0 ? UNKNOWN : { not: rest[0] as Condition };
  }
  if (typeof first === 'string') return { or: node.map((n, i) => convertTree(n, at(path, i), leaf, d, depth + 1)) };
  // Optimizely reads the first item as the operator: an item that is no string is dropped, the rest is an `or`.
  if (node.length > 0) d.warn(at(path, 0), 'the first item of a list is its operator: an item that is not a string is ignored (as Optimizely)');
  return { or: node.slice(1).map((n, i) => convertTree(n, at(path, i + 1), leaf, d, depth + 1)) };
}

function conditionLeaf(d: Diagnostics): Leaf {
  return (node, path) => {
    if (!isRecord(node)) {
      d.warn(path, 'a condition that is not an object evaluates to unknown');
      return UNKNOWN;
    }
    const type = node['type'];
    const match = node['match'];
    const value = node['value'] === undefined ? null : toJson(node['value']);
    if (type === 'third_party_dimension') {
      if (match !== undefined && match !== 'qualified') {
        d.warn(path, `unknown match type ${JSON.stringify(match)} for a third-party dimension evaluates to unknown`);
        return UNKNOWN;
      }
      // isQualifiedFor(value): never true for a value that is not a segment name.
      return typeof value === 'string' ? { op: 'qualified', values: [value] } : { or: [] };
    }
    if (type !== 'custom_attribute') {
      d.warn(path, `unknown condition type ${JSON.stringify(type)} evaluates to unknown`);
      return UNKNOWN;
    }
    const name = str(node['name']);
    if (name === undefined) {
      d.warn(path, 'a condition without an attribute name evaluates to unknown');
      return UNKNOWN;
    }
    const op = match === undefined ? 'in' : typeof match === 'string' ? MATCHES[match] : undefined;
    if (op === undefined) {
      d.warn(path, `unknown match type ${JSON.stringify(match)} evaluates to unknown`);
      return UNKNOWN;
    }
    return { attribute: literalAttribute(name), op, values: op === 'exists' ? [] : [value] } as Condition;
  };
}

/**
 * Converts the audiences of a datafile: `audiences` (conditions as JSON text) then `typedAudiences` (conditions as
 * JSON), a typed audience replacing an audience with the same id, as Optimizely's parser does. Returns null (after
 * a fatal error) when an audience's conditions are not JSON: Optimizely refuses such a datafile.
 */
export function convertAudiences(root: Record<string, unknown>, d: Diagnostics): Audience[] | null {
  const byId = new Map<string, Audience>();
  const leaf = conditionLeaf(d);
  const add = (a: unknown, path: string, typed: boolean): boolean => {
    if (!isRecord(a)) {
      d.warn(path, 'an audience that is not an object is left out');
      return true;
    }
    const id = str(a['id']);
    if (id === undefined) {
      d.warn(path, 'an audience without an id is left out (nothing can refer to it)');
      return true;
    }
    let raw: unknown = a['conditions'];
    if (!typed && typeof raw === 'string') {
      try {
        raw = JSON.parse(raw) as unknown;
      } catch {
        d.fail(field(path, 'conditions'), 'audience conditions are not JSON (Optimizely refuses this datafile)');
        return false;
      }
    }
    const conditions = convertTree(raw, field(path, 'conditions'), leaf, d);
    const name = str(a['name']);
    byId.delete(id);
    byId.set(id, { id, ...(name !== undefined ? { name } : {}), conditions });
    return true;
  };
  const plain = list(root['audiences']);
  for (let i = 0; i < plain.length; i++) if (!add(plain[i], at('audiences', i), false)) return null;
  const typed = list(root['typedAudiences']);
  for (let i = 0; i < typed.length; i++) if (!add(typed[i], at('typedAudiences', i), true)) return null;
  return [...byId.values()];
}

/**
 * The condition of an experiment, delivery rule or holdout: `audienceConditions || audienceIds`, as the SDK reads
 * it (an empty `audienceConditions` list is still present and wins); an absent or empty expression is everyone
 * (undefined). Audience ids the datafile does not define evaluate to unknown.
 */
/**
 * The audience expression of an experiment, delivery rule or holdout as Optimizely quotes it in its reason messages:
 * the JSON text of `audienceConditions` when truthy, else of `audienceIds` (`"undefined"` when neither is there).
 */
export function audienceText(entity: Record<string, unknown>): string {
  const conditions = entity['audienceConditions'];
  const text = JSON.stringify(conditions ? conditions : entity['audienceIds']) as string | undefined;
  return text === undefined ? 'undefined' : text;
}

export function ruleConditions(entity: Record<string, unknown>, path: string, known: ReadonlySet<string>, d: Diagnostics): Condition | undefined {
  const fromConditions = entity['audienceConditions'];
  const useConditions = fromConditions !== undefined && fromConditions !== null && fromConditions !== '' && fromConditions !== false && fromConditions !== 0;
  const expression = useConditions ? fromConditions : entity['audienceIds'];
  const exprPath = field(path, useConditions ? 'audienceConditions' : 'audienceIds');
  if (expression === undefined || expression === null || (Array.isArray(expression) && expression.length === 0)) return undefined;
  return convertTree(expression, exprPath, (node, p) => {
    if (typeof node === 'string' && known.has(node)) return { audience: node };
    d.warn(p, `audience ${JSON.stringify(node)} is not in the datafile: it evaluates to unknown`);
    return UNKNOWN;
  }, d);
}
