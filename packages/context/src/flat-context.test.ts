import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatContext } from './flat-context.js';
import { validateContext as checkContext, validateContextCopy as validateContext } from './validate-context.js';

const primitive = fc.oneof(fc.string(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
const attributeName = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('name', 'anonymous', '_meta', '__proto__', 'constructor'));

describe('validateContext, fast path against the full validation', () => {
  it('agrees with validateContext on flat single-kind contexts, whatever their attributes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('user', 'org', 'device'), fc.string({ maxLength: 6 })),
        fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
        fc.dictionary(attributeName, fc.oneof(primitive, fc.constant(undefined), fc.array(fc.integer(), { maxLength: 2 }))),
        (kind, key, attributes) => {
          const input = { ...attributes, kind, key };
          const fast = checkContext(input);
          const full = validateContext(input);
          expect(fast.ok).toBe(full.ok);
          if (fast.ok && full.ok) expect(fast.context).toEqual(full.context);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes legacy users and multi-kind contexts through validateContext', () => {
    expect(checkContext({ key: 'u', custom: { plan: 'pro' } })).toEqual(validateContext({ key: 'u', custom: { plan: 'pro' } }));
    const multi = { kind: 'multi', user: { key: 'u' }, org: { key: 'o' } };
    expect(checkContext(multi)).toEqual(validateContext(multi));
  });

  it('uses a flat valid context as it is, without copying it', () => {
    const input = { kind: 'user', key: 'user-42', plan: 'pro', seats: 3 };
    const checked = checkContext(input);
    expect(checked.ok && checked.context).toBe(input);
  });

  it('still walks own keys only when Object.prototype has an enumerable (polluted) property', () => {
    const input = { kind: 'user', key: 'user-42', plan: 'pro' };
    const proto = Object.prototype as Record<string, unknown>;
    proto['pollutedForTest'] = { nested: true };
    try {
      const checked = checkContext(input);
      expect(checked.ok && checked.context).toBe(input);
      expect(flatContext(input)).toBe(input);
    } finally {
      delete proto['pollutedForTest'];
    }
  });

  it('rejects what validateContext rejects', () => {
    for (const bad of [null, undefined, 'user', { kind: 'user' }, { kind: 'user', key: '' }, { kind: 'kind', key: 'k' }, { kind: 'user', key: 'k', _meta: 3 }]) {
      expect(checkContext(bad).ok).toBe(false);
    }
  });
});
