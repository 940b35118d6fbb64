import { describe, expect, it } from 'vitest';
import { datafile, errorsOf, flag, warningsOf, withConditions } from '../fixtures.test-helpers.js';

const base = 'flags[0].rules[0].conditions';

describe('conditions', () => {
  it('must be exactly one kind of node', () => {
    const d = withConditions({ and: [{ and: [], op: 'in', values: [] }, { attribute: 'a' }, { flag: 'f' }] });
    expect(errorsOf(d)).toEqual([
      { path: `${base}.and[0]`, message: 'a condition must be exactly one kind, but it has "and" and "op"' },
      { path: `${base}.and[1]`, message: 'a condition needs one of "and", "or", "not", "op", "audience" or "mongo"' },
      { path: `${base}.and[2]`, message: 'a flag-result condition needs "op" and "values"' },
    ]);
  });

  it('read and / or as arrays and not as one condition', () => {
    const d = withConditions({ or: [{ and: {} }, { not: [] }] });
    expect(errorsOf(d)).toEqual([
      { path: `${base}.or[0].and`, message: 'must be an array, got object' },
      { path: `${base}.or[1].not`, message: 'must be an object, got array' },
    ]);
  });

  it('check context kinds and the flag-result selector', () => {
    const d = withConditions({ and: [{ attribute: 'a', contextKind: 'bad kind', op: 'exists', values: [] }, { flag: 'g', select: 'index', op: 'in', values: [] }] });
    d.flags.push(flag('g'));
    expect(errorsOf(d)).toEqual([
      { path: `${base}.and[0].contextKind`, message: expect.stringContaining('invalid context kind "bad kind"') },
      { path: `${base}.and[1].select`, message: 'must be one of "variationKey", "value", got "index"' },
    ]);
  });

  it('warn about unknown fields of a leaf and unknown GrowthBook operators', () => {
    const d = withConditions({ and: [{ attribute: 'a', op: 'in', values: [1], caseInsensitive: true }, { mongo: { age: { $between: [1, 2] } } }] });
    expect(errorsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([
      { path: `${base}.and[0].caseInsensitive`, message: 'unknown field "caseInsensitive" (ignored)' },
      { path: `${base}.and[1].mongo.age.$between`, message: 'unknown GrowthBook operator "$between" (never matches)' },
    ]);
  });

  it('require the mongo condition to be an object', () => {
    expect(errorsOf(withConditions({ mongo: [] }))).toEqual([{ path: `${base}.mongo`, message: 'must be an object, got array' }]);
  });

  it('check gates like conditions', () => {
    const d = datafile([flag('f', { rules: [{ id: 'r', gate: { audience: '' }, serve: { variation: 'on' } }] })]);
    expect(errorsOf(d)).toEqual([{ path: 'flags[0].rules[0].gate.audience', message: 'must not be empty' }]);
  });

  it('check segment and audience conditions too', () => {
    const d = datafile([flag('f')], {
      segments: [{ key: 's', rules: [{ conditions: { attribute: 'a', op: 'nope', values: [] }, weight: 100_001 }] }],
      audiences: [{ id: 'a' }],
    });
    expect(errorsOf(d)).toEqual([
      { path: 'segments[0].rules[0].conditions.op', message: 'unknown operator "nope"' },
      { path: 'segments[0].rules[0].weight', message: 'must be at most 100000, got 100001' },
      { path: 'audiences[0].conditions', message: 'is required' },
    ]);
  });
});
