// Amplitude Experiment condition semantics (ampcore experiment-core evaluation.ts, 0.13.x), exactly:
// - a missing or null property matches the positive operators (`is`, `contains`, comparisons, `set is`,
//   `set contains`, `set contains any`) iff the values include "(none)", and the negative ones (`is not`,
//   `does not contain`, `set does not contain`, `set does not contain any`) iff they do not; the rest are false;
// - properties are strings: objects are JSON-encoded, the rest go through `String()`; an array, or a string that
//   starts with `[` and parses as a JSON array, is a list (empty strings dropped). Set operators need a list; other
//   operators on a list match when any element does;
// - `is` is exact, except that it compares case-insensitively when a value is "true"/"false" and so is the property;
//   `contains` is case-insensitive; comparisons use `Number()` (NaN never matches); versions use Amplitude's parser and
//   fall back to string comparison when either side does not parse; regexes match as `RegExp.exec` does (run in linear time,
//   see pattern.ts).
// Ensign operators Amplitude lacks: `startsWith`/`endsWith` are case-insensitive like `contains`, `semVerEqual` is a
// version comparison, `before`/`after` read dates as the other families do, `exists` tests for a value. `negate`
// inverts the result.
import type { JsonValue, Operator } from '@ensign/datafile-schema';
import { parseDateValue } from './dates.js';
import { safeRegExp, type LeafMatcher } from './matcher.js';
import type { Pattern } from './pattern.js';
import { compareAmplitudeVersions, parseAmplitudeVersion, type AmplitudeVersion } from './semver-amplitude.js';

/** Amplitude's `coerceString`: undefined for null/undefined, JSON for objects, `String()` otherwise. */
export function amplitudeString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Amplitude's `coerceStringArray`: a list for arrays and JSON-array strings, else undefined. */
export function amplitudeStringList(value: unknown): string[] | undefined {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else {
    const s = String(value);
    if (!s.startsWith('[')) return undefined;
    try {
      const parsed: unknown = JSON.parse(s);
      if (!Array.isArray(parsed)) return undefined;
      items = parsed;
    } catch {
      return undefined;
    }
  }
  const out: string[] = [];
  for (const e of items) {
    const s = amplitudeString(e);
    if (s) out.push(s);
  }
  return out;
}

const POSITIVE_NULL = new Set<Operator>([
  'in', 'contains', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'semVerLessThan',
  'semVerLessThanOrEqual', 'semVerGreaterThan', 'semVerGreaterThanOrEqual', 'setEquals', 'setContainsAll',
  'setContainsAny', 'startsWith', 'endsWith', 'semVerEqual',
]);
const NEGATIVE_NULL = new Set<Operator>(['notIn', 'notContains', 'setNotContainsAll', 'setNotContainsAny']);

function isBooleanString(s: string): boolean {
  const l = s.toLowerCase();
  return l === 'true' || l === 'false';
}

/** Amplitude's `matchesIs`: `prop` against `filters` (roles swap inside the set operators, as in the vendor's code). */
function matchesIs(prop: string, filters: readonly string[]): boolean {
  if (filters.some(isBooleanString)) {
    const lower = prop.toLowerCase();
    if (lower === 'true' || lower === 'false') return filters.some((f) => f.toLowerCase() === lower);
  }
  return filters.includes(prop);
}

function compare(a: number | string, op: Operator, b: number | string): boolean {
  switch (op) {
    case 'lessThan':
    case 'semVerLessThan':
      return a < b;
    case 'lessThanOrEqual':
    case 'semVerLessThanOrEqual':
      return a <= b;
    case 'greaterThan':
    case 'semVerGreaterThan':
      return a > b;
    case 'greaterThanOrEqual':
    case 'semVerGreaterThanOrEqual':
      return a >= b;
    default:
      // semVerEqual (an Ensign addition)
      return a === b;
  }
}

function compileString(op: Operator, filters: readonly string[]): ((prop: string) => boolean) | null {
  switch (op) {
    case 'in':
      return (p) => matchesIs(p, filters);
    case 'notIn':
      return (p) => !matchesIs(p, filters);
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith': {
      const lower = filters.map((f) => f.toLowerCase());
      const positive =
        op === 'startsWith'
          ? (p: string) => lower.some((f) => p.toLowerCase().startsWith(f))
          : op === 'endsWith'
            ? (p: string) => lower.some((f) => p.toLowerCase().endsWith(f))
            : (p: string) => lower.some((f) => p.toLowerCase().includes(f));
      return op === 'notContains' ? (p) => !positive(p) : positive;
    }
    case 'lessThan':
    case 'lessThanOrEqual':
    case 'greaterThan':
    case 'greaterThanOrEqual': {
      const nums = filters.map((f) => Number(f));
      return (p) => {
        const n = Number(p);
        return nums.some((f) => compare(n, op, f));
      };
    }
    case 'semVerEqual':
    case 'semVerLessThan':
    case 'semVerLessThanOrEqual':
    case 'semVerGreaterThan':
    case 'semVerGreaterThanOrEqual': {
      const versions = filters.map(parseAmplitudeVersion).filter((v): v is AmplitudeVersion => v !== undefined);
      return (p) => {
        const pv = parseAmplitudeVersion(p);
        if (pv === undefined || versions.length === 0) return filters.some((f) => compare(p, op, f));
        return versions.some((f) => compare(compareAmplitudeVersions(pv, f), op, 0));
      };
    }
    case 'matches':
    case 'notMatches': {
      const res = filters.map((f) => safeRegExp(f)).filter((r): r is Pattern => r !== null);
      const positive = (p: string) => res.some((r) => r.test(p));
      return op === 'notMatches' ? (p) => !positive(p) : positive;
    }
    default:
      return null;
  }
}

function setEquals(xs: readonly string[], ys: readonly string[]): boolean {
  const a = new Set(xs);
  const b = new Set(ys);
  if (a.size !== b.size) return false;
  for (const y of b) if (!a.has(y)) return false;
  return true;
}

function containsAll(props: readonly string[], filters: readonly string[]): boolean {
  if (props.length < filters.length) return false;
  for (const f of filters) if (!matchesIs(f, props)) return false;
  return true;
}

function containsAny(props: readonly string[], filters: readonly string[]): boolean {
  for (const f of filters) if (matchesIs(f, props)) return true;
  return false;
}

function compileSet(op: Operator, filters: readonly string[]): ((props: string[]) => boolean) | null {
  switch (op) {
    case 'setEquals':
      return (p) => setEquals(p, filters);
    case 'setNotEquals':
      return (p) => !setEquals(p, filters);
    case 'setContainsAll':
      return (p) => containsAll(p, filters);
    case 'setNotContainsAll':
      return (p) => !containsAll(p, filters);
    case 'setContainsAny':
      return (p) => containsAny(p, filters);
    case 'setNotContainsAny':
      return (p) => !containsAny(p, filters);
    default:
      return null;
  }
}

/**
 * Compiles a leaf under Amplitude semantics. Condition values are read as strings (Amplitude's are always strings).
 *
 * @example
 * compileAmplitudeMatcher('in', ['(none)'], false)(undefined); // true
 * compileAmplitudeMatcher('contains', ['ELL'], false)('hello'); // true
 * compileAmplitudeMatcher('in', ['a'], false)('["a","b"]'); // true: a JSON-array string is a list
 */
export function compileAmplitudeMatcher(op: Operator, values: readonly JsonValue[], negate: boolean): LeafMatcher {
  const filters: string[] = [];
  for (const v of values) {
    const s = amplitudeString(v);
    if (s !== undefined) filters.push(s);
  }
  const none = filters.includes('(none)');
  const onNull = POSITIVE_NULL.has(op) ? none : NEGATIVE_NULL.has(op) ? !none : false;
  let match: (v: unknown) => boolean;
  if (op === 'exists') match = (v) => v !== undefined && v !== null;
  else if (op === 'before' || op === 'after') {
    const dates = values.map(parseDateValue).filter((d): d is number => d !== null && !Number.isNaN(d));
    match = (v) => {
      const d = parseDateValue(v);
      return d !== null && dates.some((x) => (op === 'before' ? d < x : d > x));
    };
  } else {
    const set = compileSet(op, filters);
    const str = compileString(op, filters);
    match = (v) => {
      const list = amplitudeStringList(v);
      if (set !== null) return list !== undefined && set(list);
      if (str === null) return false;
      if (list !== undefined) return list.some(str);
      const s = amplitudeString(v);
      return s !== undefined && str(s);
    };
  }
  return (v) => {
    if (v === undefined || v === null) return onNull !== negate;
    return match(v) !== negate;
  };
}
