// The typed, element-by-element tests shared by the ensign and launchdarkly families: strict types, no coercion.
// Each returns a predicate over one scalar; values of the wrong type in the condition are dropped at compile time.
import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { parseDateValue } from './dates.js';
import { isPrimitive, safeRegExp } from './matcher.js';
import type { Pattern } from './pattern.js';
import { compareSemver, parseLdSemver, type SemVer } from './semver-launchdarkly.js';

/** A predicate over one attribute value (an array element, or the value itself). */
export type ScalarTest = (value: unknown) => boolean;

const NEVER: ScalarTest = () => false;

function strings(values: readonly JsonValue[]): string[] {
  return values.filter((v): v is string => typeof v === 'string');
}

function numbers(values: readonly JsonValue[]): number[] {
  return values.filter((v): v is number => typeof v === 'number');
}

/** The primitive values of a condition as a set (objects and arrays never match anything). */
export function primitiveSet(values: readonly JsonValue[]): Set<unknown> {
  const set = new Set<unknown>();
  for (const v of values) if (isPrimitive(v)) set.add(v);
  return set;
}

function numberTest(op: Operator, nums: number[]): ScalarTest {
  const n = nums.length;
  if (n === 0) return NEVER;
  switch (op) {
    case 'lessThan':
      return (v) => {
        if (typeof v !== 'number') return false;
        for (let i = 0; i < n; i++) if (v < (nums[i] as number)) return true;
        return false;
      };
    case 'lessThanOrEqual':
      return (v) => {
        if (typeof v !== 'number') return false;
        for (let i = 0; i < n; i++) if (v <= (nums[i] as number)) return true;
        return false;
      };
    case 'greaterThan':
      return (v) => {
        if (typeof v !== 'number') return false;
        for (let i = 0; i < n; i++) if (v > (nums[i] as number)) return true;
        return false;
      };
    default:
      return (v) => {
        if (typeof v !== 'number') return false;
        for (let i = 0; i < n; i++) if (v >= (nums[i] as number)) return true;
        return false;
      };
  }
}

function semverTest(op: Operator, versions: SemVer[]): ScalarTest {
  if (versions.length === 0) return NEVER;
  const accept: (c: number) => boolean =
    op === 'semVerEqual'
      ? (c) => c === 0
      : op === 'semVerLessThan'
        ? (c) => c < 0
        : op === 'semVerLessThanOrEqual'
          ? (c) => c <= 0
          : op === 'semVerGreaterThan'
            ? (c) => c > 0
            : (c) => c >= 0;
  return (v) => {
    const parsed = parseLdSemver(v);
    if (parsed === null) return false;
    for (const version of versions) if (accept(compareSemver(parsed, version))) return true;
    return false;
  };
}

/**
 * Compiles the typed test of a positive, non-set operator (`in`, string, regex, number, date and semver operators).
 * Returns null for operators that are not of that kind.
 *
 * @example
 * compileScalarTest('startsWith', ['ab'])?.('abc'); // true
 */
export function compileScalarTest(op: Operator, values: readonly JsonValue[]): ScalarTest | null {
  switch (op) {
    case 'in': {
      const set = primitiveSet(values);
      if (set.size === 1) {
        const only = set.values().next().value;
        return (v) => v === only;
      }
      // Short lists: a scan of `===` beats hashing.
      if (set.size <= 4) {
        const list = [...set];
        const n = list.length;
        return (v) => {
          for (let i = 0; i < n; i++) if (list[i] === v) return true;
          return false;
        };
      }
      return (v) => set.has(v);
    }
    case 'startsWith': {
      const s = strings(values);
      return (v) => {
        if (typeof v !== 'string') return false;
        for (const x of s) if (v.startsWith(x)) return true;
        return false;
      };
    }
    case 'endsWith': {
      const s = strings(values);
      return (v) => {
        if (typeof v !== 'string') return false;
        for (const x of s) if (v.endsWith(x)) return true;
        return false;
      };
    }
    case 'contains': {
      const s = strings(values);
      return (v) => {
        if (typeof v !== 'string') return false;
        for (const x of s) if (v.includes(x)) return true;
        return false;
      };
    }
    case 'matches': {
      const res: Pattern[] = [];
      for (const p of values) {
        const re = safeRegExp(p);
        if (re !== null) res.push(re);
      }
      return (v) => {
        if (typeof v !== 'string') return false;
        for (const re of res) if (re.test(v)) return true;
        return false;
      };
    }
    case 'lessThan':
    case 'lessThanOrEqual':
    case 'greaterThan':
    case 'greaterThanOrEqual':
      return numberTest(op, numbers(values));
    case 'before':
    case 'after': {
      const dates: number[] = [];
      for (const v of values) {
        const d = parseDateValue(v);
        if (d !== null && !Number.isNaN(d)) dates.push(d);
      }
      const before = op === 'before';
      return (v) => {
        const d = parseDateValue(v);
        if (d === null) return false;
        for (const x of dates) if (before ? d < x : d > x) return true;
        return false;
      };
    }
    case 'semVerEqual':
    case 'semVerLessThan':
    case 'semVerLessThanOrEqual':
    case 'semVerGreaterThan':
    case 'semVerGreaterThanOrEqual': {
      const versions: SemVer[] = [];
      for (const v of values) {
        const parsed = parseLdSemver(v);
        if (parsed !== null) versions.push(parsed);
      }
      return semverTest(op, versions);
    }
    default:
      return null;
  }
}

/**
 * Compiles a positive set operator over an attribute read as a list (a scalar is a one-element list), comparing
 * primitives with `===`.
 *
 * @example
 * compileSetTest('setContainsAll', ['a', 'b'])(['b', 'c', 'a']); // true
 */
export function compileSetTest(op: Operator, values: readonly JsonValue[]): ScalarTest {
  const wanted = primitiveSet(values);
  switch (op) {
    case 'setEquals':
      return (v) => {
        if (!Array.isArray(v)) return wanted.size === 1 && wanted.has(v);
        const seen = new Set<unknown>();
        for (const e of v) {
          if (!wanted.has(e)) return false;
          seen.add(e);
        }
        return seen.size === wanted.size;
      };
    case 'setContainsAll':
      return (v) => {
        if (!Array.isArray(v)) return wanted.size === 0 || (wanted.size === 1 && wanted.has(v));
        for (const w of wanted) if (!v.includes(w)) return false;
        return true;
      };
    default:
      // setContainsAny
      return (v) => {
        if (!Array.isArray(v)) return wanted.has(v);
        for (const e of v) if (wanted.has(e)) return true;
        return false;
      };
  }
}
