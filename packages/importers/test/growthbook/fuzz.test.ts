// Property: whatever a payload holds in any place (a mutated real configuration), the importer answers a result and
// never throws, and what it imports is plain JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importGrowthBook } from '../../src/growthbook/index.js';
import { CONFIGS } from './configs.js';
import { withoutNegativeZero } from '../plain-json.js';

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function replaced(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string | number, unknown>;
  copy[head] = replaced(copy[head], rest, value);
  return copy;
}

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
