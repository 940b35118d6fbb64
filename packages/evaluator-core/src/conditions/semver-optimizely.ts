// Optimizely's `compareVersion` (opt lib/utils/semantic_version/index.ts), quirks included: the comparison walks the
// condition's parts only (condition "2" equals user "2.12"), at most three dot-separated numeric parts, whitespace
// makes a version invalid, and the pre-release or build suffix is compared as one string.

const NUMBER = /^\d+$/;
const WHITESPACE = /\s/;

function isPreRelease(version: string): boolean {
  const pre = version.indexOf('-');
  const build = version.indexOf('+');
  if (pre < 0) return false;
  if (build < 0) return true;
  return pre < build;
}

function isBuild(version: string): boolean {
  const pre = version.indexOf('-');
  const build = version.indexOf('+');
  if (build < 0) return false;
  if (pre < 0) return true;
  return build < pre;
}

function splitVersion(version: string): string[] | null {
  if (WHITESPACE.test(version)) return null;
  let prefix = version;
  let suffix = '';
  if (isPreRelease(version)) {
    prefix = version.substring(0, version.indexOf('-'));
    suffix = version.substring(version.indexOf('-') + 1);
  } else if (isBuild(version)) {
    prefix = version.substring(0, version.indexOf('+'));
    suffix = version.substring(version.indexOf('+') + 1);
  }
  const parts = prefix.split('.');
  if (parts.length > 3) return null;
  for (const part of parts) if (!NUMBER.test(part)) return null;
  if (suffix) parts.push(suffix);
  return parts;
}

/**
 * Compares a user's version with a condition's version as Optimizely does: 1 when the user's is greater, -1 when
 * smaller, 0 when equal, null when either is invalid.
 *
 * @example
 * compareOptimizelyVersion('2', '2.12'); // 0 (only the condition's parts are compared)
 * compareOptimizelyVersion('2.1.3', '2.1.3-beta'); // -1
 */
export function compareOptimizelyVersion(conditionVersion: string, userVersion: string): number | null {
  const userParts = splitVersion(userVersion);
  const conditionParts = splitVersion(conditionVersion);
  if (userParts === null || conditionParts === null) return null;
  for (let i = 0; i < conditionParts.length; i++) {
    const u = userParts[i];
    const c = conditionParts[i] as string;
    if (u === undefined) return isPreRelease(conditionVersion) || isBuild(conditionVersion) ? 1 : -1;
    if (!NUMBER.test(u)) {
      if (u < c) return isPreRelease(conditionVersion) && !isPreRelease(userVersion) ? 1 : -1;
      if (u > c) return !isPreRelease(conditionVersion) && isPreRelease(userVersion) ? -1 : 1;
    } else {
      const un = parseInt(u, 10);
      const cn = parseInt(c, 10);
      if (un > cn) return 1;
      if (un < cn) return -1;
    }
  }
  if (isPreRelease(userVersion) && !isPreRelease(conditionVersion)) return -1;
  return 0;
}
