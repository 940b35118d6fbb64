// Condition trees → ConditionNode trees: attribute references parsed, operator semantics chosen, values turned into
// sets, regexes, versions and dates, once. Never throws: a piece that cannot be compiled becomes a MALFORMED node,
// which makes the flag evaluate to MALFORMED_FLAG when (and only when) evaluation reaches it.
import { parseAttributeReference, vendorAttributeReference } from '@ensign/context';
import { OPERATORS, SEMANTICS, type Condition, type JsonObject, type JsonValue, type Operator, type Semantics } from '@ensign/datafile-schema';
import type { LeafMatcher } from '../conditions/matcher.js';
import { precompileMongoRegexes } from '../conditions/mongo.js';
import { compileAmplitudeMatcher } from '../conditions/operators-amplitude.js';
import { compileEnsignMatcher } from '../conditions/operators-ensign.js';
import { compileLaunchDarklyMatcher } from '../conditions/operators-launchdarkly.js';
import { compileOptimizelyMatcher } from '../conditions/operators-optimizely.js';
import { NODE, type AttributePath, type ConditionNode } from './compiled-types.js';

const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);
const SEMANTICS_SET: ReadonlySet<string> = new Set(SEMANTICS);
// Parsed references are immutable and few distinct ones exist: share them across flags and datafiles.
const paths = new Map<string, AttributePath>();
const arrayPaths = new Map<string, AttributePath>();
const MAX_INTERNED = 10_000;

/** Deeper trees than this are refused (MALFORMED), so that neither compiling nor evaluating can exhaust the stack. */
const MAX_DEPTH = 100;

/**
 * Parses an attribute reference into a path, or returns null when it is invalid. With `indexArrays` (Amplitude's
 * selectors) a nested component also reads into arrays: `/list/0` is the first element of `list`.
 *
 * @example
 * compileAttributePath('/address/city')?.components; // ['address', 'city']
 * compileAttributePath('/list/0', true)?.indexArrays; // true
 */
export function compileAttributePath(raw: unknown, indexArrays = false): AttributePath | null {
  if (typeof raw !== 'string') return null;
  const interned = indexArrays ? arrayPaths : paths;
  const known = interned.get(raw);
  if (known !== undefined) return known;
  const ref = parseAttributeReference(raw);
  if (!ref.valid) return null;
  const components = ref.components;
  const only = components.length === 1 ? components[0] : undefined;
  const special = only === 'kind' ? 'kind' : only === 'anonymous' ? 'anonymous' : null;
  // One component reads the context's own attribute: there is no array to index into, so the path is the plain one.
  const path: AttributePath = Object.freeze(indexArrays && components.length > 1 ? { raw, components, special, indexArrays: true as const } : { raw, components, special });
  if (interned.size < MAX_INTERNED) interned.set(raw, path);
  return path;
}

/** A path made of one literal attribute name (LaunchDarkly's `bucketBy` without `contextKind`). */
export function literalPath(name: string): AttributePath {
  return Object.freeze({ raw: name, components: Object.freeze([name]), special: name === 'kind' ? 'kind' : name === 'anonymous' ? 'anonymous' : null });
}

/** Builds a leaf matcher under the given semantics. */
export function compileMatcher(semantics: Semantics, op: Operator, values: readonly JsonValue[], negate: boolean): LeafMatcher {
  switch (semantics) {
    case 'launchdarkly':
      return compileLaunchDarklyMatcher(op, values, negate);
    case 'optimizely':
      return compileOptimizelyMatcher(op, values, negate);
    case 'amplitude':
      return compileAmplitudeMatcher(op, values, negate);
    default:
      return compileEnsignMatcher(op, values, negate);
  }
}

function malformed(message: string): ConditionNode {
  return { t: NODE.MALFORMED, message };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(values: readonly JsonValue[]): string[] {
  return values.filter((v): v is string => typeof v === 'string');
}

/** Compiled leaves shared within one datafile: identical leaves (common across flags) compile once. */
export type LeafCache = Map<string, ConditionNode>;

function leafKey(c: Record<string, unknown>, defaultSemantics: Semantics): string | null {
  try {
    return JSON.stringify([c['op'], c['semantics'] ?? defaultSemantics, c['negate'] === true, c['contextKind'], c['attribute'], c['flag'], c['select'], c['values']]);
  } catch {
    return null;
  }
}

function compileLeafCached(c: Record<string, unknown>, defaultSemantics: Semantics, cache: LeafCache | undefined): ConditionNode {
  if (cache === undefined) return compileLeaf(c, defaultSemantics);
  const key = leafKey(c, defaultSemantics);
  if (key === null) return compileLeaf(c, defaultSemantics);
  let node = cache.get(key);
  if (node === undefined) {
    node = compileLeaf(c, defaultSemantics);
    cache.set(key, node);
  }
  return node;
}

function compileLeaf(c: Record<string, unknown>, defaultSemantics: Semantics): ConditionNode {
  const op = c['op'];
  if (typeof op !== 'string' || !OPERATOR_SET.has(op)) return malformed(`unknown operator ${JSON.stringify(op)}`);
  const values = c['values'];
  if (!Array.isArray(values)) return malformed(`operator ${op} has no values list`);
  const negate = c['negate'] === true;
  const semantics = c['semantics'] ?? defaultSemantics;
  if (typeof semantics !== 'string' || !SEMANTICS_SET.has(semantics)) return malformed(`unknown semantics ${JSON.stringify(semantics)}`);
  const contextKind = typeof c['contextKind'] === 'string' ? c['contextKind'] : null;
  if (op === 'segmentMatch') return { t: NODE.SEGMENT, segmentKeys: stringList(values as JsonValue[]), negate };
  if (op === 'qualified') return { t: NODE.QUALIFIED, names: stringList(values as JsonValue[]), negate };
  if (op === 'inCohort') return { t: NODE.COHORT, cohortIds: stringList(values as JsonValue[]), contextKind, negate };
  const match = compileMatcher(semantics as Semantics, op as Operator, values as JsonValue[], negate);
  if (typeof c['flag'] === 'string') {
    const select = c['select'] === 'value' ? 'value' : 'variationKey';
    return { t: NODE.FLAG, flagKey: c['flag'], select, op: op as Operator, match };
  }
  // Optimizely and Amplitude allow any attribute name: their conditions read a built-in's name (`key`, `name`,
  // `_meta`...) where the conversion of their users keeps such attributes (@ensign/context `vendorAttributeName`).
  // Amplitude's selectors also index into arrays (`/list/0`).
  const raw = c['attribute'];
  const path = compileAttributePath(typeof raw === 'string' && (semantics === 'optimizely' || semantics === 'amplitude') ? vendorAttributeReference(raw) : raw, semantics === 'amplitude');
  if (path === null) return malformed(`invalid attribute reference ${JSON.stringify(c['attribute'])}`);
  const kind = contextKind ?? 'user';
  const name = path.special === null && path.components.length === 1 && kind !== 'multi' ? (path.components[0] as string) : null;
  // Ensign and LaunchDarkly `in` compare with `===`: a string value matches exactly the string values (matcher.ts).
  const strict = (semantics === 'ensign' || semantics === 'launchdarkly') && (op === 'in' || op === 'notIn');
  const strings = strict ? [...new Set(stringList(values as JsonValue[]))] : null;
  const invert = (op === 'notIn') !== negate;
  return { t: NODE.ATTRIBUTE, contextKind: kind, path, name, op: op as Operator, semantics: semantics as Semantics, match, strings, invert };
}

function compileNode(c: unknown, defaultSemantics: Semantics, depth: number, cache: LeafCache | undefined): ConditionNode {
  if (depth > MAX_DEPTH) return malformed('condition nested too deeply');
  if (!isObject(c)) return malformed('a condition must be an object');
  if ('and' in c || 'or' in c) {
    const list = 'and' in c ? c['and'] : c['or'];
    if (!Array.isArray(list)) return malformed('"and" / "or" need a list');
    const children = list.map((child) => compileNode(child, defaultSemantics, depth + 1, cache));
    return { t: 'and' in c ? NODE.AND : NODE.OR, children };
  }
  if ('not' in c) return { t: NODE.NOT, child: compileNode(c['not'], defaultSemantics, depth + 1, cache) };
  if ('audience' in c) {
    return typeof c['audience'] === 'string' ? { t: NODE.AUDIENCE, audienceId: c['audience'] } : malformed('audience id must be a string');
  }
  if ('mongo' in c) {
    const condition = c['mongo'];
    if (!isObject(condition)) return malformed('mongo condition must be an object');
    const contextKind = typeof c['contextKind'] === 'string' ? c['contextKind'] : 'user';
    const flag = typeof c['flag'] === 'string' ? c['flag'] : null;
    return { t: NODE.MONGO, contextKind, condition: condition as JsonObject, regexes: precompileMongoRegexes(condition), flag };
  }
  if ('op' in c) return compileLeafCached(c, defaultSemantics, cache);
  return malformed('unrecognised condition');
}

/**
 * Compiles a condition tree. Never throws.
 *
 * @param defaultSemantics the datafile's semantics, used by leaves that do not name theirs.
 * @param cache leaves already compiled for this datafile (compiled leaves are immutable, so they can be shared).
 * @example
 * compileCondition({ attribute: 'plan', op: 'in', values: ['pro'] }, 'ensign');
 */
export function compileCondition(condition: Condition | undefined, defaultSemantics: Semantics, cache?: LeafCache): ConditionNode | null {
  if (condition === undefined || condition === null) return null;
  try {
    return compileNode(condition, defaultSemantics, 0, cache);
  } catch (e) {
    return malformed(`condition could not be compiled: ${e instanceof Error ? e.message : String(e)}`);
  }
}
