// The rule for patterns (`matches` / `notMatches` values, GrowthBook `$regex` / `$regexi`), as the evaluator runs them
// (see ../pattern.ts: linear time through re2js, so no pattern can backtrack catastrophically):
// 1. at most `maxPatternLength` characters (default 1000): longer is an error (the flag is quarantined);
// 2. a pattern that does not compile as an ECMAScript RegExp without the `u` flag (as LaunchDarkly, Amplitude and
//    GrowthBook compile it) fails only its condition: it never matches, with a warning;
// 3. a pattern RE2 cannot run in linear time (look-ahead, back-references) is not run either: its condition never
//    matches, with a warning at its path.
import { compilePattern } from '../pattern.js';

/** The default longest pattern, in UTF-16 code units. */
export const DEFAULT_MAX_PATTERN_LENGTH = 1000;

/** How the message of a pattern that does not compile starts. */
export const NOT_COMPILING = 'pattern does not compile';

/** How the message of a pattern Ensign cannot run in linear time starts. */
export const NOT_LINEAR = 'pattern needs look-ahead or a back-reference';

/**
 * Checks one pattern. Returns null when the evaluator runs it, else the reason: too long (an error), or it does not
 * compile ({@link NOT_COMPILING}) or cannot run in linear time ({@link NOT_LINEAR}) — its condition never matches.
 *
 * @example
 * checkPattern('^a*a*a*a*$', '', 1000); // null: it runs in linear time
 * checkPattern('^(?!test)', '', 1000); // 'pattern needs look-ahead or a back-reference, ...'
 */
export function checkPattern(pattern: string, flags: '' | 'i', maxLength: number): string | null {
  if (pattern.length > maxLength) {
    return `pattern is ${pattern.length} characters long; the limit is ${maxLength} (maxPatternLength)`;
  }
  const compiled = compilePattern(pattern, flags === 'i');
  if (compiled === 'syntax') {
    try {
      new RegExp(pattern, flags);
    } catch (e) {
      return `${NOT_COMPILING}: ${e instanceof Error ? e.message : String(e)}`;
    }
    return NOT_COMPILING;
  }
  if (compiled === 'unsupported') return `${NOT_LINEAR}, which Ensign cannot run in linear time`;
  return null;
}
