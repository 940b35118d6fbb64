import { describe, expect, it } from 'vitest';
import { literalAttributeReference } from './attribute-reference.js';
import { legacyUserToContext, wasLegacyUser } from './legacy-user.js';
import { validateContext } from './validate-context.js';
import { createContextRedactor, redactContext } from './redact-context.js';
import type { Context } from './types.js';

// Expected outputs below follow launchdarkly/js-core packages/shared/common/__tests__/ContextFilter.test.ts.
const organization: Context = { kind: 'organization', key: 'abc', firstName: 'Sue', bizzle: 'def', dizzle: 'ghi' };
const orgAndUser: Context = {
  kind: 'multi',
  organization: { key: 'LD', rocks: true, name: 'name', department: { name: 'sdk' } },
  user: {
    key: 'abc',
    name: 'alphabet',
    letters: ['a', 'b', 'c'],
    order: 3,
    object: { a: 'a', b: 'b' },
    _meta: { privateAttributes: ['letters', '/object/b'] },
  },
};

describe('redactContext', () => {
  it('keeps every attribute when nothing is private', () => {
    expect(redactContext(organization)).toEqual(organization);
  });

  it('removes global private attributes and lists them sorted', () => {
    expect(redactContext(organization, { privateAttributes: ['firstName', 'bizzle'] })).toEqual({
      kind: 'organization',
      key: 'abc',
      dizzle: 'ghi',
      _meta: { redactedAttributes: ['bizzle', 'firstName'] },
    });
  });

  it('combines global and per-context private attributes and drops _meta.privateAttributes', () => {
    const own: Context = { ...organization, _meta: { privateAttributes: ['dizzle', 'unused'] } };
    expect(redactContext(own)).toEqual({
      kind: 'organization',
      key: 'abc',
      firstName: 'Sue',
      bizzle: 'def',
      _meta: { redactedAttributes: ['dizzle'] },
    });
    expect(redactContext(own, { privateAttributes: ['firstName', literalAttributeReference('bizzle')] })).toEqual({
      kind: 'organization',
      key: 'abc',
      _meta: { redactedAttributes: ['bizzle', 'dizzle', 'firstName'] },
    });
  });

  it('redacts every attribute but kind, key and anonymous with allAttributesPrivate', () => {
    expect(redactContext({ ...organization, anonymous: true }, { allAttributesPrivate: true })).toEqual({
      kind: 'organization',
      key: 'abc',
      anonymous: true,
      _meta: { redactedAttributes: ['bizzle', 'dizzle', 'firstName'] },
    });
  });

  it('applies per-kind private attributes in a multi-kind context', () => {
    expect(redactContext(orgAndUser)).toEqual({
      kind: 'multi',
      organization: { key: 'LD', rocks: true, name: 'name', department: { name: 'sdk' } },
      user: { key: 'abc', name: 'alphabet', order: 3, object: { a: 'a' }, _meta: { redactedAttributes: ['/object/b', 'letters'] } },
    });
  });

  it('applies global private attributes to every kind of a multi-kind context', () => {
    expect(redactContext(orgAndUser, { privateAttributes: [literalAttributeReference('name')] })).toEqual({
      kind: 'multi',
      organization: { key: 'LD', rocks: true, department: { name: 'sdk' }, _meta: { redactedAttributes: ['name'] } },
      user: { key: 'abc', order: 3, object: { a: 'a' }, _meta: { redactedAttributes: ['/object/b', 'letters', 'name'] } },
    });
  });

  it('redacts every kind with allAttributesPrivate', () => {
    expect(redactContext(orgAndUser, { allAttributesPrivate: true })).toEqual({
      kind: 'multi',
      organization: { key: 'LD', _meta: { redactedAttributes: ['department', 'name', 'rocks'] } },
      user: { key: 'abc', _meta: { redactedAttributes: ['letters', 'name', 'object', 'order'] } },
    });
  });

  it('reports the legacy literal "/why" as "/~1why"', () => {
    const { context } = legacyUserToContext({ key: 'annoying', custom: { '/why': 'not', why: 'because' }, privateAttributeNames: ['/why'] });
    expect(redactContext(context)).toEqual({ kind: 'user', key: 'annoying', why: 'because', _meta: { redactedAttributes: ['/~1why'] } });
  });

  it('removes only the nested field of a nested reference', () => {
    const context: Context = { kind: 'user', key: 'u', address: { street: 'Main St', city: 'Springfield' } };
    expect(redactContext(context, { privateAttributes: ['/address/street'] })).toEqual({
      kind: 'user',
      key: 'u',
      address: { city: 'Springfield' },
      _meta: { redactedAttributes: ['/address/street'] },
    });
  });

  it('reports only the outer reference when a reference covers another', () => {
    const context: Context = { kind: 'user', key: 'u', address: { street: 'Main St' }, _meta: { privateAttributes: ['/address/street'] } };
    expect(redactContext(context, { privateAttributes: ['address'] })).toEqual({
      kind: 'user',
      key: 'u',
      _meta: { redactedAttributes: ['address'] },
    });
  });

  it('never redacts kind, key, anonymous or _meta, and ignores references to missing or array paths', () => {
    const context: Context = { kind: 'user', key: 'u', anonymous: false, tags: ['a'], _meta: { privateAttributes: ['kind'] } };
    expect(
      redactContext(context, { privateAttributes: ['key', '/anonymous', '_meta', 'missing', '/tags/0', '//'] }),
    ).toEqual({ kind: 'user', key: 'u', anonymous: false, tags: ['a'] });
  });

  it('redacts a nested key named "key" or "kind": only top-level ones are protected', () => {
    const context: Context = { kind: 'user', key: 'u', obj: { key: 'secret', kind: 'secret' } };
    expect(redactContext(context, { privateAttributes: ['/obj/key', '/obj/kind'] })).toEqual({
      kind: 'user',
      key: 'u',
      obj: {},
      _meta: { redactedAttributes: ['/obj/key', '/obj/kind'] },
    });
  });

  it('redacts anonymous contexts only when asked, kind by kind', () => {
    const context: Context = { kind: 'multi', user: { key: 'u', anonymous: true, email: 'e' }, org: { key: 'o', plan: 'p' } };
    expect(redactContext(context)).toEqual(context);
    expect(redactContext(context, { redactAnonymousAttributes: true })).toEqual({
      kind: 'multi',
      user: { key: 'u', anonymous: true, _meta: { redactedAttributes: ['email'] } },
      org: { key: 'o', plan: 'p' },
    });
    const redactor = createContextRedactor({ redactAnonymousAttributes: false });
    expect(redactor.redact(context, { redactAnonymousAttributes: true })['user']).toEqual({
      key: 'u',
      anonymous: true,
      _meta: { redactedAttributes: ['email'] },
    });
    expect(redactor.redact(context)).toEqual(context);
  });

  it('keeps other _meta fields and drops an empty _meta', () => {
    expect(redactContext({ kind: 'user', key: 'u', _meta: { privateAttributes: [] } })).toEqual({ kind: 'user', key: 'u' });
    const withExtra = { kind: 'user', key: 'u', _meta: { privateAttributes: ['a'], note: 1 } } as Context;
    expect(redactContext(withExtra)).toEqual({ kind: 'user', key: 'u', _meta: { note: 1 } });
  });

  it('returns new objects and leaves the input untouched', () => {
    const context: Context = { kind: 'user', key: 'u', a: { b: [1, { c: 2 }] }, _meta: { privateAttributes: ['/a/x'] } };
    const before = JSON.stringify(context);
    const out = redactContext(context, { privateAttributes: ['z'] });
    expect(JSON.stringify(context)).toBe(before);
    expect(out['a']).toEqual(context['a']);
    expect(out['a']).not.toBe(context['a']);
    (out['a'] as { b: unknown[] }).b.push(3);
    expect(JSON.stringify(context)).toBe(before);
  });

  it('collapses a multi-kind context with one kind, as LaunchDarkly does', () => {
    expect(redactContext({ kind: 'multi', org: { key: 'o', plan: 'p' } }, { privateAttributes: ['plan'] })).toEqual({
      kind: 'org',
      key: 'o',
      _meta: { redactedAttributes: ['plan'] },
    });
  });
});

describe('redactContext of a context converted from a legacy user', () => {
  it("sends its built-ins as text, as LaunchDarkly's SDKs do, and leaves other attributes and other contexts as they are", () => {
    const checked = validateContext({ key: 'u', name: 5, country: ['US', 'CA'], email: { x: 1 }, avatar: true, custom: { plan: 7 }, privateAttributeNames: ['ip'], ip: 9 });
    if (!checked.ok) throw new Error(checked.error);
    expect(wasLegacyUser(checked.context)).toBe(true);
    expect(redactContext(checked.context)).toEqual({
      kind: 'user', key: 'u', name: '5', country: 'US,CA', email: '[object Object]', avatar: 'true', plan: 7,
      _meta: { redactedAttributes: ['ip'] },
    });
    // The mark is not copied with the properties; a context written with kind keeps its values.
    expect(wasLegacyUser({ ...checked.context })).toBe(false);
    expect(redactContext({ kind: 'user', key: 'u', name: 5 } as never)).toEqual({ kind: 'user', key: 'u', name: 5 });
    expect(JSON.stringify(checked.context)).not.toContain('legacy');
  });
});

