import { parseDatafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from './client.js';

describe('the example datafile', () => {
  it('is valid for parseDatafile, with no warnings, as an object and as JSON text', () => {
    for (const input of [exampleDatafile, JSON.stringify(exampleDatafile)]) {
      const parsed = parseDatafile(input);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      expect(parsed.warnings).toEqual([]);
    }
  });

  it('holds the pieces the README and the tests rely on', () => {
    const keys = exampleDatafile.flags.map((f) => f.key);
    expect(keys).toEqual([
      'checkout-redesign', 'new-onboarding', 'onboarding-tour', 'dark-mode', 'enterprise-dashboard',
      'max-cart-items', 'homepage-hero', 'pricing-page', 'legacy-banner',
    ]);
    expect(exampleDatafile.events?.map((e) => e.key)).toEqual(['purchase', 'add_to_cart']);
    expect(exampleDatafile.segments?.[0]?.key).toBe('beta-testers');
    expect(exampleDatafile.audiences?.[0]?.id).toBe('60001');
  });
});
