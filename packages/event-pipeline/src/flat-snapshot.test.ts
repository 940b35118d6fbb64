import { createContextRedactor } from '@ensign/context';
import type { Context } from '@ensign/context';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotFlatContext, snapshotSize } from './flat-snapshot.js';
import { estimateJsonBytes } from './json-size.js';

const redactor = createContextRedactor({});
const define = (o: Record<string, unknown>, name: string, value: unknown) =>
  Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });

const NAMES = ['a', 'b', 'email', 'anonymous', '__proto__', 'constructor', 'a/b', '~x', '/lit', '_meta', 'age'];
const value = fc.oneof(
  { weight: 10, arbitrary: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, Number.NaN, Infinity, () => 1, { city: 'Oslo' }, ['x'], 10n) },
);
const context: fc.Arbitrary<Context> = fc
  .tuple(fc.constantFrom('user', 'org', 'multi'), fc.string({ maxLength: 5 }), fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 6 }))
  .map(([kind, key, attributes]) => {
    const o: Record<string, unknown> = { kind, key };
    for (const [n, v] of attributes) define(o, n, v);
    if (kind === 'multi') define(o, 'user', { key });
    return o as Context;
  });

describe('snapshotFlatContext', () => {
  it('returns what the redactor returns when nothing is private, with the size estimateJsonBytes gives it', () => {
    fc.assert(
      fc.property(context, (ctx) => {
        const snapshot = snapshotFlatContext(ctx);
        if (snapshot === null) return;
        const redacted = redactor.redact(ctx);
        expect(Object.keys(snapshot)).toEqual(Object.keys(redacted));
        expect(JSON.stringify(snapshot)).toBe(JSON.stringify(redacted));
        expect(snapshotSize).toBe(estimateJsonBytes(redacted, Infinity));
      }),
      { numRuns: 500 },
    );
  });

  it('takes a flat context of primitives and copies it', () => {
    const ctx = { kind: 'user', key: 'u-1', plan: 'pro', age: 42, beta: true, nothing: null };
    const snapshot = snapshotFlatContext(ctx);
    expect(snapshot).toEqual(ctx);
    expect(snapshot).not.toBe(ctx);
    ctx.plan = 'free';
    expect(snapshot?.['plan']).toBe('pro');
  });

  it('leaves to the redactor a multi-kind context, `_meta`, nested values and values JSON cannot carry', () => {
    expect(snapshotFlatContext({ kind: 'multi', user: { key: 'u' } } as Context)).toBeNull();
    expect(snapshotFlatContext({ kind: 'user', key: 'u', _meta: { privateAttributes: ['plan'] }, plan: 'p' } as Context)).toBeNull();
    expect(snapshotFlatContext({ kind: 'user', key: 'u', address: { city: 'Oslo' } } as Context)).toBeNull();
    expect(snapshotFlatContext({ kind: 'user', key: 'u', tags: ['a'] } as Context)).toBeNull();
    expect(snapshotFlatContext({ kind: 'user', key: 'u', score: Number.NaN } as Context)).toBeNull();
    expect(snapshotFlatContext({ kind: 'user', key: 'u', later: undefined } as Context)).toBeNull();
  });

  it('keeps a `__proto__` attribute as data', () => {
    const ctx: Record<string, unknown> = { kind: 'user', key: 'u' };
    define(ctx, '__proto__', 'x');
    const snapshot = snapshotFlatContext(ctx as Context) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(snapshot, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
  });
});
