// Patterns (`matches`, `notMatches`, GrowthBook `$regex` / `$regexi`) run in linear time: written in JavaScript's
// dialect (as LaunchDarkly, Amplitude and GrowthBook compile them) and run by re2js, a pure-JavaScript port of RE2,
// so no pattern can backtrack catastrophically (`^a*a*a*a*$`, `.*.*.*x`, `(a|aa)+b` stay linear in the input).
// A pattern without quantifiers or alternation cannot backtrack at all and runs on the native engine, which is
// faster on short inputs. What RE2 cannot express (look-ahead, back-references) is not run: the condition never
// matches, and `parseDatafile` reports it with its path. The validator and the evaluator both use this function,
// so what one reports is what the other runs.
import { RE2JS } from 're2js';

/** A compiled pattern: `test` tells whether it matches somewhere in the input. */
export interface Pattern {
  test(input: string): boolean;
}

/** Why a pattern is not run: it does not compile as JavaScript, or RE2 cannot run it in linear time. */
export type PatternProblem = 'syntax' | 'unsupported';

/** What a scan of the pattern found outside escapes and character classes. */
interface Shape {
  /** No quantifier and no alternation: the native engine cannot backtrack on it. */
  readonly fixed: boolean;
  /** Look-ahead or a back-reference: RE2 cannot run it (and re2js would read `\k<x>` as a literal). */
  readonly backtracking: boolean;
}

function scan(source: string): Shape {
  let inClass = false;
  let fixed = true;
  let afterOpen = false; // the previous character is an unescaped "(" (so a "?" starts a group modifier)
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    const opened = afterOpen;
    afterOpen = false;
    if (c === 92 /* \ */) {
      const next = source.charCodeAt(i + 1);
      if (!inClass && ((next >= 49 && next <= 57) || (next === 107 && source.charCodeAt(i + 2) === 60))) return { fixed: false, backtracking: true }; // \1..\9, \k<
      i++;
    } else if (inClass) {
      if (c === 93 /* ] */) inClass = false;
    } else if (c === 91 /* [ */) inClass = true;
    else if (c === 40 /* ( */) afterOpen = true;
    else if (c === 42 || c === 43 || c === 123 || c === 124 /* * + { | */) fixed = false;
    else if (c === 63 /* ? */) {
      if (!opened) fixed = false;
      else {
        const after = source.charCodeAt(i + 1);
        if (after === 61 || after === 33 /* = ! */) return { fixed: false, backtracking: true }; // look-ahead
        if (after === 60 && (source.charCodeAt(i + 2) === 61 || source.charCodeAt(i + 2) === 33)) fixed = false; // look-behind: RE2
      }
    }
  }
  return { fixed, backtracking: false };
}

/**
 * Compiles a pattern of JavaScript's dialect (no `u` flag) for linear-time matching, or says why it will not run.
 * Never throws.
 *
 * @example
 * const p = compilePattern('^a*a*a*a*a*a*a*a*$', false); // runs in linear time on any input
 * typeof p !== 'string' && p.test('a'.repeat(22) + '!'); // false, at once
 * compilePattern('(?=x)', false); // 'unsupported'
 */
export function compilePattern(source: string, insensitive: boolean): Pattern | PatternProblem {
  let native: RegExp;
  try {
    native = new RegExp(source, insensitive ? 'i' : '');
  } catch {
    return 'syntax';
  }
  const shape = scan(source);
  if (shape.backtracking) return 'unsupported';
  if (shape.fixed) return native;
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), (insensitive ? RE2JS.CASE_INSENSITIVE : 0) | RE2JS.LOOKBEHINDS);
  } catch {
    return 'unsupported';
  }
}
