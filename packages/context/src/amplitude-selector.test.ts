import { describe, expect, it } from 'vitest';
import { amplitudeSelectorToReference } from './amplitude-selector.js';

describe('amplitudeSelectorToReference', () => {
  it('maps a user selector to kind user and a slash reference', () => {
    const mapped = amplitudeSelectorToReference(['context', 'user', 'user_properties', 'plan']);
    expect(mapped?.kind).toBe('user');
    expect(mapped?.ref.raw).toBe('/user_properties/plan');
    expect(mapped?.ref.components).toEqual(['user_properties', 'plan']);
  });

  it('maps a group selector to the group type as kind', () => {
    const mapped = amplitudeSelectorToReference(['context', 'groups', 'org', 'group_name']);
    expect(mapped?.kind).toBe('org');
    expect(mapped?.ref.raw).toBe('/group_name');
  });

  it('escapes property names holding "/" or "~"', () => {
    const mapped = amplitudeSelectorToReference(['context', 'user', 'user_properties', 'a/b~c']);
    expect(mapped?.ref.raw).toBe('/user_properties/a~1b~0c');
    expect(mapped?.ref.components).toEqual(['user_properties', 'a/b~c']);
  });

  it.each([
    [['result', 'flag-1', 'key']],
    [['context', 'user']],
    [['context', 'groups', 'org']],
    [['context', 'groups', 'bad type', 'group_name']],
    [['context', 'groups', 'user', 'group_name']],
    [['context', 'user', '', 'x']],
    [['context', 'user', '_meta']],
    [['context', 'device', 'model']],
    [[]],
  ])('gives undefined for %j', (selector) => {
    expect(amplitudeSelectorToReference(selector)).toBeUndefined();
  });
});
