// GrowthBook conditions (gb packages/sdk-js/src/mongrule.ts#evalCondition), Mongo-style: `$or $nor $and $not` at the
// top, other keys are dot paths into the attributes; values are operator objects or literals (strings compare with
// `value + ""`, numbers with `value * 1`, booleans with `!!value`, arrays/objects by JSON equality). One deliberate
// difference: paths read own properties only, so `__proto__` or `constructor` are plain (missing) data, never the
// prototype. Invalid regular expressions and unknown operators are false, as in GrowthBook (minus its console noise).
import type { JsonValue } from '@ensign/datafile-schema';
import { compiledOrNull, type Pattern } from './pattern.js';
import { paddedVersionString } from './semver-growthbook.js';

/**
 * GrowthBook saved groups: group id → member values (`$inGroup` / `$notInGroup`).
 *
 * @example
 * const groups: SavedGroups = { staff: ['user-1', 'user-2'] };
 */
export type SavedGroups = Readonly<Record<string, readonly JsonValue[]>>;

/**
 * Regular expressions compiled ahead of time, keyed by pattern plus `/i` when case-insensitive (null: invalid).
 *
 * @example
 * const cache: RegexCache = precompileMongoRegexes({ ua: { $regexi: 'mobile' } }); // Map { 'mobile/i' => (the compiled pattern) }
 */
export type RegexCache = Map<string, Pattern | null>;

type Obj = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;
const UNESCAPED_SLASH = /([^\\])\//g;
const EMPTY_GROUPS: SavedGroups = Object.freeze({});

function compileRegex(pattern: string, insensitive: boolean): Pattern | null {
  return compiledOrNull(pattern.replace(UNESCAPED_SLASH, '$1\\/'), insensitive);
}

/** `RegExp.prototype.test` converts its argument with `String()`; a value that cannot be converted does not match. */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return null;
  }
}

function regexFor(pattern: unknown, insensitive: boolean, cache: RegexCache | undefined): Pattern | null {
  if (typeof pattern !== 'string') return null;
  const key = insensitive ? `${pattern}/i` : pattern;
  if (cache !== undefined) {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const re = compileRegex(pattern, insensitive);
    cache.set(key, re);
    return re;
  }
  return compileRegex(pattern, insensitive);
}

/**
 * Compiles every `$regex` / `$regexi` pattern of a condition into a cache, so that evaluation compiles nothing.
 *
 * @example
 * const cache = precompileMongoRegexes({ ua: { $regex: 'Mobile' } });
 */
export function precompileMongoRegexes(condition: unknown, cache: RegexCache = new Map()): RegexCache {
  if (Array.isArray(condition)) for (const c of condition) precompileMongoRegexes(c, cache);
  else if (condition !== null && typeof condition === 'object') {
    for (const [k, v] of Object.entries(condition)) {
      if ((k === '$regex' || k === '$regexi') && typeof v === 'string') regexFor(v, k === '$regexi', cache);
      else precompileMongoRegexes(v, cache);
    }
  }
  return cache;
}

/** The value at a dot path of an object (own properties only), or null. */
export function getMongoPath(obj: unknown, path: string): unknown {
  const parts = path.split('.');
  let current: unknown = obj;
  for (const part of parts) {
    if (current !== null && typeof current === 'object' && hasOwn.call(current, part)) current = (current as Obj)[part];
    else return null;
  }
  return current;
}

function isOperatorObject(obj: object): boolean {
  const keys = Object.keys(obj);
  return keys.length > 0 && keys.every((k) => k[0] === '$');
}

function getType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'object' || t === 'undefined' ? t : 'unknown';
}

class MongoEvaluator {
  constructor(
    private readonly groups: SavedGroups,
    private readonly cache: RegexCache | undefined,
  ) {}

  condition(obj: unknown, condition: unknown): boolean {
    if (condition === null || typeof condition !== 'object') return true;
    for (const [k, v] of Object.entries(condition)) {
      switch (k) {
        case '$or':
          if (!this.or(obj, v)) return false;
          break;
        case '$nor':
          if (this.or(obj, v)) return false;
          break;
        case '$and':
          if (!this.and(obj, v)) return false;
          break;
        case '$not':
          if (this.condition(obj, v)) return false;
          break;
        default:
          if (!this.value(v, getMongoPath(obj, k))) return false;
      }
    }
    return true;
  }

  private or(obj: unknown, conditions: unknown): boolean {
    if (!Array.isArray(conditions) || conditions.length === 0) return true;
    for (const c of conditions) if (this.condition(obj, c)) return true;
    return false;
  }

  private and(obj: unknown, conditions: unknown): boolean {
    if (!Array.isArray(conditions)) return true;
    for (const c of conditions) if (!this.condition(obj, c)) return false;
    return true;
  }

  value(condition: unknown, value: unknown, insensitive = false): boolean {
    if (typeof condition === 'string') {
      if (insensitive) return String(value).toLowerCase() === condition.toLowerCase();
      return `${value as string}` === condition;
    }
    if (typeof condition === 'number') return (value as number) * 1 === condition;
    if (typeof condition === 'boolean') return value !== null && !!value === condition;
    if (condition === null) return value === null;
    if (typeof condition !== 'object') return false;
    if (Array.isArray(condition) || !isOperatorObject(condition)) return JSON.stringify(value) === JSON.stringify(condition);
    for (const [op, expected] of Object.entries(condition)) {
      if (!this.operator(op, value, expected)) return false;
    }
    return true;
  }

  private isIn(actual: unknown, expected: readonly unknown[], insensitive = false): boolean {
    if (insensitive) {
      const fold = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
      if (Array.isArray(actual)) return actual.some((el) => expected.some((exp) => fold(el) === fold(exp)));
      return expected.some((exp) => fold(actual) === fold(exp));
    }
    if (Array.isArray(actual)) return actual.some((el) => expected.includes(el));
    return expected.includes(actual);
  }

  private isInAll(actual: unknown, expected: readonly unknown[], insensitive: boolean): boolean {
    if (!Array.isArray(actual)) return false;
    for (const e of expected) {
      if (!actual.some((a) => this.value(e, a, insensitive))) return false;
    }
    return true;
  }

  private elemMatch(actual: unknown, expected: unknown): boolean {
    if (!Array.isArray(actual)) return false;
    const asOperator = expected !== null && typeof expected === 'object' && isOperatorObject(expected);
    for (const item of actual) {
      if (item && (asOperator ? this.value(expected, item) : this.condition(item, expected))) return true;
    }
    return false;
  }

  private group(id: unknown): readonly unknown[] {
    return typeof id === 'string' && hasOwn.call(this.groups, id) ? (this.groups[id] ?? []) : [];
  }

  private operator(op: string, actual: unknown, expected: unknown): boolean {
    switch (op) {
      case '$veq':
        return paddedVersionString(actual) === paddedVersionString(expected);
      case '$vne':
        return paddedVersionString(actual) !== paddedVersionString(expected);
      case '$vgt':
        return paddedVersionString(actual) > paddedVersionString(expected);
      case '$vgte':
        return paddedVersionString(actual) >= paddedVersionString(expected);
      case '$vlt':
        return paddedVersionString(actual) < paddedVersionString(expected);
      case '$vlte':
        return paddedVersionString(actual) <= paddedVersionString(expected);
      case '$eq':
        return actual === expected;
      case '$ne':
        return actual !== expected;
      case '$lt':
        return (actual as number) < (expected as number);
      case '$lte':
        return (actual as number) <= (expected as number);
      case '$gt':
        return (actual as number) > (expected as number);
      case '$gte':
        return (actual as number) >= (expected as number);
      case '$exists':
        return expected ? actual !== null && actual !== undefined : actual === null || actual === undefined;
      case '$in':
        return Array.isArray(expected) && this.isIn(actual, expected);
      case '$ini':
        return Array.isArray(expected) && this.isIn(actual, expected, true);
      case '$nin':
        return Array.isArray(expected) && !this.isIn(actual, expected);
      case '$nini':
        return Array.isArray(expected) && !this.isIn(actual, expected, true);
      case '$inGroup':
        return this.isIn(actual, this.group(expected));
      case '$notInGroup':
        return !this.isIn(actual, this.group(expected));
      case '$not':
        return !this.value(expected, actual);
      case '$size':
        return Array.isArray(actual) && this.value(expected, actual.length);
      case '$elemMatch':
        return this.elemMatch(actual, expected);
      case '$all':
        return Array.isArray(expected) && this.isInAll(actual, expected, false);
      case '$alli':
        return Array.isArray(expected) && this.isInAll(actual, expected, true);
      case '$regex':
      case '$regexi': {
        const re = regexFor(expected, op === '$regexi', this.cache);
        if (re === null) return false;
        const text = asText(actual);
        return text !== null && re.test(text);
      }
      case '$type':
        return getType(actual) === expected;
      default:
        return false;
    }
  }
}

/**
 * Evaluates a GrowthBook condition against an attributes object. Never throws (a value that cannot be converted,
 * such as a BigInt, makes the condition false).
 *
 * @param savedGroups GrowthBook saved groups for `$inGroup` / `$notInGroup`. Default none.
 * @param regexes patterns compiled ahead of time by {@link precompileMongoRegexes}. Default: compiled on use.
 * @example
 * evalMongoCondition({ country: 'US', age: 30 }, { country: { $in: ['US', 'CA'] }, age: { $gte: 18 } }); // true
 */
export function evalMongoCondition(attributes: unknown, condition: unknown, savedGroups?: SavedGroups, regexes?: RegexCache): boolean {
  try {
    return new MongoEvaluator(savedGroups ?? EMPTY_GROUPS, regexes).condition(attributes, condition);
  } catch {
    return false;
  }
}
