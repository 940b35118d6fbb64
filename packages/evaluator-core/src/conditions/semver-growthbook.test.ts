import { describe, expect, it } from 'vitest';
import { paddedVersionString } from './semver-growthbook.js';

describe("GrowthBook's paddedVersionString", () => {
  it('drops a leading v and build metadata, pads numbers and marks releases with ~', () => {
    expect(paddedVersionString('v1.2.3+build')).toBe('    1-    2-    3-~');
  });

  it('keeps pre-release tags, so a pre-release sorts before its release', () => {
    expect(paddedVersionString('1.0.0-beta') < paddedVersionString('1.0.0')).toBe(true);
  });

  it('makes 1.10.0 greater than 1.9.0 as strings', () => {
    expect(paddedVersionString('1.10.0') > paddedVersionString('1.9.0')).toBe(true);
  });

  it('reads numbers as strings and anything else as "0"', () => {
    expect(paddedVersionString(2)).toBe('    2');
    expect(paddedVersionString(null)).toBe('    0');
    expect(paddedVersionString({})).toBe('    0');
  });
});
