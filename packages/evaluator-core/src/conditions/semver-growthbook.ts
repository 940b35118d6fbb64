// GrowthBook's `paddedVersionString` (gb packages/sdk-js/src/util.ts): versions become strings that compare correctly
// with `<` and `>`: leading `v` and build metadata dropped, numeric parts left-padded to 5 characters, and `~` (the
// largest printable ASCII character) appended to a plain `x.y.z` so that a release sorts after its pre-releases.

const STRIP = /(^v|\+.*$)/g;
const SPLIT = /[-.]/;
const DIGITS = /^[0-9]+$/;

/**
 * Turns a version into GrowthBook's comparable string. Numbers are read as strings; anything else as "0".
 *
 * @example
 * paddedVersionString('v1.2.3+build') // '    1-    2-    3-~'
 */
export function paddedVersionString(input: unknown): string {
  let s: string;
  if (typeof input === 'number') s = input + '';
  else if (typeof input === 'string' && input !== '') s = input;
  else s = '0';
  const parts = s.replace(STRIP, '').split(SPLIT);
  if (parts.length === 3) parts.push('~');
  return parts.map((v) => (DIGITS.test(v) ? v.padStart(5, ' ') : v)).join('-');
}
