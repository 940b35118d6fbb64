import { describe, expect, it } from 'vitest';
import { getAttribute, getContextKinds, getIndividualContext } from './access.js';
import { literalAttributeReference, parseAttributeReference } from './attribute-reference.js';
import type { Context } from './types.js';

const user: Context = {
  kind: 'user',
  key: 'user-42',
  name: 'Sandy',
  address: { city: 'Springfield', 'zip/code': '12345', street: { line1: 'Main St' } },
  tags: ['a', 'b'],
  'attr/a': 'slash',
  'attr~a': 'tilde',
  '/why': 'literal slash',
  nothing: null,
};

const multi: Context = {
  kind: 'multi',
  user: { key: 'user-42', anonymous: true },
  organization: { key: 'org-1', name: 'Acme', plan: { tier: 'gold' } },
};

describe('getContextKinds', () => {
  it('lists the kind of a single-kind context', () => {
    expect(getContextKinds(user)).toEqual(['user']);
  });

  it('lists the kinds of a multi-kind context in their order', () => {
    expect(getContextKinds(multi)).toEqual(['user', 'organization']);
  });

  it('returns the same frozen array on each call for a context', () => {
    expect(getContextKinds(multi)).toBe(getContextKinds(multi));
    expect(Object.isFrozen(getContextKinds(multi))).toBe(true);
  });
});

describe('getIndividualContext', () => {
  it('returns a single-kind context itself when the kind matches, otherwise undefined', () => {
    expect(getIndividualContext(user, 'user')).toBe(user);
    expect(getIndividualContext(user, 'organization')).toBeUndefined();
  });

  it('returns the nested object of a multi-kind context', () => {
    expect(getIndividualContext(multi, 'organization')).toBe(multi['organization']);
    expect(getIndividualContext(multi, 'device')).toBeUndefined();
    expect(getIndividualContext(multi, 'kind')).toBeUndefined();
    expect(getIndividualContext(multi, 'toString')).toBeUndefined();
  });
});

describe('getAttribute', () => {
  it.each([
    ['key', 'user-42'],
    ['name', 'Sandy'],
    ['/name', 'Sandy'],
    ['/address/city', 'Springfield'],
    ['/address/zip~1code', '12345'],
    ['/address/street/line1', 'Main St'],
    ['attr/a', 'slash'],
    ['/attr~1a', 'slash'],
    ['attr~a', 'tilde'],
    ['/attr~0a', 'tilde'],
    ['nothing', null],
    ['tags', ['a', 'b']],
  ])('reads %j', (ref, expected) => {
    expect(getAttribute(user, ref)).toEqual(expected);
  });

  it.each(['/tags/0', '/address/missing', '/name/first', 'missing', '/nothing/x', '//', '/_meta', 'toString', '/address/hasOwnProperty'])(
    'gives undefined for %j',
    (ref) => {
      expect(getAttribute(user, ref)).toBeUndefined();
    },
  );

  it('reads a literal name starting with "/" through a literal reference', () => {
    expect(getAttribute(user, literalAttributeReference('/why'))).toBe('literal slash');
    expect(getAttribute(user, '/why')).toBeUndefined();
  });

  it('gives the kinds of the whole context for "kind", as LaunchDarkly does', () => {
    expect(getAttribute(user, 'kind')).toEqual(['user']);
    expect(getAttribute(multi, '/kind', 'organization')).toEqual(['user', 'organization']);
    expect(getAttribute(multi, 'kind', 'device')).toEqual(['user', 'organization']);
  });

  it('gives anonymous as a boolean, false when absent', () => {
    expect(getAttribute(multi, 'anonymous')).toBe(true);
    expect(getAttribute(multi, 'anonymous', 'organization')).toBe(false);
    expect(getAttribute(user, '/anonymous')).toBe(false);
    expect(getAttribute(user, 'anonymous', 'device')).toBeUndefined();
  });

  it('reads from the kind asked for, user by default', () => {
    expect(getAttribute(multi, 'key')).toBe('user-42');
    expect(getAttribute(multi, 'key', 'organization')).toBe('org-1');
    expect(getAttribute(multi, parseAttributeReference('/plan/tier'), 'organization')).toBe('gold');
    expect(getAttribute(multi, 'key', 'device')).toBeUndefined();
    expect(getAttribute(user, 'key', 'organization')).toBeUndefined();
  });
});
