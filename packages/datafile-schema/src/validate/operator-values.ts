// Checks a leaf's `values` against its operator and semantics. Values of the wrong type are warnings ("never
// matches"), because every vendor treats them as a non-match rather than a broken flag; patterns that do not
// compile or can backtrack catastrophically, and references to undefined segments, are errors.
import type { Operator, Semantics } from '../types.js';
import type { Ctx } from './ctx.js';
import { describe } from './read.js';
import { NOT_COMPILING, checkPattern } from './regex-safety.js';
import { isDateValue, isVersion } from './value-syntax.js';

function checkedPattern(c: Ctx, pattern: string): string | null {
  let problem = c.patterns.get(pattern);
  if (problem === undefined) {
    problem = checkPattern(pattern, '', c.limits.maxPatternLength);
    c.patterns.set(pattern, problem);
  }
  return problem;
}

/** Checks a pattern at the current path plus `tail` (cached per pattern). */
export function checkRegexValue(c: Ctx, pattern: string, flags: '' | 'i', ...tail: (string | number)[]): void {
  const problem = flags === '' ? checkedPattern(c, pattern) : checkPattern(pattern, flags, c.limits.maxPatternLength);
  if (problem === null) return;
  // A pattern that does not compile fails only its own condition, as in every vendor's SDK.
  if (problem.startsWith(NOT_COMPILING)) c.warn(`${problem}; this condition never matches`, ...tail);
  else c.error(problem, ...tail);
}

function numeric(v: unknown, semantics: Semantics): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && (semantics !== 'optimizely' || Math.abs(v) <= 2 ** 53);
  // Amplitude compares `Number(String(value))`, so "" (0) and numeric strings match, and "(none)" matches a missing
  // property.
  if (semantics !== 'amplitude' || v === null || typeof v === 'object') return false;
  return v === '(none)' || !Number.isNaN(Number(String(v)));
}

/** Checks `values` (already known to be an array) of a leaf with operator `op`, at the current path (the leaf). */
export function checkOperatorValues(c: Ctx, op: Operator, values: unknown[], semantics: Semantics): void {
  switch (op) {
    case 'startsWith':
    case 'endsWith':
    case 'contains':
    case 'notContains':
      if (semantics === 'amplitude') return; // Amplitude compares String(value)
      for (let i = 0; i < values.length; i++) {
        if (typeof values[i] !== 'string') c.warn(`"${op}" compares strings; ${describe(values[i])} never matches`, 'values', i);
      }
      return;
    case 'matches':
    case 'notMatches':
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v === 'string') checkRegexValue(c, v, '', 'values', i);
        else c.warn(`"${op}" takes patterns as strings; ${describe(v)} never matches`, 'values', i);
      }
      return;
    case 'lessThan':
    case 'lessThanOrEqual':
    case 'greaterThan':
    case 'greaterThanOrEqual':
      for (let i = 0; i < values.length; i++) {
        if (!numeric(values[i], semantics)) {
          c.warn(`"${op}" compares numbers under ${semantics} semantics; ${JSON.stringify(values[i]) ?? describe(values[i])} never matches`, 'values', i);
        }
      }
      return;
    case 'before':
    case 'after':
      for (let i = 0; i < values.length; i++) {
        if (!isDateValue(values[i])) {
          c.warn(`"${op}" takes epoch milliseconds or RFC 3339 dates; ${JSON.stringify(values[i]) ?? describe(values[i])} never matches`, 'values', i);
        }
      }
      return;
    case 'semVerEqual':
    case 'semVerLessThan':
    case 'semVerLessThanOrEqual':
    case 'semVerGreaterThan':
    case 'semVerGreaterThanOrEqual':
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        // Amplitude falls back to comparing strings when a version does not parse: any string can match there.
        if (semantics === 'amplitude' && typeof v === 'string') continue;
        if (typeof v !== 'string' || !isVersion(v, semantics)) {
          c.warn(`${JSON.stringify(v) ?? describe(v)} is not a version under ${semantics} semantics; it never matches`, 'values', i);
        }
      }
      return;
    case 'qualified':
      for (let i = 0; i < values.length; i++) {
        if (typeof values[i] !== 'string') c.warn(`segment names are strings; ${describe(values[i])} never matches`, 'values', i);
      }
      return;
    default:
      return; // in, notIn, exists, set operators: any JSON value; segmentMatch / inCohort: checked as references
  }
}

/** Operators whose values are references or names, not compared with an attribute. */
export const ATTRIBUTELESS_OPERATORS: ReadonlySet<Operator> = new Set<Operator>(['segmentMatch', 'qualified', 'inCohort']);
