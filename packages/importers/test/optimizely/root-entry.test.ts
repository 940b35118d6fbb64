// The package's root entry names the same importers as the vendor subpaths.
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import { importGrowthBook } from '../../src/growthbook/index.js';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';

describe('@ensign/importers', () => {
  it('exports the Optimizely and GrowthBook importers of the subpaths by name', () => {
    expect(root.importOptimizelyDatafile).toBe(importOptimizelyDatafile);
    expect(root.importGrowthBook).toBe(importGrowthBook);
    expect(typeof root.importLaunchDarkly).toBe('function');
    expect(typeof root.importAmplitudeFlags).toBe('function');
  });
});
