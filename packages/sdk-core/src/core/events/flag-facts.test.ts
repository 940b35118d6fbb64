import { parseDatafile } from '@ensign/datafile-schema';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { compileDatafile, getFlag } from '@ensign/evaluator-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFlagFactsCache, ruleFrom } from './flag-facts.js';
import { ruleOf } from './flag-rules.js';

function compiledOf(flags: number, seed: number) {
  const parsed = parseDatafile(JSON.stringify(generateDatafile({ flags, seed, variety: true })));
  if (!parsed.ok) throw new Error('the generated datafile did not parse');
  return compileDatafile(parsed.datafile);
}

describe('createFlagFactsCache', () => {
  it('gives the flag getFlag gives and the rule ruleOf gives, for any key and rule id, across datafile updates', () => {
    const datafiles = [compiledOf(12, 1), compiledOf(8, 2)];
    const keys = datafiles.flatMap((d) => d.datafile.flags.map((f) => f.key));
    const ruleIds = datafiles.flatMap((d) => d.datafile.flags.flatMap((f) => (f.rules ?? []).map((r) => r.id ?? null)));
    const factsOf = createFlagFactsCache();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.oneof(fc.constantFrom(...keys), fc.string()), fc.oneof(fc.constantFrom(...ruleIds, null), fc.string())), { maxLength: 60 }),
        (lookups) => {
          for (const [d, key, ruleId] of lookups) {
            const compiled = datafiles[d] as (typeof datafiles)[number];
            const facts = factsOf(compiled, key);
            expect(facts.flag).toBe(getFlag(compiled, key));
            expect(ruleFrom(facts, ruleId)).toBe(ruleOf(getFlag(compiled, key), ruleId));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers every unknown key with one shared object, so typos do not grow the cache', () => {
    const compiled = compiledOf(3, 1);
    const factsOf = createFlagFactsCache();
    expect(factsOf(compiled, 'no-such-flag')).toBe(factsOf(compiled, 'another-typo'));
    expect(factsOf(compiled, 'no-such-flag').flag).toBeUndefined();
  });

  it('says a flag has no tracked rule only when no rule id leads to a rule with trackEvents', () => {
    const factsOf = createFlagFactsCache();
    let without = 0;
    let withTracked = 0;
    for (const seed of [1, 2, 3, 4]) {
      const compiled = compiledOf(30, seed);
      for (const flag of compiled.datafile.flags) {
        const facts = factsOf(compiled, flag.key);
        const tracked = (flag.rules ?? []).some((r) => ruleFrom(facts, r.id ?? null)?.trackEvents === true);
        if (!facts.ruleTracks) expect(tracked).toBe(false);
        if (tracked) withTracked++;
        else without++;
      }
    }
    expect(without).toBeGreaterThan(0);
    expect(withTracked).toBeGreaterThan(0);
  });
});
