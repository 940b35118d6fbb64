import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatContext, instanceSingleContext, plainSingleContext } from './flat-context.js';
import { CONTEXT_LIMITS, copyJson } from './json-copy.js';
import { validateContext } from './validate-context.js';

class Visit {
  readonly at = 3;
}

describe('plainSingleContext', () => {
  it('answers the input itself for a plain single-kind context, whatever its attribute values', () => {
    for (const extra of [{}, { at: new Date(0) }, { n: Number.NaN }, { f: () => 1 }, { b: 1n }, { s: Symbol('s') }, { v: new Visit() }, { nested: { a: [1, undefined] } }, { name: 'Ann', anonymous: true }]) {
      const input = { kind: 'org', key: 'o-1', ...extra };
      expect(plainSingleContext(input)).toBe(input);
    }
  });

  it('leaves to validateContext what needs converting or is not a single-kind plain object', () => {
    const throwing = Object.defineProperty({ kind: 'user' }, 'key', { get: () => { throw new Error('no'); }, enumerable: true });
    for (const input of [null, 'user-1', 42, [], { key: 'legacy' }, { kind: 'multi', user: { key: 'u' } }, { kind: 'user', key: '' }, { kind: 'user', key: 7 }, { kind: 'kind', key: 'k' }, { kind: 'us er', key: 'k' }, { kind: 'user', key: 'k', name: 5 }, { kind: 'user', key: 'k', name: null }, { kind: 'user', key: 'k', anonymous: 'yes' }, { kind: 'user', key: 'k', _meta: {} }, Object.assign(Object.create(null) as object, { kind: 'user', key: 'k' }), Object.assign(new Visit(), { kind: 'user', key: 'k' }), throwing]) {
      expect(plainSingleContext(input)).toBeNull();
    }
  });

  it('accepts every context flatContext accepts, and each is then what validateContext answers', () => {
    const value = fc.oneof(fc.string(), fc.boolean(), fc.double(), fc.constant(null), fc.constant(undefined), fc.constant({ a: 1 }));
    fc.assert(
      fc.property(fc.constantFrom('user', 'org', 'multi', '', 'x y'), fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), fc.dictionary(fc.constantFrom('name', 'anonymous', '_meta', 'plan', '__proto__'), value), (kind, key, attributes) => {
        const input = { ...attributes, kind, key };
        if (flatContext(input) !== null) expect(plainSingleContext(input)).toBe(input);
        if (plainSingleContext(input) !== null) {
          const checked = validateContext(input, { keepNonJsonValues: true });
          expect(checked.ok).toBe(true);
          // The same attributes (a property holding undefined counts as absent), NaN and Infinity included.
          if (checked.ok) expect(checked.context).toEqual(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateContext with keepNonJsonValues', () => {
  it('keeps values that are not JSON as they are, where the default rejects the context', () => {
    const at = new Date(0);
    const visit = new Visit();
    const cycle: Record<string, unknown> = { a: 1 };
    cycle['self'] = cycle;
    const input = { kind: 'multi', user: { key: 'u', at, n: Number.NaN, list: ['a', undefined], cycle }, org: { key: 'o', visit, b: 2n } };
    expect(validateContext(input).ok).toBe(false);
    const kept = validateContext(input, { keepNonJsonValues: true });
    expect(kept.ok).toBe(true);
    if (!kept.ok) return;
    const user = kept.context['user'] as Record<string, unknown>;
    expect(user).not.toBe(input.user); // a copy...
    expect(user['at']).toBe(at); // ...holding the values that are not JSON themselves
    expect(user['n']).toBeNaN();
    expect(user['list']).toEqual(['a', undefined]);
    expect((user['cycle'] as Record<string, unknown>)['self']).toBe(cycle);
    expect((kept.context['org'] as Record<string, unknown>)['visit']).toBe(visit);
  });

  it('converts legacy users keeping such values, and still rejects a context that is not one', () => {
    const kept = validateContext({ key: 'legacy', custom: { at: new Date(0), f: () => 1 } }, { keepNonJsonValues: true });
    expect(kept.ok && kept.context['kind'] === 'user' && kept.context['at'] instanceof Date).toBe(true);
    for (const input of [new Visit(), { kind: 'user', key: 5, at: new Date(0) }, { kind: 'multi' }, Number.NaN]) {
      expect(validateContext(input, { keepNonJsonValues: true }).ok).toBe(false);
    }
    const throwing = Object.defineProperty({ kind: 'user', key: 'k' }, 'x', { get: () => { throw new Error('no'); }, enumerable: true });
    expect(validateContext(throwing, { keepNonJsonValues: true }).ok).toBe(false);
  });

  it('reads a multi-kind context or a legacy user given as a class instance on its own properties, as LaunchDarkly does', () => {
    class Multi {
      kind = 'multi';
      user = { key: 'u', country: 'US' };
      org = Object.assign(new Visit(), { key: 'o' });
      get device(): Record<string, unknown> {
        return { key: 'inherited' }; // on the prototype: not a kind
      }
    }
    const multi = validateContext(new Multi(), { keepNonJsonValues: true });
    expect(multi.ok && multi.context).toEqual({ kind: 'multi', user: { key: 'u', country: 'US' }, org: { at: 3, key: 'o' } });
    class Legacy {
      key = 'legacy-1';
      country = 'NO';
      custom = { plan: 'pro', at: new Date(0) };
    }
    const legacy = validateContext(new Legacy(), { keepNonJsonValues: true });
    expect(legacy.ok && legacy.context).toEqual({ kind: 'user', key: 'legacy-1', country: 'NO', plan: 'pro', at: new Date(0) });
    // Read as LaunchDarkly reads them: an inherited `kind`, and a legacy user's fields by name (a getter counts).
    const inheritedKind = Object.assign(Object.create({ kind: 'org' }) as object, { key: 'o-1', tier: 'gold' });
    const org = validateContext(inheritedKind, { keepNonJsonValues: true });
    expect(org.ok && org.context).toEqual({ kind: 'org', key: 'o-1', tier: 'gold' });
    class Named extends Legacy {
      get name(): string {
        return 'Sandy';
      }
      get plan(): string {
        return 'not a legacy field'; // neither own nor a legacy user's field: not read
      }
    }
    const named = validateContext(new Named(), { keepNonJsonValues: true });
    expect(named.ok && named.context).toEqual({ kind: 'user', key: 'legacy-1', name: 'Sandy', country: 'NO', plan: 'pro', at: new Date(0) });
    // Without keepNonJsonValues a class instance is not JSON: rejected, as before.
    expect(validateContext(new Multi()).ok).toBe(false);
    expect(validateContext(new Legacy()).ok).toBe(false);
  });

  it('keeps the limits of CONTEXT_LIMITS', () => {
    let deep: Record<string, unknown> = { at: new Date(0) };
    for (let i = 0; i < CONTEXT_LIMITS.maxDepth + 1; i++) deep = { deep };
    expect(copyJson({ kind: 'user', key: 'k', deep }, { ...CONTEXT_LIMITS, keepNonJson: true }).ok).toBe(false);
    expect(copyJson(new Date(0), { ...CONTEXT_LIMITS, keepNonJson: true }).ok).toBe(false);
  });
});

describe('instanceSingleContext', () => {
  class UserContext {
    readonly kind = 'user';
    constructor(readonly key: string, readonly plan?: unknown) {}
    get country(): string {
      return 'US';
    }
  }

  it('answers a class instance or an object over another prototype itself, when its own built-ins are valid', () => {
    const instance = new UserContext('user-42', new Date(0));
    expect(instanceSingleContext(instance)).toBe(instance);
    const bare = Object.assign(Object.create(null) as object, { kind: 'org', key: 'o-1' });
    expect(instanceSingleContext(bare)).toBe(bare);
    const heir = Object.assign(Object.create({ plan: 'pro' }) as object, { kind: 'user', key: 'u' });
    expect(instanceSingleContext(heir)).toBe(heir);
  });

  it('leaves plain objects to plainSingleContext and refuses built-ins that are inherited or invalid', () => {
    const inheritedKind = Object.assign(Object.create({ kind: 'user' }) as object, { key: 'u' });
    const inheritedKey = Object.assign(Object.create({ key: 'u' }) as object, { kind: 'user' });
    const throwing = Object.defineProperty(Object.create(null) as object, 'kind', { get: () => { throw new Error('no'); }, enumerable: true });
    for (const input of [{ kind: 'user', key: 'u' }, null, [], 'user', inheritedKind, inheritedKey, throwing, new UserContext(''), Object.assign(new UserContext('u'), { name: 5 }), Object.assign(new UserContext('u'), { _meta: {} }), Object.assign(Object.create(null) as object, { kind: 'multi', key: 'm' })]) {
      expect(instanceSingleContext(input)).toBeNull();
    }
  });
});

describe('validateContext with keepNonJsonValues never changes its input', () => {
  class Member {
    kind = 'org';
    name: string | null = null;
    anonymous: unknown = 1;
    _meta = Object.assign(Object.create({ inherited: true }) as Record<string, unknown>, { privateAttributes: null });
    constructor(readonly key: string) {}
  }

  it('tidies a kind that is a class instance, or the input met again inside itself, on copies of its own', () => {
    const member = new Member('org-1');
    const input: Record<string, unknown> = { kind: 'multi', org: member, user: { key: 'u', kind: 'user' } };
    input['self'] = { key: 's' };
    const before = { ...member };
    const checked = validateContext(input, { keepNonJsonValues: true });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect({ ...member }).toEqual(before); // the instance kept its kind, its null name, its anonymous and its _meta
    expect(member._meta['privateAttributes']).toBeNull();
    const org = checked.context['org'] as Record<string, unknown>;
    expect(org).not.toBe(member);
    expect(org).toMatchObject({ key: 'org-1', anonymous: true });
    expect(org).not.toHaveProperty('kind');
    expect(org).not.toHaveProperty('name');
    const cyclic: Record<string, unknown> = { kind: 'multi', user: { key: 'u' } };
    cyclic['org'] = cyclic; // the input itself, as a kind: `key` missing, so an error, and the input unchanged
    expect(validateContext(cyclic, { keepNonJsonValues: true }).ok).toBe(false);
    expect(cyclic['kind']).toBe('multi');
  });
});
