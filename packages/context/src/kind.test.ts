import { describe, expect, it } from 'vitest';
import { isValidKind } from './kind.js';

describe('isValidKind', () => {
  it.each(['user', 'organization', 'device.v2', 'my_kind', 'a-b', 'A9', 'multi'])('accepts %j', (kind) => {
    expect(isValidKind(kind)).toBe(true);
  });

  it.each(['', 'kind', 'my kind', 'org:1', 'café', 'a/b', 'user\n'])('rejects %j', (kind) => {
    expect(isValidKind(kind)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    for (const value of [undefined, null, 1, true, {}, ['user'], Symbol('user')]) {
      expect(isValidKind(value)).toBe(false);
    }
  });
});
