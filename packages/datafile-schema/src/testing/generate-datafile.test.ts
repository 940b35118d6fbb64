import { describe, expect, it } from 'vitest';
import { parseDatafile } from '../parse-datafile.js';
import type { Condition, Datafile, Operator } from '../types.js';
import { HASH_MODES, OPERATORS } from '../types.js';
import { generateDatafile } from './generate-datafile.js';

function operatorsIn(d: Datafile): Set<Operator> {
  const found = new Set<Operator>();
  const visit = (c: Condition | undefined): void => {
    if (c === undefined) return;
    if ('and' in c) c.and.forEach(visit);
    else if ('or' in c) c.or.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if ('op' in c) found.add(c.op);
  };
  for (const f of d.flags) for (const r of f.rules ?? []) visit(r.conditions);
  return found;
}

describe('generateDatafile', () => {
  it('gives the benchmark shape: one rule country in [US, CA] and plan in [pro], else 50/50', () => {
    const d = generateDatafile({ flags: 2 });
    expect(d.flags).toHaveLength(2);
    expect(d.flags[1]).toMatchObject({
      key: 'flag-1',
      rules: [{ conditions: { and: [{ attribute: 'country', op: 'in', values: ['US', 'CA'] }, { attribute: 'plan', op: 'in', values: ['pro'] }] } }],
      fallthrough: { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'off', weight: 50_000 }, { variation: 'on', weight: 50_000 }] } },
    });
  });

  it('gives valid datafiles without warnings in every hash mode', () => {
    for (const hash of HASH_MODES) {
      const result = parseDatafile(JSON.stringify(generateDatafile({ flags: 20, hash })));
      expect(result, hash).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it('gives valid varied datafiles without warnings for many seeds', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const result = parseDatafile(JSON.stringify(generateDatafile({ flags: 8, seed, variety: true })));
      expect(result, `seed ${seed}`).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it('is reproducible from its seed and varies with it', () => {
    const a = JSON.stringify(generateDatafile({ flags: 5, seed: 9, variety: true }));
    expect(JSON.stringify(generateDatafile({ flags: 5, seed: 9, variety: true }))).toBe(a);
    expect(JSON.stringify(generateDatafile({ flags: 5, seed: 10, variety: true }))).not.toBe(a);
  });

  it('uses every operator across a varied datafile of 200 flags', () => {
    const used = operatorsIn(generateDatafile({ flags: 200, seed: 3, variety: true }));
    expect(OPERATORS.filter((op) => !used.has(op))).toEqual([]);
  });
});
