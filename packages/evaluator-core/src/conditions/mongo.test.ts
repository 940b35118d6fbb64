import { describe, expect, it } from 'vitest';
import { evalMongoCondition, getMongoPath, precompileMongoRegexes } from './mongo.js';

describe('GrowthBook conditions', () => {
  it('reads dot paths into nested objects and arrays', () => {
    expect(getMongoPath({ a: { b: [10, 20] } }, 'a.b.1')).toBe(20);
    expect(getMongoPath({ a: 1 }, 'a.b')).toBeNull();
  });

  it('treats __proto__ and constructor as missing data, never the prototype', () => {
    expect(getMongoPath({}, 'constructor')).toBeNull();
    expect(evalMongoCondition({}, JSON.parse('{"__proto__": {"$exists": true}}'))).toBe(false);
    expect(evalMongoCondition(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}'))).toBe(true);
    expect(evalMongoCondition({}, { 'constructor.name': 'Object' })).toBe(false);
  });

  it('resolves $inGroup against the saved groups it is given, and an unknown group as empty', () => {
    expect(evalMongoCondition({ id: 2 }, { id: { $inGroup: 'g' } }, { g: [1, 2] })).toBe(true);
    expect(evalMongoCondition({ id: 2 }, { id: { $inGroup: 'other' } }, { g: [1, 2] })).toBe(false);
    expect(evalMongoCondition({ id: 2 }, { id: { $notInGroup: 'other' } })).toBe(true);
  });

  it('uses precompiled regexes, keyed by pattern and case', () => {
    const cache = precompileMongoRegexes({ a: { $regex: 'x' }, $or: [{ b: { $regexi: 'Y' } }] });
    expect([...cache.keys()].sort()).toEqual(['Y/i', 'x']);
    expect(evalMongoCondition({ a: 'x', b: 'y' }, { a: { $regex: 'x' }, b: { $regexi: 'Y' } }, undefined, cache)).toBe(true);
  });

  it('returns false rather than throwing on values that cannot be converted', () => {
    expect(evalMongoCondition({ n: 10n }, { n: 5 })).toBe(false);
  });
});
