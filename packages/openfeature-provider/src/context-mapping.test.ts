import { describe, expect, it } from 'vitest';
import { toEnsignContext } from './context-mapping.js';

describe('toEnsignContext', () => {
  it('maps targetingKey to the key of a user context and keeps the other attributes', () => {
    expect(toEnsignContext({ targetingKey: 'user-42', plan: 'pro', age: 31, beta: true })).toEqual({
      ok: true,
      context: { kind: 'user', key: 'user-42', plan: 'pro', age: 31, beta: true },
    });
  });

  it('uses kind for a single context of another kind, and key when there is no targetingKey', () => {
    expect(toEnsignContext({ kind: 'organization', key: 'org-1', tier: 'gold' })).toEqual({ ok: true, context: { kind: 'organization', key: 'org-1', tier: 'gold' } });
  });

  it('turns dates into ISO strings, nested too', () => {
    const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(toEnsignContext({ targetingKey: 'u', signedUp: when, history: { first: when } })).toEqual({
      ok: true,
      context: { kind: 'user', key: 'u', signedUp: '2026-01-02T03:04:05.000Z', history: { first: '2026-01-02T03:04:05.000Z' } },
    });
  });

  it('maps privateAttributes to _meta.privateAttributes', () => {
    expect(toEnsignContext({ targetingKey: 'u', email: 'a@b.c', privateAttributes: ['email'] })).toEqual({
      ok: true,
      context: { kind: 'user', key: 'u', email: 'a@b.c', _meta: { privateAttributes: ['email'] } },
    });
  });

  it('builds a multi-kind context from one object per kind, each with its own targetingKey', () => {
    expect(toEnsignContext({ kind: 'multi', user: { targetingKey: 'u1', name: 'Ann' }, org: { targetingKey: 'o1' } })).toEqual({
      ok: true,
      context: { kind: 'multi', user: { key: 'u1', name: 'Ann' }, org: { key: 'o1' } },
    });
  });

  it('answers TARGETING_KEY_MISSING without a key, for a single context or any kind of a multi-kind one', () => {
    expect(toEnsignContext({ plan: 'pro' })).toMatchObject({ ok: false, errorCode: 'TARGETING_KEY_MISSING' });
    expect(toEnsignContext(undefined)).toMatchObject({ ok: false, errorCode: 'TARGETING_KEY_MISSING' });
    expect(toEnsignContext({ targetingKey: '' })).toMatchObject({ ok: false, errorCode: 'TARGETING_KEY_MISSING' });
    expect(toEnsignContext({ kind: 'multi', user: { targetingKey: 'u' }, org: { tier: 'gold' } })).toMatchObject({ ok: false, errorCode: 'TARGETING_KEY_MISSING' });
  });

  it('answers INVALID_CONTEXT for a multi-kind context without kinds', () => {
    expect(toEnsignContext({ kind: 'multi' })).toMatchObject({ ok: false, errorCode: 'INVALID_CONTEXT' });
  });

  it('keeps __proto__ as an ordinary attribute name: nothing is polluted', () => {
    const input = JSON.parse('{"targetingKey":"u","__proto__":{"polluted":true},"nested":{"__proto__":{"polluted":true}}}');
    const mapped = toEnsignContext(input);
    expect(mapped.ok).toBe(true);
    const context = (mapped as { context: Record<string, unknown> }).context;
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(context)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((context['nested'] as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
