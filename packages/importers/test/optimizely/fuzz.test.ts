// Property: whatever a datafile holds in any place (a mutated real configuration), the importer answers a result and
// never throws, and what it imports is plain JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { groupsConfig } from './config-groups.js';
import { rolloutsConfig } from './config-rollouts.js';
import { paths, replaced, withoutNegativeZero } from '../plain-json.js';

describe('importOptimizelyDatafile on mutated datafiles', () => {
  for (const [name, config] of [['rollouts', rolloutsConfig()], ['groups', groupsConfig()]] as const) {
    const all = paths(config.datafile);
    it(`never throws when any value of the "${name}" configuration is replaced by arbitrary JSON`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (i, value) => {
          const result = importOptimizelyDatafile(replaced(config.datafile, all[i] as (string | number)[], value));
          expect(typeof result.ok).toBe('boolean');
          if (result.ok) expect(JSON.parse(JSON.stringify(result.datafile))).toEqual(withoutNegativeZero(result.datafile));
        }),
        { numRuns: 300 },
      );
    });
  }
});
