import { describe, expect, it } from 'vitest';
import { castVariable, compileDefaults, compileVariationVariables, freezeJson } from './compile-variables.js';

describe('variables', () => {
  it('casts values to their declared type as Optimizely does, null when they do not cast', () => {
    expect(castVariable('true', 'boolean')).toBe(true);
    expect(castVariable('yes', 'boolean')).toBeNull();
    expect(castVariable('42', 'integer')).toBe(42);
    expect(castVariable('4.7', 'integer')).toBe(4);
    expect(castVariable(4.7, 'integer')).toBe(4);
    expect(castVariable('x', 'integer')).toBeNull();
    expect(castVariable('2.5', 'double')).toBe(2.5);
    expect(castVariable(7, 'string')).toBe('7');
    expect(castVariable('{"a":1}', 'json')).toEqual({ a: 1 });
    expect(castVariable('{bad', 'json')).toBeNull();
  });

  it('overrides the defaults with the variation values, and keeps undeclared keys as written', () => {
    const defs = [
      { key: 'n', type: 'integer' as const, default: '1' },
      { key: 's', type: 'string' as const, default: 'x' },
    ];
    const defaults = compileDefaults(defs);
    expect(defaults).toEqual({ n: 1, s: 'x' });
    expect(compileVariationVariables(defs, defaults, { key: 'v', value: 1, variables: { n: '5', extra: true } })).toEqual({ n: 5, s: 'x', extra: true });
  });

  it('freezes values deeply and keeps __proto__ as a plain key', () => {
    const v = freezeJson(JSON.parse('{"__proto__": {"a": [1]}}')) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.isFrozen((v['__proto__'] as { a: unknown[] }).a)).toBe(true);
  });
});
