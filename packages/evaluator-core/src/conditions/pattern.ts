// Patterns in conditions: compiled by `compilePattern` of @ensign/datafile-schema (the function the validator uses,
// so what it reports is what runs here): linear time through re2js, never a backtracking engine.
import { compilePattern, type Pattern } from '@ensign/datafile-schema';

export type { Pattern } from '@ensign/datafile-schema';

/**
 * The compiled pattern, or null when it will not run (it does not compile, or needs look-ahead or a back-reference):
 * the condition then never matches.
 *
 * @example
 * compiledOrNull('@example\\.com$', false)?.test('ann@example.com'); // true
 */
export function compiledOrNull(source: unknown, insensitive: boolean): Pattern | null {
  if (typeof source !== 'string') return null;
  const p = compilePattern(source, insensitive);
  return typeof p === 'string' ? null : p;
}
