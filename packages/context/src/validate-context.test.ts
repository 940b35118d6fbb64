import { describe, expect, it } from 'vitest';
import type { ContextValidation } from './types.js';
import { validateContext } from './validate-context.js';

function errorOf(result: ContextValidation): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.context)}`);
  return result.error;
}

function valid(result: ContextValidation): { context: unknown; warnings: string[] } {
  if (!result.ok) throw new Error(`expected a valid context, got: ${result.error}`);
  return result;
}

describe('validateContext with single-kind contexts', () => {
  it('accepts a user with built-ins, custom attributes and private attributes, as a new object', () => {
    const input = {
      kind: 'user',
      key: 'user-42',
      name: 'Sandy',
      anonymous: false,
      email: 'sandy@example.com',
      address: { city: 'Springfield', floors: [1, 2] },
      _meta: { privateAttributes: ['email', '/address/city'] },
    };
    const { context, warnings } = valid(validateContext(input));
    expect(context).toEqual(input);
    expect(context).not.toBe(input);
    expect(warnings).toEqual([]);
  });

  it.each([
    [{ kind: 'my kind', key: 'k' }, 'kind "my kind" is not valid'],
    [{ kind: 'kind', key: 'k' }, 'kind "kind" is not valid'],
    [{ kind: '', key: 'k' }, 'kind "" is not valid'],
    [{ kind: 7, key: 'k' }, 'kind must be a string, got a number'],
    [{ kind: 'user', key: '' }, 'key must not be empty'],
    [{ kind: 'user' }, 'key must be a string, got undefined'],
    [{ kind: 'user', key: 42 }, 'key must be a string, got a number'],
    [{ kind: 'user', key: null }, 'key must be a string, got null'],
    [{ kind: 'user', key: 'k', _meta: { privateAttributes: 'email' } }, '_meta.privateAttributes must be an array of strings'],
    [{ kind: 'user', key: 'k', _meta: { privateAttributes: ['email', 3] } }, '_meta.privateAttributes must be an array of strings'],
  ])('rejects %o', (input, message) => {
    expect(errorOf(validateContext(input))).toContain(message);
  });

  it('keeps a name that is not a string and reads a non-boolean anonymous as its truthiness, with warnings (as LaunchDarkly)', () => {
    expect(validateContext({ kind: 'user', key: 'k', name: 5 })).toEqual({ ok: true, context: { kind: 'user', key: 'k', name: 5 }, warnings: ['name should be a string, got a number: kept as it is'] });
    expect(validateContext({ kind: 'user', key: 'k', anonymous: 'yes' })).toEqual({ ok: true, context: { kind: 'user', key: 'k', anonymous: true }, warnings: ['anonymous should be a boolean, got a string: read as true'] });
    expect(valid(validateContext({ kind: 'user', key: 'k', anonymous: 0 })).context).toEqual({ kind: 'user', key: 'k', anonymous: false });
  });

  it.each([
    ['x', 'a string'],
    [5, 'a number'],
    [true, 'a boolean'],
    [['email'], 'an array'],
  ])('ignores a _meta that is not an object (%o), with a warning, as LaunchDarkly reads _meta?.privateAttributes', (meta, type) => {
    const input = { kind: 'user', key: 'k', email: 'e@x', _meta: meta };
    expect(validateContext(input)).toEqual({
      ok: true,
      context: { kind: 'user', key: 'k', email: 'e@x' },
      warnings: [`_meta should be an object, got ${type}: ignored (it makes nothing private), as LaunchDarkly ignores it`],
    });
    expect(input._meta).toBe(meta); // the caller's object is not changed
    const multi = valid(validateContext({ kind: 'multi', user: { key: 'u', _meta: 'x' }, org: { key: 'o', _meta: { privateAttributes: ['tier'] } } }));
    expect(multi.context).toEqual({ kind: 'multi', user: { key: 'u' }, org: { key: 'o', _meta: { privateAttributes: ['tier'] } } });
    expect(multi.warnings).toEqual(['context "user": _meta should be an object, got a string: ignored (it makes nothing private), as LaunchDarkly ignores it']);
  });

  it.each([
    ['', 'a string'],
    [0, 'a number'],
    [false, 'a boolean'],
  ])('ignores a false _meta.privateAttributes (%o), with a warning, as LaunchDarkly does', (refs, type) => {
    expect(validateContext({ kind: 'user', key: 'k', _meta: { privateAttributes: refs } })).toEqual({
      ok: true,
      context: { kind: 'user', key: 'k', _meta: {} },
      warnings: [`_meta.privateAttributes should be an array of strings, got ${type}: ignored (it makes nothing private), as LaunchDarkly ignores a false value`],
    });
    // A true value that is not an array of strings is still refused (LaunchDarkly's SDK throws there).
    expect(errorOf(validateContext({ kind: 'user', key: 'k', _meta: { privateAttributes: 'email' } }))).toContain('_meta.privateAttributes must be an array of strings');
  });

  it('treats null name, anonymous, _meta and privateAttributes as absent', () => {
    expect(valid(validateContext({ kind: 'user', key: 'k', name: null, anonymous: null, _meta: null })).context).toEqual({
      kind: 'user',
      key: 'k',
    });
    expect(valid(validateContext({ kind: 'user', key: 'k', _meta: { privateAttributes: null } })).context).toEqual({
      kind: 'user',
      key: 'k',
      _meta: {},
    });
  });

  it('warns about a private attribute reference that protects nothing', () => {
    const { warnings } = valid(validateContext({ kind: 'user', key: 'k', _meta: { privateAttributes: ['//'] } }));
    expect(warnings).toEqual([expect.stringContaining('private attribute "//" protects nothing')]);
  });

  it.each([undefined, null, 'user-42', 42, true, ['user']])('rejects %o, which is not an object', (input) => {
    expect(errorOf(validateContext(input))).toContain('a context must be an object');
  });
});

describe('validateContext with multi-kind contexts', () => {
  it('accepts several kinds, each validated', () => {
    const input = { kind: 'multi', user: { key: 'u', name: 'Sandy' }, organization: { key: 'o', anonymous: true } };
    expect(valid(validateContext(input)).context).toEqual(input);
  });

  it('collapses a multi-kind context with one kind to a single-kind context', () => {
    expect(valid(validateContext({ kind: 'multi', device: { key: 'd', model: 'x' } })).context).toEqual({
      kind: 'device',
      key: 'd',
      model: 'x',
    });
  });

  it.each([
    [{ kind: 'multi' }, 'at least one kind'],
    [{ kind: 'multi', 'my kind': { key: 'k' } }, 'context "my kind": the kind is not valid'],
    [{ kind: 'multi', user: 'u' }, 'context "user": must be an object, got a string'],
    [{ kind: 'multi', user: null, org: { key: 'o' } }, 'context "user": must be an object, got null'],
    [{ kind: 'multi', user: { key: '' }, org: { key: 'o' } }, 'context "user": key must not be empty'],
    [{ kind: 'multi', user: { key: 'u' }, org: {} }, 'context "org": key must be a string'],
    [{ kind: 'multi', user: { key: 'u', _meta: { privateAttributes: [1] } }, org: { key: 'o' } }, '_meta.privateAttributes'],
  ])('rejects %o', (input, message) => {
    expect(errorOf(validateContext(input))).toContain(message);
  });

  it('removes a nested kind, whatever it says, with a warning (LaunchDarkly ignores it)', () => {
    const { context, warnings } = valid(validateContext({ kind: 'multi', user: { kind: 'user', key: 'u' }, org: { key: 'o', kind: 'multi' } }));
    expect(context).toEqual({ kind: 'multi', user: { key: 'u' }, org: { key: 'o' } });
    expect(warnings).toEqual([
      'context "user": its "kind" property ("user") was removed: nested contexts carry no kind',
      'context "org": its "kind" property ("multi") was removed: nested contexts carry no kind',
    ]);
  });

  it('drops a kind named multi, with a warning, and keeps the others', () => {
    const { context, warnings } = valid(validateContext({ kind: 'multi', multi: { key: 'm' }, user: { key: 'u' }, org: { key: 'o' } }));
    expect(context).toEqual({ kind: 'multi', user: { key: 'u' }, org: { key: 'o' } });
    expect(warnings).toEqual(['context "multi": a kind named "multi" cannot be targeted; it was dropped']);
  });

  it('has unique kinds by construction: JSON with a repeated kind keeps the last, as JSON.parse does', () => {
    const parsed = JSON.parse('{"kind":"multi","user":{"key":"a"},"user":{"key":"b"},"org":{"key":"o"}}') as unknown;
    expect(valid(validateContext(parsed)).context).toEqual({ kind: 'multi', user: { key: 'b' }, org: { key: 'o' } });
  });
});

describe('validateContext with legacy users', () => {
  it('converts a user without kind, reporting secondary', () => {
    const { context, warnings } = valid(
      validateContext({ key: 'u', secondary: 's', email: 'a@b.c', custom: { plan: 'pro' }, privateAttributeNames: ['email'] }),
    );
    expect(context).toEqual({ kind: 'user', key: 'u', email: 'a@b.c', plan: 'pro', _meta: { privateAttributes: ['email'] } });
    expect(warnings).toEqual([expect.stringContaining('secondary is no longer used')]);
  });

  it('treats kind: null as a legacy user', () => {
    expect(valid(validateContext({ kind: null, key: 'u' })).context).toEqual({ kind: 'user', key: 'u' });
  });

  it.each([
    ['pro', 'a string', { 0: 'p', 1: 'r', 2: 'o' }],
    [['pro', 'x'], 'an array', { 0: 'pro', 1: 'x' }],
    [5, 'a number', {}],
    [true, 'a boolean', {}],
  ])('spreads a custom that is not an object (%o) as LaunchDarkly does, with a warning', (custom, type, spread) => {
    const result = valid(validateContext({ key: 'u', country: 'US', custom }));
    expect(result.context).toEqual({ kind: 'user', key: 'u', country: 'US', ...spread });
    expect(result.warnings).toEqual([`custom should be an object, got ${type}: its own properties were read, as LaunchDarkly spreads it`]);
  });

  it('accepts an empty legacy key and converts a numeric key with String()', () => {
    expect(valid(validateContext({ key: '' })).context).toEqual({ kind: 'user', key: '' });
    expect(valid(validateContext({ key: 42 })).context).toEqual({ kind: 'user', key: '42' });
  });

  it.each([
    [{}, 'needs a key'],
    [{ key: null }, 'needs a key'],
    [{ key: { id: 1 } }, undefined],
    [{ key: 'u', privateAttributeNames: 'email' }, 'privateAttributeNames must be an array of strings'],
    [{ key: 'u', privateAttributeNames: [5] }, 'privateAttributeNames must be an array of strings'],
    [{ key: 'u', privateAttributeNames: '' }, undefined],
    [{ key: 'u', privateAttributeNames: 0 }, undefined],
    [{ key: 'u', privateAttributeNames: false }, undefined],
    [{ key: 'u', anonymous: true, custom: { anonymous: 1 } }, undefined],
    [{ key: 'u', custom: { name: 5 } }, undefined],
  ])('checks legacy user %o', (input, message) => {
    const result = validateContext(input);
    if (message === undefined) expect(result.ok).toBe(true);
    else expect(errorOf(result)).toContain(message);
  });
});

describe('validateContext with values that are not JSON', () => {
  it.each([
    [{ kind: 'user', key: 'k', f: () => 1 }, '"/f": functions'],
    [{ kind: 'user', key: 'k', s: Symbol('s') }, '"/s": symbols'],
    [{ kind: 'user', key: 'k', n: 1n }, '"/n": BigInt'],
    [{ kind: 'user', key: 'k', n: Number.NaN }, '"/n": NaN is not a JSON number'],
    [{ kind: 'user', key: 'k', n: -Infinity }, '"/n": -Infinity is not a JSON number'],
    [{ kind: 'multi', user: { key: 'u', when: new Date(0) }, org: { key: 'o' } }, '"/user/when": [object Date]'],
  ])('rejects %o naming the attribute', (input, message) => {
    expect(errorOf(validateContext(input))).toContain(message);
  });

  it('rejects 10 000 levels of nesting and cycles with a clear error', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i += 1) deep = { deeper: deep };
    expect(errorOf(validateContext({ kind: 'user', key: 'k', deep }))).toContain('"/deep/deeper/deeper');
    expect(errorOf(validateContext({ kind: 'user', key: 'k', deep }))).toContain('levels deep');
    const cyclic: Record<string, unknown> = { kind: 'user', key: 'k' };
    cyclic['me'] = cyclic;
    expect(errorOf(validateContext(cyclic))).toBe('"/me": the value contains itself (a cycle)');
  });

  it('never throws on getters that throw, proxies or revoked proxies', () => {
    const getter = Object.defineProperty({ kind: 'user' }, 'key', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(errorOf(validateContext(getter))).toBe('"/key": reading it threw (boom)');
    const trap = new Proxy({ kind: 'user', key: 'k' }, {
      getPrototypeOf() {
        throw new Error('trap');
      },
    });
    expect(errorOf(validateContext(trap))).toContain('inspecting it threw (trap)');
    const { proxy, revoke } = Proxy.revocable({ kind: 'user', key: 'k' }, {});
    revoke();
    expect(() => validateContext(proxy)).not.toThrow();
    expect(validateContext(proxy).ok).toBe(false);
  });

  it('copies a proxy with nested values into plain data', () => {
    const proxy = new Proxy({ kind: 'user', key: 'k', plan: { tier: 'pro' } }, {});
    const { context } = valid(validateContext(proxy));
    expect(context).toEqual({ kind: 'user', key: 'k', plan: { tier: 'pro' } });
    expect(context).not.toBe(proxy);
  });

  it('returns a flat, valid single-kind context as it is, without a copy', () => {
    const input = { kind: 'user', key: 'k', plan: 'pro', age: 42, beta: true };
    expect(valid(validateContext(input)).context).toBe(input);
    const nested = { kind: 'user', key: 'k', address: { city: 'Paris' } };
    expect(valid(validateContext(nested)).context).not.toBe(nested);
  });
});
