import { describe, expect, it } from 'vitest';
import { amplitudeUserToContext } from './amplitude-user.js';
import { parseAttributeReference } from './attribute-reference.js';
import { isEscapedVendorName, vendorAttributeName, vendorAttributeReference } from './vendor-attributes.js';

describe('vendor attribute names', () => {
  it('escapes the context built-ins and names starting with "~", one to one', () => {
    expect(['key', 'kind', 'name', 'anonymous', '_meta', '~x', 'plan', '$opt_bucketing_id'].map(vendorAttributeName)).toEqual([
      '~key', '~kind', '~name', '~anonymous', '~_meta', '~~x', 'plan', '$opt_bucketing_id',
    ]);
    expect(isEscapedVendorName('')).toBe(false);
  });

  it('escapes the top-level name of a reference, literal or path, and leaves the rest', () => {
    expect(vendorAttributeReference('name')).toBe('~name');
    expect(vendorAttributeReference('/_meta/a')).toBe('/~0_meta/a');
    expect(parseAttributeReference(vendorAttributeReference('/_meta/a')).components).toEqual(['~_meta', 'a']);
    expect(vendorAttributeReference('/~0x')).toBe('/~0~0x');
    expect(parseAttributeReference(vendorAttributeReference('/~0x')).components).toEqual(['~~x']);
    expect(vendorAttributeReference('/user_properties/name')).toBe('/user_properties/name');
    expect(vendorAttributeReference('plan')).toBe('plan');
  });

  it('keeps an Amplitude user field named as a built-in, with no warning', () => {
    const result = amplitudeUserToContext({ user_id: 'u', key: 'k', name: 7, _meta: 'm' } as never);
    expect(result).toEqual({ ok: true, warnings: [], context: { kind: 'user', key: 'u', user_id: 'u', '~key': 'k', '~name': 7, '~_meta': 'm' } });
  });
});
