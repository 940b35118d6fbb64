import { describe, expect, it } from 'vitest';
import { canonicalKey } from './canonical-key.js';

describe('canonicalKey', () => {
  it('is the bare key of a user context, never escaped', () => {
    expect(canonicalKey({ kind: 'user', key: 'user-42' })).toBe('user-42');
    expect(canonicalKey({ kind: 'user', key: 'a:b%c' })).toBe('a:b%c');
  });

  it('is kind:key for another single kind', () => {
    expect(canonicalKey({ kind: 'organization', key: 'org-1' })).toBe('organization:org-1');
  });

  it('escapes "%" as %25 and ":" as %3A in kind:key pairs', () => {
    expect(canonicalKey({ kind: 'org', key: 'a:b%' })).toBe('org:a%3Ab%25');
    expect(canonicalKey({ kind: 'org', key: '%3A' })).toBe('org:%253A');
  });

  it('sorts the kinds of a multi-kind context and escapes every key, the user one too', () => {
    const context = { kind: 'multi' as const, user: { key: 'u:1' }, device: { key: 'd%1' }, org: { key: 'o' } };
    expect(canonicalKey(context)).toBe('device:d%251:org:o:user:u%3A1');
  });

  it('treats a multi-kind context with one kind as that kind', () => {
    expect(canonicalKey({ kind: 'multi', user: { key: 'u' } })).toBe('u');
    expect(canonicalKey({ kind: 'multi', org: { key: 'o:1' } })).toBe('org:o%3A1');
  });

  it('tells apart contexts whose keys would collide without escaping', () => {
    const a = canonicalKey({ kind: 'multi', a: { key: 'x:b:y' }, c: { key: 'z' } });
    const b = canonicalKey({ kind: 'multi', a: { key: 'x' }, b: { key: 'y:c:z' } });
    expect(a).not.toBe(b);
  });
});

describe('canonicalKey on contexts that skipped validation', () => {
  it('converts a key that is not a string, as String() does (a context that skipped validation)', () => {
    expect(canonicalKey({ kind: 'user', key: 42 as unknown as string })).toBe('42');
    expect(canonicalKey({ kind: 'org', key: undefined as unknown as string })).toBe('org:');
  });
});
