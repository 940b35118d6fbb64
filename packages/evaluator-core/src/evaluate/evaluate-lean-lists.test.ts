// The lean form's `in` / `notIn` lists of strings (evaluate-lean.ts `leafMatches`): the first two values are compared
// outright and the rest in a loop. Every position of every list length answers as the general evaluator does.
import type { Datafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { compileDatafile, stateOf } from '../compile/compile-datafile.js';
import { evaluateCheckedFlag, evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';

const GENERAL = { forcedDecisions: [] };
const VALUES = ['US', 'CA', 'FR', 'DE', 'JP'];

/** One flag per list length (0 to 5) and operator: `country <op> VALUES[0..n)` serves `hit`, else `miss`. */
function datafile(): Datafile {
  const flags = [];
  for (const op of ['in', 'notIn'] as const) {
    for (let n = 0; n <= VALUES.length; n++) {
      flags.push({
        key: `${op}-${n}`,
        on: true,
        variations: [
          { key: 'hit', value: 'hit' },
          { key: 'miss', value: 'miss' },
        ],
        rules: [{ id: 'r', conditions: { attribute: 'country', op, values: VALUES.slice(0, n) }, serve: { variation: 'hit' } }],
        fallthrough: { variation: 'miss' },
      });
    }
  }
  return { schemaVersion: 1, revision: 'r1', environment: 'test', flags } as Datafile;
}

describe('lean string lists', () => {
  const compiled = compileDatafile(datafile());

  it('covers every list length with the lean form', () => {
    for (const op of ['in', 'notIn']) {
      for (let n = 0; n <= VALUES.length; n++) expect(stateOf(compiled)?.flags.get(`${op}-${n}`)?.lean).toBeTruthy();
    }
  });

  it('answers every position, a non-member, another type and a missing attribute as the general evaluator', () => {
    const countries: unknown[] = [...VALUES, 'GB', 'us', '', 7, true, null, undefined];
    for (let round = 0; round < 3; round++) {
      for (const country of countries) {
        const context = country === undefined ? { kind: 'user', key: 'u' } : { kind: 'user', key: 'u', country };
        for (const op of ['in', 'notIn']) {
          for (let n = 0; n <= VALUES.length; n++) {
            const key = `${op}-${n}`;
            const lean = evaluateFlag(compiled, context as never, key);
            expect(lean).toEqual(evaluateFlag(compiled, context as never, key, GENERAL));
            expect(evaluateCheckedFlag(compiled, context as never, key, {})).toEqual(lean);
            if (typeof country === 'string') {
              const member = VALUES.slice(0, n).includes(country);
              expect(lean.variationKey).toBe(member === (op === 'in') ? 'hit' : 'miss');
            }
          }
        }
        expect(evaluateFlags(compiled, context as never)).toEqual(evaluateFlags(compiled, context as never, undefined, GENERAL));
      }
    }
  });
});
