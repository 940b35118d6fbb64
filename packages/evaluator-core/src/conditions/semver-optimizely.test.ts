// The tables of Optimizely's own test, opt lib/utils/semantic_version/index.spec.ts (javascript-sdk v6).
import { describe, expect, it } from 'vitest';
import { compareOptimizelyVersion } from './semver-optimizely.js';

describe("Optimizely's compareVersion", () => {
  it.each([
    ['2.0.1', '2.0.1'],
    ['2.9.9-beta', '2.9.9-beta'],
    ['2.1', '2.1.0'],
    ['2', '2.12'],
    ['2.9', '2.9.1'],
    ['2.9+beta', '2.9+beta'],
    ['2.9.9+beta', '2.9.9+beta'],
    ['2.9.9+beta-alpha', '2.9.9+beta-alpha'],
    ['2.2.3', '2.2.3+beta'],
  ])('finds condition %s equal to user %s', (target, userVersion) => {
    expect(compareOptimizelyVersion(target, userVersion)).toBe(0);
  });

  it.each([
    ['2.0.0', '2.0.1'],
    ['2.0', '3.0.1'],
    ['2.0.0', '2.1'],
    ['2.1.2-beta', '2.1.2-release'],
    ['2.1.3-beta1', '2.1.3-beta2'],
    ['2.9.9-beta', '2.9.9'],
    ['2.9.9+beta', '2.9.9'],
    ['3.7.0-prerelease+build', '3.7.0-prerelease+rc'],
    ['2.2.3-beta-beta1', '2.2.3-beta-beta2'],
    ['2.2.3-beta+beta1', '2.2.3-beta+beta2'],
    ['2.2.3+beta2-beta1', '2.2.3+beta3-beta2'],
    ['2.2.3+beta', '2.2.3'],
  ])('finds user %s greater than condition %s', (target, userVersion) => {
    expect(compareOptimizelyVersion(target, userVersion)).toBe(1);
  });

  it.each([
    ['2.0.1', '2.0.0'],
    ['3.0', '2.0.1'],
    ['2.3', '2.0.1'],
    ['2.3.5', '2.3.1'],
    ['2.9.8', '2.9'],
    ['3.1', '3'],
    ['2.1.2-release', '2.1.2-beta'],
    ['2.9.9+beta', '2.9.9-beta'],
    ['3.7.0+build3.7.0-prerelease+build', '3.7.0-prerelease'],
    ['2.1.3-beta-beta2', '2.1.3-beta'],
    ['2.1.3-beta1+beta3', '2.1.3-beta1+beta2'],
    ['2.1.3', '2.1.3-beta'],
  ])('finds user %s smaller than condition %s', (target, userVersion) => {
    expect(compareOptimizelyVersion(target, userVersion)).toBe(-1);
  });

  it.each(['-', '.', '..', '+', '+test', ' ', '2 .3. 0', '2.', '.2.2', '3.7.2.2', '3.x', ',', '+build-prerelease', '2..2'])(
    'gives null for the invalid user version %j',
    (userVersion) => {
      expect(compareOptimizelyVersion('2.1.0', userVersion)).toBeNull();
    },
  );
});
