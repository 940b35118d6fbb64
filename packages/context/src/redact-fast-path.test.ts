// The fast path of redaction (flat JSON, no `_meta`, no private reference that applies) and the cache of
// per-context private lists: same results as the general path, new objects, no shortcuts around privacy.
import { describe, expect, it } from 'vitest';
import { createContextRedactor, redactContext } from './redact-context.js';
import type { Context } from './types.js';

describe('redaction of a flat context (the fast path)', () => {
  it('returns a new object equal to the context', () => {
    const context: Context = { kind: 'user', key: 'user-42', country: 'US', plan: 'pro', age: 42, beta: true, note: null };
    const out = createContextRedactor().redact(context);
    expect(out).toEqual(context);
    expect(out).not.toBe(context);
    out['plan'] = 'changed';
    expect(context['plan']).toBe('pro');
  });

  it('deep-copies object and array attributes', () => {
    const context: Context = { kind: 'user', key: 'u', address: { city: 'Springfield' }, tags: ['a', ['b']] };
    const out = redactContext(context);
    expect(out).toEqual(context);
    expect(out['address']).not.toBe(context['address']);
    expect(out['tags']).not.toBe(context['tags']);
  });

  it('leaves out values that are not JSON, as the general path does', () => {
    const context = { kind: 'user', key: 'u', nan: Number.NaN, inf: Infinity, gone: undefined, fn: () => 1, date: new Date(0), nested: { bad: Number.NaN }, ok: 1 } as Context;
    expect(redactContext(context)).toEqual({ kind: 'user', key: 'u', ok: 1 });
    // the same context through the general path (a private attribute that applies) leaves out the same values
    expect(redactContext(context, { privateAttributes: ['ok'] })).toEqual({ kind: 'user', key: 'u', _meta: { redactedAttributes: ['ok'] } });
  });

  it('applies a global reference only when the context has the attribute', () => {
    const redactor = createContextRedactor({ privateAttributes: ['email', '/address/street'] });
    expect(redactor.redact({ kind: 'user', key: 'u', plan: 'pro' })).toEqual({ kind: 'user', key: 'u', plan: 'pro' });
    expect(redactor.redact({ kind: 'user', key: 'u', email: 'e@x', plan: 'pro' })).toEqual({ kind: 'user', key: 'u', plan: 'pro', _meta: { redactedAttributes: ['email'] } });
    expect(redactor.redact({ kind: 'user', key: 'u', address: { street: 'Main St', city: 'X' } })).toEqual({
      kind: 'user',
      key: 'u',
      address: { city: 'X' },
      _meta: { redactedAttributes: ['/address/street'] },
    });
  });

  it('keeps a __proto__ attribute as plain own data', () => {
    const context = JSON.parse('{"kind":"user","key":"u","__proto__":{"polluted":"yes"}}') as Context;
    const out = redactContext(context);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never copies an enumerable property of a polluted Object.prototype into the output', () => {
    Object.defineProperty(Object.prototype, 'injected', { value: { secret: 'SECRET' }, enumerable: true, configurable: true, writable: true });
    try {
      const out = redactContext({ kind: 'user', key: 'u', plan: 'pro' });
      expect(Object.prototype.hasOwnProperty.call(out, 'injected')).toBe(false);
      expect(JSON.stringify(out)).toBe('{"kind":"user","key":"u","plan":"pro"}');
    } finally {
      delete (Object.prototype as Record<string, unknown>)['injected'];
    }
  });
});

describe('per-context private attributes', () => {
  it('redacts each context by its own list, even when lists change from one context to the next', () => {
    const redactor = createContextRedactor();
    for (let i = 0; i < 600; i += 1) {
      // more distinct lists than the cache holds, each used twice, alternating
      for (const name of [`a${i}`, 'b']) {
        const context = { kind: 'user', key: 'u', [`a${i}`]: 'secret-a', b: 'secret-b', c: 'public', _meta: { privateAttributes: [name] } } as Context;
        const out = redactor.redact(context);
        expect(out['_meta']).toEqual({ redactedAttributes: [name] });
        expect(out['c']).toBe('public');
        expect(out[name]).toBeUndefined();
      }
    }
  });

  it('tells apart lists that would join into the same text', () => {
    const a = redactContext({ kind: 'user', key: 'u', x: 1, y: 2, 'x\u0000y': 3, _meta: { privateAttributes: ['x', 'y'] } } as Context);
    const b = redactContext({ kind: 'user', key: 'u', x: 1, y: 2, 'x\u0000y': 3, _meta: { privateAttributes: ['x\u0000y'] } } as Context);
    expect(a).toEqual({ kind: 'user', key: 'u', 'x\u0000y': 3, _meta: { redactedAttributes: ['x', 'y'] } });
    expect(b).toEqual({ kind: 'user', key: 'u', x: 1, y: 2, _meta: { redactedAttributes: ['x\u0000y'] } });
  });

  it('ignores entries of a list that are not strings, and keeps the others', () => {
    const context = { kind: 'user', key: 'u', a: 1, b: 2, _meta: { privateAttributes: [7, 'b', null] } } as unknown as Context;
    expect(redactContext(context)).toEqual({ kind: 'user', key: 'u', a: 1, _meta: { redactedAttributes: ['b'] } });
  });

  it('reads the list at each call: a list changed between calls takes effect', () => {
    const redactor = createContextRedactor();
    const meta = { privateAttributes: ['email'] };
    const context = { kind: 'user', key: 'u', email: 'e', plan: 'p', _meta: meta } as Context;
    expect(redactor.redact(context)).toEqual({ kind: 'user', key: 'u', plan: 'p', _meta: { redactedAttributes: ['email'] } });
    meta.privateAttributes = ['plan'];
    expect(redactor.redact(context)).toEqual({ kind: 'user', key: 'u', email: 'e', _meta: { redactedAttributes: ['plan'] } });
  });
});
