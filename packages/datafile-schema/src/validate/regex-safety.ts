// The rule for patterns (`matches` / `notMatches` values, GrowthBook `$regex` / `$regexi`):
// 1. at most `maxPatternLength` characters (default 1000);
// 2. compiles as an ECMAScript RegExp without the `u` flag (as LaunchDarkly, Amplitude and GrowthBook compile it);
// 3. safe-regex2 accepts it: star height at most 1 (no quantifier inside a quantified group, `(a+)+`, `(\d+\.)*`)
//    and at most 25 quantifiers. safe-regex2's parser does not read lookbehind, so for patterns with lookbehind
//    our scanner applies the same two limits;
// 4. no quantified group (`*`, `+`, `{n,}`, `{n,m}` with m > 10) has alternatives that can start with the same
//    character or match the empty string (`(a|ab)*`, `(\w|\d)+`, `(a|)*`): these backtrack exponentially too.
import safeRegex from 'safe-regex2';
import { scanPattern } from './regex-scan.js';

/** The default longest pattern, in UTF-16 code units. */
export const DEFAULT_MAX_PATTERN_LENGTH = 1000;

const MAX_QUANTIFIERS = 25;

/** How the message of a pattern that does not compile starts. */
export const NOT_COMPILING = 'pattern does not compile';

/**
 * Checks one pattern. Returns null when it is acceptable, else the reason.
 *
 * @example
 * checkPattern('(a+)+$', '', 1000); // 'can backtrack catastrophically: ...'
 */
export function checkPattern(pattern: string, flags: '' | 'i', maxLength: number): string | null {
  if (pattern.length > maxLength) {
    return `pattern is ${pattern.length} characters long; the limit is ${maxLength} (maxPatternLength)`;
  }
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return `${NOT_COMPILING}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const shape = scanPattern(pattern, flags === 'i');
  const lookbehind = pattern.includes('(?<=') || pattern.includes('(?<!');
  const nestedOrTooMany = lookbehind
    ? shape.starHeight > 1 || shape.quantifiers > MAX_QUANTIFIERS
    : !safeRegex(pattern, { limit: MAX_QUANTIFIERS });
  if (nestedOrTooMany) {
    return shape.quantifiers > MAX_QUANTIFIERS
      ? `pattern has more than ${MAX_QUANTIFIERS} quantifiers, which can backtrack catastrophically`
      : 'pattern can backtrack catastrophically: a quantifier inside a quantified group (star height above 1)';
  }
  if (shape.overlapping !== null) {
    return `pattern can backtrack catastrophically: the alternatives of the repeated group ${shape.overlapping} overlap or can match the empty string`;
  }
  return null;
}
