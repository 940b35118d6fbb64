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

  it('agrees with validateContext whatever the types of name, anonymous, _meta and the other attributes', () => {
    // Every value type the quick test and the full walk tell apart: non-finite numbers, null, undefined, objects.
    const anyValue = fc.oneof(primitive, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, undefined), fc.constant({ a: 1 }), fc.constant([1]));
    fc.assert(
      fc.property(
        fc.constantFrom('user', 'org'),
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.dictionary(fc.constantFrom('name', 'anonymous', '_meta', 'plan', 'age', 'beta', '__proto__'), anyValue),
        (kind, key, attributes) => {
          const input = { kind, key, ...attributes };
          const full = validateContext(input);
          const fast = flatContext(input);
          if (fast !== null) {
            expect(full.ok).toBe(true);
            if (full.ok) expect(fast).toEqual(full.context);
          }
          expect(checkContext(input).ok).toBe(full.ok);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('uses the common flat context as it is, and sends the rest to the full walk', () => {
    const common = { kind: 'user', key: 'k', country: 'US', plan: 'pro', email: 'e@x.test', appVersion: '4.2.0', age: 41, beta: true, nothing: null };
    expect(flatContext(common)).toBe(common);
    const named = { kind: 'user', key: 'k', name: 'Sam', anonymous: true };
    expect(flatContext(named)).toBe(named);
    for (const odd of [{ kind: 'user', key: 'k', age: Number.NaN }, { kind: 'user', key: 'k', age: Number.POSITIVE_INFINITY }, { kind: 'user', key: 'k', name: 42 }, { kind: 'user', key: 'k', anonymous: 'yes' }, { kind: 'user', key: 'k', name: null }, { kind: 'user', key: 'k', _meta: {} }, { kind: 'user', key: 'k', x: undefined }, { kind: 'user', key: 'k', x: { y: 1 } }]) {
      expect(flatContext(odd)).toBeNull();
    }
    const inherited = Object.create({ name: 42 }) as Record<string, unknown>;
    Object.assign(inherited, { kind: 'user', key: 'k' });
    expect(flatContext(inherited)).toBeNull();
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

  it('answers as the full walk does whatever a polluted Object.prototype lends (strings, objects, throwing getters)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const lent: Array<[string, PropertyDescriptor]> = [
      ['pollutedString', { value: 'x', enumerable: true, configurable: true, writable: true }],
      ['pollutedNaN', { value: Number.NaN, enumerable: true, configurable: true, writable: true }],
      ['pollutedFunction', { value: () => 1, enumerable: true, configurable: true, writable: true }],
      ['pollutedThrows', { get: () => { throw new Error('hostile'); }, enumerable: true, configurable: true }],
    ];
    for (const [name, descriptor] of lent) {
      const plain = { kind: 'user', key: 'user-42', plan: 'pro', age: 41 };
      const nested = { kind: 'user', key: 'user-42', plan: { tier: 'pro' } };
      const dated = { kind: 'user', key: 'user-42', since: new Date(0) };
      const badName = { kind: 'user', key: 'user-42', name: 7 };
      // Answered while polluted, checked after (the test runner itself walks objects with `for...in`).
      let answers: unknown[];
      Object.defineProperty(proto, name, descriptor);
      try {
        answers = [plain, nested, dated, badName].map((input) => flatContext(input));
      } finally {
        delete proto[name];
      }
      expect(answers).toEqual([plain, null, null, null]);
      expect(answers[0]).toBe(plain);
    }
  });

  it('sends functions, dates, NaN, nested objects and class instances to the full walk', () => {
    class User {
      kind = 'user';
      key = 'k';
    }
    for (const odd of [{ kind: 'user', key: 'k', f: () => 1 }, { kind: 'user', key: 'k', at: new Date(0) }, { kind: 'user', key: 'k', n: Number.NaN }, { kind: 'user', key: 'k', n: Number.NEGATIVE_INFINITY }, { kind: 'user', key: 'k', o: {} }, { kind: 'user', key: 'k', a: [] }, { kind: 'user', key: 'k', s: Symbol('s') }, { kind: 'user', key: 'k', b: 1n }, new User(), Object.assign(Object.create(null), { kind: 'user', key: 'k' }), { kind: 'multi', key: 'k' }, { kind: 'user', key: 'k', anonymous: null }]) {
      expect(flatContext(odd)).toBeNull();
    }
    const throwing = { kind: 'user', key: 'k' };
    Object.defineProperty(throwing, 'plan', { get: () => { throw new Error('hostile'); }, enumerable: true });
    expect(flatContext(throwing)).toBeNull();
  });

  it('rejects what validateContext rejects', () => {
    for (const bad of [null, undefined, 'user', { kind: 'user' }, { kind: 'user', key: '' }, { kind: 'kind', key: 'k' }, { kind: 'user', key: 'k', _meta: { privateAttributes: 3 } }]) {
      expect(checkContext(bad).ok).toBe(false);
    }
  });
});
