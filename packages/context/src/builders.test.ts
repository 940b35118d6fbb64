import { isEnsignError } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import { literalAttributeReference } from './attribute-reference.js';
import { contextBuilder, createContext, createMultiContext } from './builders.js';
import { validateContext } from './validate-context.js';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('createContext', () => {
  it('makes a user context by default', () => {
    expect(createContext('user-42')).toEqual({ kind: 'user', key: 'user-42' });
  });

  it('makes a context of another kind', () => {
    expect(createContext('org-1', 'organization')).toEqual({ kind: 'organization', key: 'org-1' });
  });

  it.each(['my kind', 'kind', 'multi', ''])('returns a context that validation rejects for kind %j, without throwing', (kind) => {
    const context = createContext('k', kind);
    expect(context).toEqual({ kind, key: 'k' });
    expect(validateContext(context).ok).toBe(false);
  });

  it('leaves an empty key to validateContext', () => {
    expect(createContext('')).toEqual({ kind: 'user', key: '' });
    expect(validateContext(createContext('')).ok).toBe(false);
  });
});

describe('createMultiContext', () => {
  it('nests each context without its kind', () => {
    const multi = createMultiContext(createContext('user-42'), { kind: 'device', key: 'd-1', model: 'x' });
    expect(multi).toEqual({ kind: 'multi', user: { key: 'user-42' }, device: { key: 'd-1', model: 'x' } });
    expect(validateContext(multi).ok).toBe(true);
  });

  it('returns a copy of the one context it is given, as LaunchDarkly collapses one kind', () => {
    const single = createContext('user-42');
    const made = createMultiContext(single);
    expect(made).toEqual(single);
    expect(made).not.toBe(single);
  });

  it('throws INVALID_ARGUMENT for no context, a repeated kind, or a nested multi-kind context', () => {
    expect(isEnsignError(thrownBy(() => createMultiContext()), 'INVALID_ARGUMENT')).toBe(true);
    const repeated = thrownBy(() => createMultiContext(createContext('a'), createContext('b')));
    expect(isEnsignError(repeated, 'INVALID_ARGUMENT')).toBe(true);
    expect((repeated as Error).message).toContain('two contexts have kind "user"');
    const nested = { kind: 'multi', user: { key: 'u' } } as never;
    expect(isEnsignError(thrownBy(() => createMultiContext(nested, createContext('o', 'org'))), 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('contextBuilder', () => {
  it('builds the example from the LaunchDarkly guide', () => {
    const org = contextBuilder('org-1')
      .kind('organization')
      .name('Acme')
      .anonymous(false)
      .set('address', { street: 'Main St', city: 'Springfield' })
      .privateAttribute('/address/street')
      .build();
    expect(org).toEqual({
      kind: 'organization',
      key: 'org-1',
      name: 'Acme',
      anonymous: false,
      address: { street: 'Main St', city: 'Springfield' },
      _meta: { privateAttributes: ['/address/street'] },
    });
    expect(validateContext(org).ok).toBe(true);
  });

  it('defaults to kind user with only a key', () => {
    expect(contextBuilder('u').build()).toEqual({ kind: 'user', key: 'u' });
  });

  it('routes set("name") and set("anonymous") to the built-ins', () => {
    expect(contextBuilder('u').set('name', 'Sandy').set('anonymous', true).build()).toEqual({
      kind: 'user',
      key: 'u',
      name: 'Sandy',
      anonymous: true,
    });
  });

  it('routes set("kind") and set("key") to the built-ins and ignores _meta and the empty name, as LaunchDarkly', () => {
    expect(contextBuilder('u').set('kind', 'org').set('key', 'o-1').set('_meta', { x: 1 }).set('', 1).build()).toEqual({
      kind: 'org',
      key: 'o-1',
    });
  });

  it('builds, without throwing, contexts that validation rejects when a built-in has a wrong value', () => {
    const bad = [
      contextBuilder('u').kind('bad kind').build(),
      contextBuilder('u').kind('multi').build(),
      contextBuilder('').build(),
    ];
    for (const context of bad) expect(validateContext(context).ok).toBe(false);
  });

  it('adds a parsed reference by its redaction name and lists each private attribute once', () => {
    const context = contextBuilder('u')
      .set('/why', 'because')
      .privateAttribute(literalAttributeReference('/why'), 'email', 'email')
      .build();
    expect(context._meta).toEqual({ privateAttributes: ['/~1why', 'email'] });
  });

  it('returns a new object on each build, unaffected by later calls', () => {
    const builder = contextBuilder('u').set('plan', 'free');
    const first = builder.build();
    builder.set('plan', 'pro');
    expect(first['plan']).toBe('free');
    expect(builder.build()['plan']).toBe('pro');
  });
});
