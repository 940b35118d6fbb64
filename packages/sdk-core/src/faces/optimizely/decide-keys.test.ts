import { generateDatafile } from '@ensign/datafile-schema/testing';
import { compileDatafile } from '@ensign/evaluator-core';
import { describe, expect, it } from 'vitest';
import { decideKeyOrder } from './decide-keys.js';

const compiled = compileDatafile(generateDatafile({ flags: 3 }));
const [a, b] = compiled.flagKeys as [string, string];

describe('decideKeyOrder', () => {
  it('puts the unknown keys first, once each, then the known ones with their repeats, each in the given order', () => {
    expect(decideKeyOrder(compiled, [b, 'nope', a, 'other', b, 'nope'])).toEqual(['nope', 'other', b, a, b]);
  });

  it('keeps the given order when every key is known, and leaves out entries that are not strings', () => {
    expect(decideKeyOrder(compiled, [a, 7, null, b, a])).toEqual([a, b, a]);
    expect(decideKeyOrder(compiled, [])).toEqual([]);
  });
});
