import type { Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, datafile, user } from '../../test/helpers/datafile.js';
import { evaluateFlag } from '../evaluate/evaluate-flag.js';
import { compileDatafile, getFlag } from './compile-datafile.js';

describe('compileDatafile', () => {
  const flags: Flag[] = [boolFlag('b'), boolFlag('a'), boolFlag('b', { on: false }), boolFlag('c')];
  const df = datafile(flags, { revision: 'r9' });

  it('keeps the flag keys in datafile order, the first of duplicate keys only', () => {
    expect(compileDatafile(df).flagKeys).toEqual(['b', 'a', 'c']);
  });

  it('exposes the revision and the datafile it was built from', () => {
    const c = compileDatafile(df);
    expect(c.revision).toBe('r9');
    expect(c.datafile).toBe(df);
  });

  it('finds flag definitions by key with getFlag', () => {
    const c = compileDatafile(df);
    expect(getFlag(c, 'b')).toBe(flags[0]);
    expect(getFlag(c, 'nope')).toBeUndefined();
    expect(getFlag({} as never, 'b')).toBeUndefined();
  });

  it('decides the same whether flags are compiled at once or on first use', () => {
    const rich = datafile([
      boolFlag('x', {
        rules: [{ id: 'r', conditions: { attribute: 'plan', op: 'in', values: ['pro'] }, serve: { variation: 'on' } }],
        fallthrough: { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'off', weight: 30000 }, { variation: 'on', weight: 70000 }] } },
      }),
    ]);
    const lazy = compileDatafile(rich);
    const eager = compileDatafile(rich, { eager: true });
    for (let i = 0; i < 50; i++) {
      const ctx = user(`u${i}`, { plan: i % 3 === 0 ? 'pro' : 'free' });
      expect(evaluateFlag(lazy, ctx, 'x')).toEqual(evaluateFlag(eager, ctx, 'x'));
    }
  });

  it('does not modify the datafile it is given', () => {
    const input = datafile([boolFlag('x', { variables: [{ key: 'n', type: 'integer', default: '3' }] })]);
    const before = JSON.stringify(input);
    compileDatafile(input, { eager: true });
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.isFrozen(input.flags[0])).toBe(false);
  });
});
