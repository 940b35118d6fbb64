// Property: whatever a payload holds in any place (a mutated real configuration), the importer answers a result and
// never throws, and what it imports is plain JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importGrowthBook } from '../../src/growthbook/index.js';
import { CONFIGS } from './configs.js';
import { paths, replaced, withoutNegativeZero } from '../plain-json.js';

describe('importGrowthBook on mutated payloads', () => {
  for (const config of Object.values(CONFIGS)) {
    const all = paths(config.payload);
    it(`never throws when any value of the "${config.name}" payload is replaced by arbitrary JSON`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (i, value) => {
          const result = importGrowthBook(replaced(config.payload, all[i] as (string | number)[], value));
          expect(typeof result.ok).toBe('boolean');
          // Plain JSON data: a round trip changes nothing (but -0, which JSON writes as 0: GrowthBook reads both alike).
          if (result.ok) expect(JSON.parse(JSON.stringify(result.datafile))).toEqual(withoutNegativeZero(result.datafile));
        }),
        { numRuns: 300 },
      );
    });
  }
});
