import { describe, expect, it } from 'vitest';
import type { Context } from '@ensign/context';
import { kindsOf } from './record-helpers.js';

describe('kindsOf', () => {
  it('reads a single kind, a multi-kind context and a legacy user', () => {
    expect(kindsOf({ kind: 'org', key: 'o' } as Context)).toBe('org');
    expect(kindsOf({ kind: 'multi', user: { key: 'u' }, org: { key: 'o' } } as unknown as Context)).toEqual(['user', 'org']);
    expect(kindsOf({ key: 'u' } as unknown as Context)).toBe('user');
  });

  it('names no kind for a kind that is not a string (found by the hostile-input fuzz: a Proxy kind reached the summary)', () => {
    const bottomless: object = new Proxy({}, { get: () => bottomless, ownKeys: () => ['x'], getOwnPropertyDescriptor: () => ({ value: bottomless, enumerable: true, configurable: true }) });
    expect(kindsOf(bottomless as Context)).toEqual([]);
    expect(kindsOf({ kind: { nested: true }, key: 'u' } as unknown as Context)).toEqual([]);
    expect(kindsOf({ kind: 7, key: 'u' } as unknown as Context)).toEqual([]);
  });
});
