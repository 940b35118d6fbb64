import { describe, expect, it } from 'vitest';
import { compareSemver, parseLdSemver } from './semver-launchdarkly.js';

function cmp(a: string, b: string): number {
  const x = parseLdSemver(a);
  const y = parseLdSemver(b);
  if (x === null || y === null) throw new Error(`not versions: ${a}, ${b}`);
  return compareSemver(x, y);
}

describe('LaunchDarkly semantic versions', () => {
  it('pads a missing minor and patch with .0, so "1" equals "1.0.0"', () => {
    expect(cmp('1', '1.0.0')).toBe(0);
    expect(cmp('2.1', '2.1.0')).toBe(0);
  });

  it('pads before a pre-release: "1.2-beta" reads as "1.2.0-beta"', () => {
    expect(parseLdSemver('1.2-beta')).toEqual({ major: 1, minor: 2, patch: 0, prerelease: ['beta'] });
  });

  it('refuses a leading v, which node-semver alone would accept', () => {
    expect(parseLdSemver('v1.2.3')).toBeNull();
  });

  it('refuses non-strings, four parts, leading zeros and junk', () => {
    for (const bad of [1, null, '1.2.3.4', '01.2.3', 'abc', '', '1.2.3-']) expect(parseLdSemver(bad)).toBeNull();
  });

  it('orders pre-releases before their release and by SemVer identifier rules', () => {
    expect(cmp('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(cmp('1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    expect(cmp('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(cmp('1.0.0-beta.2', '1.0.0-beta.11')).toBe(-1);
    expect(cmp('1.0.0-rc.1', '1.0.0-beta.11')).toBe(1);
  });

  it('ignores build metadata', () => {
    expect(cmp('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
  });

  it('compares numerically, not as text', () => {
    expect(cmp('1.10.0', '1.9.0')).toBe(1);
  });
});
