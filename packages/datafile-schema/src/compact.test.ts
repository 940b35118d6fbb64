import { describe, expect, it } from 'vitest';
import { compactDatafile } from './compact.js';
import { datafile, flag, quarantinedOf, warningsOf } from './fixtures.test-helpers.js';
import { parseDatafile } from './parse-datafile.js';
import { generateDatafile } from './testing/generate-datafile.js';
import type { Datafile } from './types.js';
import type { DatafileResult } from './validate-datafile.js';

function loaded(input: unknown): Extract<DatafileResult, { ok: true }> {
  const result = parseDatafile(typeof input === 'string' ? input : JSON.stringify(input));
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.issues)}`);
  return result;
}

const TEMPLATE = {
  on: true,
  variations: [
    { key: 'off', value: false },
    { key: 'on', value: true },
  ],
  offVariation: 'off',
  fallthrough: { variation: 'on' },
};

function templated(flags: unknown[], templates: Record<string, unknown> = { bool: TEMPLATE }): Record<string, unknown> {
  return { ...datafile([]), flagTemplates: templates, flags };
}

describe('compactDatafile and parseDatafile round trip', () => {
  for (const [name, d] of [
    ['the benchmark shape', generateDatafile({ flags: 200 })],
    ['every construct of the format', generateDatafile({ flags: 60, seed: 3, variety: true })],
  ] as const) {
    it(`loads the same flags, quarantine and warnings from the compact text (${name})`, () => {
      const plain = parseDatafile(JSON.stringify(d));
      const compact = parseDatafile(JSON.stringify(compactDatafile(d)));
      expect(compact).toEqual(plain);
    });
  }

  it('shares the fields of identical flags in one template, and the text shrinks', () => {
    const d = generateDatafile({ flags: 100 });
    const compact = compactDatafile(d);
    expect(Object.keys(compact.flagTemplates ?? {})).toEqual(['t1']);
    expect(compact.flags[3]).toEqual({ key: 'flag-3', template: 't1' });
    expect(JSON.stringify(compact).length * 5).toBeLessThan(JSON.stringify(d).length);
  });

  it('leaves a flag that shares with fewer than minShared flags written out', () => {
    const d = datafile([flag('a'), flag('b'), flag('c', { on: false })]);
    const compact = compactDatafile(d, { minShared: 2 });
    expect(compact.flags.map((f) => ('template' in f ? f.template : null))).toEqual(['t1', 't1', null]);
    expect(compactDatafile(d, { minShared: 3 }).flagTemplates).toBeUndefined();
  });
});

describe('flag templates', () => {
  it('gives a flag every template field it does not set; its own fields win', () => {
    const result = loaded(templated([{ key: 'a', template: 'bool' }, { key: 'b', template: 'bool', on: false, name: 'B' }]));
    expect(result.datafile.flags).toEqual([
      { key: 'a', ...TEMPLATE },
      { key: 'b', ...TEMPLATE, on: false, name: 'B' },
    ]);
    expect(result.datafile).not.toHaveProperty('flagTemplates');
    expect(result.warnings).toEqual([]);
  });

  it('quarantines a flag naming an unknown template, at its template field, and loads the others', () => {
    const result = loaded(templated([{ key: 'a', template: 'bool' }, { key: 'b', template: 'gone' }]));
    expect(result.datafile.flags.map((f) => f.key)).toEqual(['a']);
    expect(result.quarantined[0]).toMatchObject({ kind: 'flag', key: 'b', path: 'flags[1].template', message: 'unknown template "gone" (not in "flagTemplates")' });
  });

  it('quarantines every flag of a template that sets "key" or is not an object', () => {
    const input = templated([{ key: 'a', template: 'keyed' }, { key: 'b', template: 'list' }, { key: 'c', template: 'bool' }], {
      keyed: { ...TEMPLATE, key: 'x' },
      list: [],
      bool: TEMPLATE,
    });
    expect(quarantinedOf(input)).toEqual(['flag a @ flags[0].template', 'flag b @ flags[1].template']);
  });

  it('quarantines every flag of a broken template, each at its own path, as if written out', () => {
    const input = templated([{ key: 'a', template: 'bad' }, { key: 'b', template: 'bad' }, { key: 'c', template: 'bool' }], {
      bad: { ...TEMPLATE, offVariation: 'gone' },
      bool: TEMPLATE,
    });
    expect(quarantinedOf(input)).toEqual(['flag a @ flags[0].offVariation', 'flag b @ flags[1].offVariation']);
  });

  it('checks the own fields of every flag of a clean template', () => {
    const input = templated([{ key: 'a', template: 'bool' }, { key: 'b', template: 'bool', tags: [1] }, { key: '', template: 'bool' }]);
    expect(quarantinedOf(input)).toEqual(['flag b @ flags[1].tags[0]', 'flag  @ flags[2].key']);
  });

  it('checks a flag that overrides a template field whole: a rule naming a missing variation quarantines that flag only', () => {
    const rules = [{ id: 'r', serve: { variation: 'gone' } }];
    const input = templated([{ key: 'a', template: 'bool' }, { key: 'b', template: 'bool', rules }, { key: 'c', template: 'bool' }]);
    expect(quarantinedOf(input)).toEqual(['flag b @ flags[1].rules[0].serve.variation']);
  });

  it('warns for each flag of a template with a warning, as if written out', () => {
    const input = templated([{ key: 'a', template: 'odd' }, { key: 'b', template: 'odd' }], { odd: { ...TEMPLATE, owner: 'me' } });
    expect(warningsOf(input).map((w) => w.path)).toEqual(['flags[0].owner', 'flags[1].owner']);
  });

  it('finds a prerequisite cycle through templated flags', () => {
    const input = templated([
      { key: 'a', template: 'needsB' },
      { key: 'b', template: 'needsA' },
    ], {
      needsA: { ...TEMPLATE, prerequisites: [{ flagKey: 'a', variation: 'on' }] },
      needsB: { ...TEMPLATE, prerequisites: [{ flagKey: 'b', variation: 'on' }] },
    });
    expect(quarantinedOf(input)).toEqual(['flag a @ flags[0].prerequisites[0].flagKey', 'flag b @ flags[1].prerequisites[0].flagKey']);
  });

  it('rejects the document when flagTemplates is not an object', () => {
    const result = parseDatafile(JSON.stringify(templated([], [] as unknown as Record<string, unknown>)));
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'flagTemplates', message: 'must be an object of templates by name, got array' }] });
  });

  it('keeps a "__proto__" field of a template or a flag as data', () => {
    const text = JSON.stringify(templated([{ key: 'a', template: 'bool' }])).replace('"on":true', '"__proto__":{"polluted":true},"on":true');
    const result = loaded(text);
    const f = result.datafile.flags[0] as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('expands flags of one template that set different own fields, in any order, each to its own fields then the template\'s', () => {
    const result = loaded(
      templated([
        { key: 'a', template: 'bool' },
        { template: 'bool', name: 'B', key: 'b' },
        { key: 'c', template: 'bool', version: 3, on: false },
        { key: 'd', template: 'bool' },
        { name: 'E', template: 'bool', key: 'e' },
      ]),
    );
    const flags = result.datafile.flags as unknown as Record<string, unknown>[];
    expect(flags.map((f) => Object.keys(f))).toEqual([
      ['key', ...Object.keys(TEMPLATE)],
      ['name', 'key', ...Object.keys(TEMPLATE)],
      ['key', 'version', 'on', ...Object.keys(TEMPLATE).filter((k) => k !== 'on')],
      ['key', ...Object.keys(TEMPLATE)],
      ['name', 'key', ...Object.keys(TEMPLATE)],
    ]);
    expect(flags).toEqual([
      { key: 'a', ...TEMPLATE },
      { ...TEMPLATE, name: 'B', key: 'b' },
      { ...TEMPLATE, key: 'c', version: 3, on: false },
      { key: 'd', ...TEMPLATE },
      { ...TEMPLATE, name: 'E', key: 'e' },
    ]);
    expect(new Set(flags).size).toBe(5);
  });

  it('keeps a flag\'s own "__proto__" field as data, beside a template that has none', () => {
    const text = JSON.stringify(templated([{ key: 'a', template: 'bool' }, { key: 'b', template: 'bool' }])).replace('{"key":"b",', '{"key":"b","__proto__":{"polluted":true},');
    const result = parseDatafile(text);
    const flags = (result.ok ? result.datafile.flags : []) as unknown as Record<string, unknown>[];
    expect(Object.getPrototypeOf(flags[1])).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(flags[1], '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(flags[0], '__proto__')).toBe(false);
  });

  it('a datafile without templates loads as the same object', () => {
    const d: Datafile = datafile([flag('a')]);
    const result = parseDatafile(d);
    expect(result.ok && result.datafile).toBe(d);
  });
});
