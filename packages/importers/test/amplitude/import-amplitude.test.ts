import { parseDatafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { importAmplitudeFlags } from '../../src/amplitude/index.js';

const END = 42_949_673;
const flag = {
  key: 'pricing',
  metadata: { deployed: true, evaluationMode: 'local', flagType: 'experiment', flagVersion: 4, experimentKey: 'exp-1' },
  variants: { off: { key: 'off', metadata: { default: true } }, a: { key: 'a', value: 'A', payload: { price: 9 } } },
  segments: [
    { metadata: { segmentName: 'Germany' }, conditions: [[{ selector: ['context', 'user', 'country'], op: 'is', values: ['Germany'] }]], variant: 'a' },
    { metadata: { segmentName: 'All Other Users' }, bucket: { selector: ['context', 'user', 'device_id'], salt: 'xyz', allocations: [{ range: [0, 50], distributions: [{ variant: 'a', range: [0, END] }] }] }, variant: 'off' },
  ],
};

describe('importAmplitudeFlags', () => {
  it('maps variants, segments, conditions and buckets to the native model', () => {
    const result = importAmplitudeFlags([flag], { revision: 'r7', environment: 'dev' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.datafile).toMatchObject({ revision: 'r7', environment: 'dev', semantics: 'amplitude' });
    expect(result.datafile.flags[0]).toEqual({
      key: 'pricing',
      on: true,
      metadata: { amplitude: flag.metadata },
      variations: [
        { key: 'off', value: null, metadata: { default: true } },
        { key: 'a', value: 'A', payload: { price: 9 } },
      ],
      rules: [
        { id: 'segment-0', key: 'Germany', metadata: { segmentName: 'Germany' }, conditions: { and: [{ attribute: '/country', op: 'in', values: ['Germany'] }] }, serve: { variation: 'a' } },
        {
          id: 'segment-1',
          key: 'All Other Users',
          metadata: { segmentName: 'All Other Users' },
          serve: { rollout: { bucketing: { hash: 'amplitude', bucketBy: '/device_id', salt: 'xyz' }, allocation: [0, 50], variations: [{ variation: 'a', weight: END, range: [0, END] }] } },
          // Outside the allocation, and without a device id: the segment's fallback variant.
          onMiss: { variation: 'off' },
        },
      ],
    });
    expect(parseDatafile(result.datafile).ok).toBe(true);
  });

  it('reads JSON text, a { flags } wrapper and a map keyed by flag key', () => {
    for (const input of [JSON.stringify([flag]), { flags: [flag] }, { pricing: flag }]) {
      const result = importAmplitudeFlags(input as never);
      expect(result.ok && result.datafile.flags.map((f) => f.key)).toEqual(['pricing']);
    }
  });

  it('escapes selector names into attribute references and reads groups as context kinds', () => {
    const f = { key: 'g', variants: { on: { key: 'on' } }, segments: [{ conditions: [[{ selector: ['context', 'groups', 'org', 'group_properties', 'a/b~c'], op: 'is', values: ['x'] }]], variant: 'on' }] };
    const result = importAmplitudeFlags([f]);
    expect(result.ok && result.datafile.flags[0]?.rules?.[0]?.conditions).toEqual({ and: [{ attribute: '/group_properties/a~1b~0c', contextKind: 'org', op: 'in', values: ['x'] }] });
  });

  it('keys a variant stored under another name by its own key (as Amplitude reports it), and warns about unknown operators', () => {
    const f = { key: 'w', variants: { on: { key: 'ON' } }, segments: [{ conditions: [[{ selector: ['context', 'user', 'x'], op: 'starts with', values: ['a'] }]], variant: 'on' }] };
    const result = importAmplitudeFlags([f]);
    expect(result.warnings.map((w) => w.path)).toEqual(['[0].segments[0].conditions[0][0].op']);
    expect(result.ok && result.datafile.flags[0]?.variations.map((v) => v.key)).toEqual(['ON']);
    expect(result.ok && result.datafile.flags[0]?.rules?.[0]).toMatchObject({ conditions: { and: [{ or: [] }] }, serve: { variation: 'ON' } });
  });

  it('keeps a variant\'s name, with a warning, when its own key is another variant\'s', () => {
    const f = { key: 'w', variants: { a: { key: 'b' }, b: { key: 'b' } }, segments: [{ variant: 'a' }] };
    const result = importAmplitudeFlags([f]);
    expect(result.warnings.map((w) => w.path)).toEqual(['[0].variants["a"].key']);
    expect(result.ok && result.datafile.flags[0]?.variations.map((v) => v.key)).toEqual(['a', 'b']);
  });

  it('keeps the declared dependencies for the Amplitude face', () => {
    const result = importAmplitudeFlags([{ key: 'h', variants: {}, segments: [] }, { key: 'f', dependencies: ['h'], variants: {}, segments: [] }]);
    expect(result.ok && result.datafile.flags[1]?.metadata).toEqual({ amplitudeFlag: { dependencies: ['h'] } });
    expect(result.ok && result.datafile.flags[0]).not.toHaveProperty('metadata');
  });

  it('answers an error result, never throws, for input that is not a list of flag configs', () => {
    for (const bad of [null, 3, 'nope', '"text"']) expect(importAmplitudeFlags(bad as never).ok).toBe(false);
    const hostile = [{ get key(): never { throw new Error('boom'); } }];
    expect(importAmplitudeFlags(hostile as never)).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });

  it('leaves out configs without a key, and keeps the first of a repeated key, with warnings', () => {
    const result = importAmplitudeFlags([{ variants: {} }, flag, { ...flag, segments: [] }] as never);
    expect(result.ok && result.datafile.flags.map((f) => f.key)).toEqual(['pricing']);
    expect(result.warnings.map((w) => w.path)).toEqual(['[0]', '[2].key']);
  });

  it('keeps __proto__ as a plain variant key and pollutes nothing', () => {
    const configs = JSON.parse('[{"key":"p","variants":{"__proto__":{"key":"__proto__","value":"x"}},"segments":[{"variant":"__proto__"}]}]') as unknown[];
    const result = importAmplitudeFlags(configs as never);
    expect(result.ok && result.datafile.flags[0]?.variations.map((v) => v.key)).toEqual(['__proto__']);
    expect(result.ok && result.datafile.flags[0]?.rules?.[0]?.serve).toEqual({ variation: '__proto__' });
    expect(({} as Record<string, unknown>)['value']).toBeUndefined();
  });
});
