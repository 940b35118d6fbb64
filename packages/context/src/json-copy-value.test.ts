import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT_LIMITS, copyJson, copyJsonValue } from './json-copy.js';

function nest(levels: number, leaf: unknown = 'bottom'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i += 1) value = { next: value };
  return value;
}

// What copyJson says, in copyJsonValue's terms: the copy, or undefined for an error.
function expected(value: unknown): unknown {
  const copy = copyJson(value);
  return copy.ok ? copy.value : undefined;
}

/**
 * A value's structure as arrays of tags, keys and values, prototypes named: `toStrictEqual` compares objects'
 * `constructor` properties, so two equal copies of `{ constructor: [] }` (an own array each) would differ.
 */
function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  const tag = proto === null ? 'null' : proto === Object.prototype ? 'object' : proto === Array.prototype ? 'array' : 'other';
  if (Array.isArray(value)) return [tag, value.length, Object.keys(value).map((k) => [k, shape((value as unknown[])[Number(k)])])];
  return [tag, Object.keys(value).map((k) => [k, shape((value as Record<string, unknown>)[k])])];
}

// Values that are JSON and values that are not (NaN, undefined in arrays, Dates, functions, BigInts...).
const anyValue = fc.anything({
  maxDepth: 4,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBigInt: true,
  key: fc.constantFrom('a', 'b', '__proto__', 'constructor', 'prototype', 'key'),
});

describe('copyJsonValue', () => {
  it('agrees with copyJson on any value, JSON or not', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, fc.func(fc.anything()), fc.constantFrom(Number.NaN, Infinity, -Infinity, undefined)), (value) => {
        expect(shape(copyJsonValue(value))).toStrictEqual(shape(expected(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with copyJson on an own `constructor` key (found by the property above)', () => {
    for (const value of [{ constructor: [] }, { constructor: { a: 1 } }, JSON.parse('{"constructor":[1,{"constructor":[]}]}')]) {
      expect(shape(copyJsonValue(value))).toStrictEqual(shape(expected(value)));
      expect(JSON.stringify(copyJsonValue(value))).toBe(JSON.stringify(value));
    }
  });

  it('returns new objects and arrays, never the input', () => {
    const input = { a: [1, { b: 'x' }], c: null };
    const copy = copyJsonValue(input) as typeof input;
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    expect(copy.a).not.toBe(input.a);
    expect(copy.a[1]).not.toBe(input.a[1]);
  });

  it('leaves out what is not JSON, as copyJson rejects it', () => {
    for (const bad of [Number.NaN, Infinity, () => 1, Symbol('s'), 1n, new Date(0), [undefined], { a: new Map() }]) {
      expect(copyJsonValue(bad)).toBeUndefined();
    }
    expect(copyJsonValue({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });

  it('gives undefined for a cycle and for 10 000 levels, without overflowing the stack', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    expect(copyJsonValue(cyclic)).toBeUndefined();
    expect(copyJsonValue(nest(10_000))).toBeUndefined();
    expect(copyJsonValue(nest(CONTEXT_LIMITS.maxDepth))).toEqual(nest(CONTEXT_LIMITS.maxDepth));
    expect(copyJsonValue(nest(CONTEXT_LIMITS.maxDepth + 1))).toBeUndefined();
  });

  it('gives undefined for a small object that expands into more than maxValues values', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 20; i += 1) value = [value, value]; // 2^21 values when expanded
    expect(copyJsonValue(value)).toBeUndefined();
  });

  it('gives undefined for getters and proxies that throw, and copies a getter value as data', () => {
    const throwing = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(copyJsonValue({ nested: throwing })).toBeUndefined();
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    expect(copyJsonValue({ p: proxy })).toBeUndefined();
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => 'computed' });
    expect(Object.getOwnPropertyDescriptor(copyJsonValue(getter), 'x')).toEqual({ value: 'computed', writable: true, enumerable: true, configurable: true });
  });

  it('copies __proto__ keys as plain own data, never as a prototype', () => {
    const copy = copyJsonValue(JSON.parse('{"__proto__":{"polluted":"yes"},"nested":{"__proto__":{"x":1}}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":"yes"},"nested":{"__proto__":{"x":1}}}');
  });

  it('copies a null-prototype object as a plain one', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const copy = copyJsonValue({ bare }) as { bare: object };
    expect(Object.getPrototypeOf(copy.bare)).toBe(Object.prototype);
    expect(copy.bare).toEqual({ a: 1 });
  });
});
