import { describe, expect, it } from 'vitest';
import { CONTEXT_LIMITS, copyJson } from './json-copy.js';

function nest(levels: number, leaf: unknown = 'bottom'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i += 1) value = { next: value };
  return value;
}

function errorOf(value: unknown): string {
  const copy = copyJson(value);
  if (copy.ok) throw new Error('expected an error');
  return copy.error;
}

describe('copyJson', () => {
  it('copies JSON into new objects and arrays, keeping key order', () => {
    const input = { b: 1, a: [true, null, 'x', { c: -2.5 }], d: { e: {} } };
    const copy = copyJson(input);
    expect(copy).toEqual({ ok: true, value: input });
    if (!copy.ok) return;
    expect(copy.value).not.toBe(input);
    expect(Object.keys(copy.value as object)).toEqual(['b', 'a', 'd']);
    expect((copy.value as { a: unknown[] }).a).not.toBe(input.a);
  });

  it('leaves out properties holding undefined, as JSON.stringify does', () => {
    expect(copyJson({ a: undefined, b: 1 })).toEqual({ ok: true, value: { b: 1 } });
  });

  it.each([
    [{ f: () => 1 }, '"/f": functions are not JSON values'],
    [{ s: Symbol('x') }, '"/s": symbols are not JSON values'],
    [{ n: 10n }, '"/n": BigInt values are not JSON'],
    [{ n: Number.NaN }, '"/n": NaN is not a JSON number'],
    [{ list: [1, Number.POSITIVE_INFINITY] }, '"/list/1": Infinity is not a JSON number'],
    [{ list: [1, undefined] }, '"/list/1": undefined is not a JSON value'],
    [{ when: new Date(0) }, '"/when": [object Date] is not a plain JSON object'],
    [{ m: new Map() }, '"/m": [object Map] is not a plain JSON object'],
    [{ 'a/b': { c: () => 1 } }, '"/a~1b/c": functions'],
  ])('rejects %o with a message naming the path', (input, message) => {
    expect(errorOf(input)).toContain(message);
  });

  it('rejects a sparse array hole', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(errorOf({ list: [1, , 3] })).toContain('"/list/1": undefined');
  });

  it('accepts objects without a prototype and copies them as plain objects', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['a'] = 1;
    const copy = copyJson({ bare });
    expect(copy).toEqual({ ok: true, value: { bare: { a: 1 } } });
  });

  it('rejects a cycle with a clear error instead of looping', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = { back: a };
    expect(errorOf(a)).toBe('"/self/back": the value contains itself (a cycle)');
    const list: unknown[] = [];
    list.push(list);
    expect(errorOf({ list })).toContain('a cycle');
  });

  it('accepts the same object twice in different branches', () => {
    const shared = { x: 1 };
    expect(copyJson({ a: shared, b: [shared] })).toEqual({ ok: true, value: { a: { x: 1 }, b: [{ x: 1 }] } });
  });

  it('rejects 10 000 nested objects with a depth error, not a stack overflow', () => {
    expect(errorOf(nest(10_000))).toContain(`nested more than ${CONTEXT_LIMITS.maxDepth} levels deep`);
    let list: unknown = [];
    for (let i = 0; i < 10_000; i += 1) list = [list];
    expect(errorOf(list)).toContain('levels deep');
  });

  it('accepts exactly maxDepth nested objects and rejects one more', () => {
    expect(copyJson(nest(CONTEXT_LIMITS.maxDepth)).ok).toBe(true);
    expect(copyJson(nest(CONTEXT_LIMITS.maxDepth + 1)).ok).toBe(false);
  });

  it('stops a small object that expands into too many values', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 40; i += 1) value = { left: value, right: value }; // 2^40 leaves if expanded
    expect(errorOf(value)).toBe(`the context holds more than ${CONTEXT_LIMITS.maxValues} values`);
    expect(errorOf({ big: new Array(10_000_000) })).toContain('more than');
  });

  it('reports a getter that throws', () => {
    const input = {
      get secret(): string {
        throw new Error('nope');
      },
    };
    expect(errorOf(input)).toBe('"/secret": reading it threw (nope)');
  });

  it('copies a getter value as data', () => {
    const input = {
      get computed(): number {
        return 7;
      },
    };
    const copy = copyJson(input);
    expect(copy.ok && Object.getOwnPropertyDescriptor(copy.value, 'computed')).toMatchObject({ value: 7 });
  });

  it('reports proxies whose traps throw, and revoked proxies', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(errorOf({ hostile })).toContain('"/hostile": inspecting it threw (trap)');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(copyJson({ proxy }).ok).toBe(false);
  });

  it('copies __proto__, constructor and prototype keys as plain data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown;
    const copy = copyJson(input);
    expect(copy.ok).toBe(true);
    if (!copy.ok) return;
    const value = copy.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
