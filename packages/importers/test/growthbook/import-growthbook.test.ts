// The GrowthBook importer's mapping, warnings and errors, beyond what the differential tests decide.
import { parseDatafile, type Rule } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { importGrowthBook } from '../../src/growthbook/index.js';
import { CONFIGS } from './configs.js';

function imported(input: unknown) {
  const result = importGrowthBook(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('importGrowthBook', () => {
  it('answers an error result for input that is not a readable payload, and never throws', () => {
    expect(importGrowthBook('nope')).toMatchObject({ ok: false, errors: [{ path: '' }] });
    expect(importGrowthBook({ encryptedFeatures: 'abc==' })).toMatchObject({ ok: false, errors: [{ path: 'encryptedFeatures' }] });
    expect(importGrowthBook({ status: 200 })).toMatchObject({ ok: false, errors: [{ path: 'features' }] });
    for (const garbage of [null, [], 7, { features: { a: null, b: { rules: [null, 1, { force: 1, filters: 'x' }, { variations: 'x' }] } } }]) {
      expect(() => importGrowthBook(garbage)).not.toThrow();
    }
  });

  it('writes datafiles the parser accepts without issues', () => {
    for (const config of Object.values(CONFIGS)) {
      const parsed = parseDatafile(imported(config.payload).datafile);
      expect([config.name, parsed.ok ? [] : parsed.issues]).toEqual([config.name, []]);
    }
  });

  it('makes one variation per distinct value, with readable keys, the default as fallthrough', () => {
    const result = imported({ features: { f: { defaultValue: 'off', rules: [{ force: 'on' }, { force: 1 }, { force: '1' }, { force: { a: 1 } }, { force: 'on' }] } } });
    const f = result.datafile.flags[0];
    expect(f?.variations).toEqual([
      { key: 'off', value: 'off' },
      { key: 'on', value: 'on' },
      { key: '1', value: 1 },
      { key: '1#2', value: '1' },
      { key: 'json-0', value: { a: 1 } },
    ]);
    expect(f?.fallthrough).toEqual({ variation: 'off' });
    expect(f?.rules?.map((r) => [r.id, r.serve])).toEqual([
      ['rule-0', { variation: 'on' }],
      ['rule-1', { variation: '1' }],
      ['rule-2', { variation: '1#2' }],
      ['rule-3', { variation: 'json-0' }],
      ['rule-4', { variation: 'on' }],
    ]);
  });

  it('maps an experiment rule with its seed, hash version, attribute, namespace, coverage and a guard against 0 and false', () => {
    const result = imported({
      features: {
        f: { defaultValue: 0, rules: [{ id: 'x', key: 'exp', variations: [0, 1], weights: [0.4, 0.6], coverage: 0.5, hashVersion: 2, hashAttribute: 'company', namespace: ['ns', 0, 0.5], name: 'Exp', meta: [{ key: 'c' }, { key: 't' }] }] },
      },
    });
    expect(result.datafile.flags[0]?.rules?.[0]).toEqual({
      id: 'x',
      key: 'exp',
      kind: 'experiment',
      experiment: { key: 'exp' },
      conditions: { mongo: { company: { $nin: [0, false] } } },
      serve: {
        rollout: {
          kind: 'experiment',
          bucketing: { hash: 'growthbook-v2', bucketBy: 'company', seed: 'exp', namespace: { id: 'ns', range: [0, 0.5] } },
          variations: [{ variation: '0', weight: 0.4 }, { variation: '1', weight: 0.6 }],
          coverage: 0.5,
        },
      },
      metadata: { growthbook: { name: 'Exp', meta: [{ key: 'c' }, { key: 't' }] } },
    });
  });

  it('warns about what it cannot keep: fallback attributes, sticky bucketing, single-variation experiments, bad weights, auto experiments', () => {
    const result = imported({
      experiments: [{ key: 'visual' }],
      features: {
        f: {
          defaultValue: 0,
          rules: [
            { id: 'a', variations: [1], key: 'one' },
            { id: 'b', variations: [1, 2], weights: [0.1, 0.1], fallbackAttribute: 'device', bucketVersion: 2 },
            { id: 'c', variations: [1, 2], hashVersion: 3 },
          ],
        },
      },
    });
    expect(result.warnings.map((w) => w.path)).toEqual([
      'experiments',
      'features.f.rules[0]',
      'features.f.rules[1].weights',
      'features.f.rules[1].fallbackAttribute',
      'features.f.rules[1].bucketVersion',
      'features.f.rules[2].hashVersion',
    ]);
    const rules = result.datafile.flags[0]?.rules as Rule[];
    expect(rules.map((r) => r.id)).toEqual(['b']);
    expect(rules[0]?.serve).toMatchObject({ rollout: { variations: [{ weight: 0.5 }, { weight: 0.5 }] } });
  });

  it('turns gating parent conditions into the rule gate, in GrowthBook\'s order, and imports a missing parent as serving null', () => {
    const result = imported({
      features: {
        child: { rules: [{ parentConditions: [{ id: 'p', condition: { value: 1 } }, { id: 'gone', condition: { value: null }, gate: true }], force: true }] },
        p: { defaultValue: 1 },
      },
    });
    const rule = result.datafile.flags[0]?.rules?.[0];
    expect(rule?.gate).toEqual({ or: [{ not: { and: [{ mongo: { value: 1 }, flag: 'p' }] } }, { mongo: { value: null }, flag: 'gone' }] });
    expect(rule?.conditions).toEqual({ mongo: { value: 1 }, flag: 'p' });
    expect(result.datafile.flags.map((f) => f.key)).toEqual(['child', 'p', 'gone']);
    expect(result.warnings.map((w) => w.path)).toEqual(['features.gone']);
  });

  it('keeps saved groups and odd keys as data', () => {
    const payload = JSON.parse('{"features":{"__proto__":{"defaultValue":1}},"savedGroups":{"__proto__":["a"],"staff":["b"]}}') as unknown;
    const result = imported(payload);
    expect(result.datafile.flags.map((f) => f.key)).toEqual(['__proto__']);
    expect(Object.keys(result.datafile.savedGroups ?? {})).toEqual(['__proto__', 'staff']);
    expect(({} as Record<string, unknown>)['staff']).toBeUndefined();
  });
});
