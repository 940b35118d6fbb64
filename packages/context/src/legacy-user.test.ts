import { describe, expect, it } from 'vitest';
import { legacyUserToContext } from './legacy-user.js';
import type { LegacyUser } from './types.js';

describe('legacyUserToContext', () => {
  it('keeps the built-ins and hoists custom attributes to the top level', () => {
    const { context, warnings } = legacyUserToContext({
      key: 'user-42',
      name: 'Sandy',
      firstName: 'Sandy',
      lastName: 'Smith',
      email: 'sandy@example.com',
      avatar: 'https://example.com/a.png',
      ip: '10.0.0.1',
      country: 'US',
      anonymous: false,
      custom: { groups: ['admin'], address: { city: 'Springfield' } },
    });
    expect(context).toEqual({
      kind: 'user',
      key: 'user-42',
      name: 'Sandy',
      firstName: 'Sandy',
      lastName: 'Smith',
      email: 'sandy@example.com',
      avatar: 'https://example.com/a.png',
      ip: '10.0.0.1',
      country: 'US',
      anonymous: false,
      groups: ['admin'],
      address: { city: 'Springfield' },
    });
    expect(warnings).toEqual([]);
  });

  it('drops secondary and says so', () => {
    const { context, warnings } = legacyUserToContext({ key: 'u', secondary: 'cohort-b' });
    expect(context).toEqual({ kind: 'user', key: 'u' });
    expect(warnings).toEqual(['secondary is no longer used (LaunchDarkly removed it from bucketing and targeting); it was dropped']);
  });

  it('converts a numeric key with String()', () => {
    expect(legacyUserToContext({ key: 123 }).context.key).toBe('123');
  });

  it('turns privateAttributeNames into references, escaping names that start with "/"', () => {
    const { context } = legacyUserToContext({ key: 'u', privateAttributeNames: ['email', '/why', 'a/b'] });
    expect(context._meta).toEqual({ privateAttributes: ['email', '/~1why', 'a/b'] });
  });

  it('ignores empty private attribute names with a warning', () => {
    const { context, warnings } = legacyUserToContext({ key: 'u', privateAttributeNames: [''] });
    expect(context._meta).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('a private attribute name (empty) was ignored')]);
  });

  it('lets a set built-in win over a custom attribute of the same name, with a warning', () => {
    const { context, warnings } = legacyUserToContext({ key: 'u', email: 'real@x.y', custom: { email: 'custom@x.y', plan: 'pro' } });
    expect(context).toEqual({ kind: 'user', key: 'u', email: 'real@x.y', plan: 'pro' });
    expect(warnings).toEqual(['custom attribute "email" was dropped: the built-in "email" is set']);
  });

  it('keeps a custom attribute named like a built-in that is not set', () => {
    expect(legacyUserToContext({ key: 'u', custom: { country: 'FR' } }).context).toEqual({ kind: 'user', key: 'u', country: 'FR' });
  });

  it('drops custom kind, key and _meta', () => {
    const { context, warnings } = legacyUserToContext({ key: 'u', custom: { kind: 'org', key: 'x', _meta: {} } });
    expect(context).toEqual({ kind: 'user', key: 'u' });
    expect(warnings).toHaveLength(3);
  });

  it('skips null built-ins and converts anonymous to a boolean', () => {
    const user = { key: 'u', name: null, email: undefined, anonymous: 1 } as unknown as LegacyUser;
    expect(legacyUserToContext(user).context).toEqual({ kind: 'user', key: 'u', anonymous: true });
  });

  it('reports fields a legacy user does not have', () => {
    const user = { key: 'u', plan: 'pro' } as unknown as LegacyUser;
    const { context, warnings } = legacyUserToContext(user);
    expect(context).toEqual({ kind: 'user', key: 'u' });
    expect(warnings).toEqual(['field "plan" was ignored: a legacy user keeps custom attributes in "custom"']);
  });

  it('does not change its input', () => {
    const user: LegacyUser = { key: 1, custom: { a: { b: 1 } }, privateAttributeNames: ['a'] };
    const before = JSON.stringify(user);
    legacyUserToContext(user);
    expect(JSON.stringify(user)).toBe(before);
  });
});
