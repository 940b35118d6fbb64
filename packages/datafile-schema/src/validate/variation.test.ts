import { describe, expect, it } from 'vitest';
import { datafile, errorsOf, flag } from '../fixtures.test-helpers.js';
import { fitsType } from './variation.js';

const variables = [
  { key: 'count', type: 'integer', default: 1 },
  { key: 'ratio', type: 'double', default: 0.5 },
  { key: 'label', type: 'string', default: 'a' },
  { key: 'shown', type: 'boolean', default: true },
  { key: 'config', type: 'json', default: { a: [1] } },
];

function withOverrides(overrides: Record<string, unknown>, defs: unknown[] = variables) {
  return datafile([
    flag('f', {
      variables: defs,
      variations: [
        { key: 'off', value: false, variables: overrides },
        { key: 'on', value: true },
      ],
    }),
  ]);
}

describe('variables', () => {
  it('accept overrides that fit their declared types', () => {
    expect(errorsOf(withOverrides({ count: 7, ratio: 3, label: 'b', shown: false, config: null }))).toEqual([]);
  });

  it('reject overrides of the wrong type, naming the type', () => {
    const p = 'flags[0].variations[0].variables';
    expect(errorsOf(withOverrides({ count: 1.5, ratio: '0.5', label: 5, shown: 'true' }))).toEqual([
      { path: `${p}.count`, message: 'must be a integer, got number' },
      { path: `${p}.ratio`, message: 'must be a double, got string' },
      { path: `${p}.label`, message: 'must be a string, got number' },
      { path: `${p}.shown`, message: 'must be a boolean, got string' },
    ]);
  });

  it('reject an override of a variable the flag does not declare', () => {
    expect(errorsOf(withOverrides({ colour: 'red' }))).toEqual([
      { path: 'flags[0].variations[0].variables.colour', message: 'unknown variable "colour" (not declared in the flag\'s variables)' },
    ]);
  });

  it('reject a default of the wrong type, an unknown type and a repeated key', () => {
    const defs = [
      { key: 'count', type: 'integer', default: 'many' },
      { key: 'size', type: 'float', default: 1 },
      { key: 'count', type: 'string', default: 'x' },
    ];
    expect(errorsOf(withOverrides({}, defs))).toEqual([
      { path: 'flags[0].variables[0].default', message: 'must be a integer, got string' },
      { path: 'flags[0].variables[1].type', message: 'must be one of "boolean", "integer", "double", "string", "json", got "float"' },
      { path: 'flags[0].variables[2].key', message: 'duplicate variable key "count"' },
    ]);
  });

  it('treat integers as safe integers and doubles as finite numbers', () => {
    expect(fitsType(2 ** 53, 'integer')).toBe(false);
    expect(fitsType(2 ** 53 - 1, 'integer')).toBe(true);
    expect(fitsType(1.5, 'double')).toBe(true);
    expect(fitsType('1.5', 'double')).toBe(false);
  });
});

describe('variations', () => {
  it('need a key and a value (null for none)', () => {
    const d = datafile([flag('f', { variations: [{ value: 1 }, { key: 'on' }, { key: 'off', value: null }], fallthrough: { variation: 'on' } })]);
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].variations[0].key', message: 'is required' },
      { path: 'flags[0].variations[1].value', message: 'is required (any JSON value; null for none)' },
    ]);
  });
});
