import { optimizelyUserToContext } from '@ensign/context';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientCore } from '../../core/client-core.js';
import { UserState } from './user-state.js';

/** The part of the core a user state touches: the rate-limited logger. */
function quietCore(): ClientCore {
  return { limited: { log: () => undefined } } as unknown as ClientCore;
}

const attributeName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.constantFrom('kind', 'key', '_meta', 'name', 'anonymous', '__proto__', 'constructor', '0', '12'),
);
const attributeValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.array(fc.integer(), { maxLength: 2 }),
);

/** The same user built the other way: empty, then one `setAttribute` per attribute (the lazily validated path). */
function builtBySetAttribute(id: string, attributes: Record<string, unknown>): UserState {
  const state = new UserState(quietCore(), id, {});
  for (const name of Object.keys(attributes)) state.setAttribute(name, attributes[name]);
  return state;
}

describe('UserState', () => {
  it('builds the same context at construction as the validated path does, for any attributes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.dictionary(attributeName, attributeValue, { maxKeys: 6 }), (id, attributes) => {
        const eager = new UserState(quietCore(), id, attributes).context();
        const lazy = builtBySetAttribute(id, attributes).context();
        expect(eager).toEqual(lazy);
        if (eager.ok && lazy.ok) expect(Object.keys(eager.context)).toEqual(Object.keys(lazy.context));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the context of optimizelyUserToContext, in its key order, for primitive attributes', () => {
    const attributes = { plan: 'pro', 2: 'two', kind: 'ignored', seats: 3, key: 'ignored', beta: true };
    const checked = new UserState(quietCore(), 'user-42', attributes).context();
    const expected = optimizelyUserToContext('user-42', attributes);
    expect(checked.ok && checked.context).toEqual(expected);
    expect(checked.ok && Object.keys(checked.context)).toEqual(Object.keys(expected));
  });

  it('copies the attributes, so later changes to the caller object do not leak in', () => {
    const attributes: Record<string, unknown> = { country: 'US' };
    const state = new UserState(quietCore(), 'user-1', attributes);
    attributes['country'] = 'FR';
    expect(state.attributes()).toEqual({ country: 'US' });
    const checked = state.context();
    expect(checked.ok && checked.context).toEqual({ kind: 'user', key: 'user-1', country: 'US' });
  });

  it('leaves out inherited attributes, also when Object.prototype has an enumerable property', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['pollutedForTest'] = 'x';
    try {
      const state = new UserState(quietCore(), 'user-1', { country: 'US' });
      expect(Object.keys(state.attributes())).toEqual(['country']);
      const inherited = new UserState(quietCore(), 'user-1', Object.create({ plan: 'pro' }, { country: { value: 'US', enumerable: true } }));
      expect(Object.keys(inherited.attributes())).toEqual(['country']);
    } finally {
      delete proto['pollutedForTest'];
    }
  });
});
