import { describe, expect, it } from 'vitest';
import { MAX_LITERALS, structuralType, valueType } from './json-type.js';

describe('valueType', () => {
  it('keeps few scalar values as a union of literals, and true with false as boolean', () => {
    expect(valueType([false, 'control', 'treatment'])).toBe('false | "control" | "treatment"');
    expect(valueType([true, false])).toBe('boolean');
    expect(valueType([1, 2, 2, null])).toBe('1 | 2 | null');
  });

  it('widens scalars past MAX_LITERALS distinct values', () => {
    const many = Array.from({ length: MAX_LITERALS + 1 }, (_, i) => `v${i}`);
    expect(valueType(many)).toBe('string');
    expect(valueType([...Array.from({ length: MAX_LITERALS + 1 }, (_, i) => i), 'x'])).toBe('number | string');
  });

  it('gives objects and arrays their structure, next to literal scalars', () => {
    expect(valueType(['bm25', { model: 'learned', boost: 1.5 }])).toBe('"bm25" | { model: string; boost: number }');
    expect(valueType([[1, 'a'], []])).toBe('(number | string)[] | JsonValue[]');
  });
});

describe('structuralType', () => {
  it('quotes keys that are not identifiers and types empty objects as JSON maps', () => {
    expect(structuralType({ 'max-items': 3, ok: true, nested: {} })).toBe('{ "max-items": number; ok: boolean; nested: { [key: string]: JsonValue } }');
  });

  it('stops at JsonValue past six levels of nesting', () => {
    expect(structuralType({ a: { b: { c: { d: { e: { f: { g: 1 } } } } } } })).toBe('{ a: { b: { c: { d: { e: { f: JsonValue } } } } } }');
  });
});
