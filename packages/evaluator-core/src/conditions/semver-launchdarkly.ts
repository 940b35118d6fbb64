// Semantic versions as LaunchDarkly's server SDKs read them (ldjs Operations.ts#parseSemver): strict SemVer 2.0
// (node-semver's non-loose grammar), a leading `v` refused, and missing minor/patch parts padded with `.0`, so "1"
// equals "1.0.0" and "1.2-beta" reads as "1.2.0-beta". Ensign semantics use the same reading.

/** A parsed semantic version. Pre-release identifiers are numbers when they are all digits. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (string | number)[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)';
const BUILD_ID = '[0-9A-Za-z-]+';
// node-semver's FULL expression (non-loose); it allows an optional `v` that LaunchDarkly then forbids.
const FULL = new RegExp(
  `^v?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`,
);
const COMPONENTS = /^\d+(\.\d+)?(\.\d+)?/;
const DIGITS = /^[0-9]+$/;
// node-semver refuses versions longer than 256 characters.
const MAX_LENGTH = 256;

function strictParse(input: string): SemVer | null {
  if (input.length > MAX_LENGTH) return null;
  const m = FULL.exec(input.trim());
  if (m === null) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]);
  if (major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER || patch > Number.MAX_SAFE_INTEGER) return null;
  const pre = m[4];
  const prerelease: (string | number)[] = [];
  if (pre !== undefined) {
    for (const id of pre.split('.')) {
      if (DIGITS.test(id)) {
        const n = Number(id);
        prerelease.push(n <= Number.MAX_SAFE_INTEGER ? n : id);
      } else prerelease.push(id);
    }
  }
  return { major, minor, patch, prerelease };
}

/**
 * Parses a version as LaunchDarkly does: strings only, no leading `v`, strict SemVer 2.0 after padding a missing
 * minor or patch with `.0`. Returns null when the value is not a version.
 *
 * @example
 * parseLdSemver('1.2'); // { major: 1, minor: 2, patch: 0, prerelease: [] }
 * parseLdSemver('v1.2.3'); // null
 */
export function parseLdSemver(input: unknown): SemVer | null {
  if (typeof input !== 'string' || input.startsWith('v')) return null;
  const parsed = strictParse(input);
  if (parsed !== null) return parsed;
  const components = COMPONENTS.exec(input);
  if (components === null) return null;
  let transformed = components[0];
  if (components[1] === undefined) transformed += '.0';
  if (components[2] === undefined) transformed += '.0';
  return strictParse(transformed + input.substring(components[0].length));
}

function compareIdentifiers(a: string | number, b: string | number): number {
  const aNum = typeof a === 'number';
  const bNum = typeof b === 'number';
  if (aNum && !bNum) return -1;
  if (bNum && !aNum) return 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Compares two versions by SemVer 2.0 precedence (build metadata ignored): -1, 0 or 1.
 *
 * @example
 * compareSemver(parseLdSemver('1.0.0-beta')!, parseLdSemver('1.0.0')!); // -1
 */
export function compareSemver(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const ap = a.prerelease;
  const bp = b.prerelease;
  if (ap.length === 0 || bp.length === 0) {
    if (ap.length === bp.length) return 0;
    return ap.length === 0 ? 1 : -1;
  }
  const n = Math.min(ap.length, bp.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(ap[i] as string | number, bp[i] as string | number);
    if (c !== 0) return c;
  }
  if (ap.length === bp.length) return 0;
  return ap.length < bp.length ? -1 : 1;
}
