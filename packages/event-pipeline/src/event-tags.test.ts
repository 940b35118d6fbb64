import { describe, expect, it } from 'vitest';
import { liftEventTags } from './event-tags.js';

describe('liftEventTags', () => {
  it('lifts revenue as an integer and value as a float from strings', () => {
    expect(liftEventTags({ revenue: '4200.99', value: '3.5', category: 'shoes' })).toEqual({ revenue: 4200, value: 3.5 });
  });

  it('truncates a numeric revenue towards zero and keeps a numeric value', () => {
    expect(liftEventTags({ revenue: 99.9, value: -1.25 })).toEqual({ revenue: 99, value: -1.25 });
    expect(liftEventTags({ revenue: -99.9 }).revenue).toBe(-99);
  });

  it('gives null for absent, unparsable, infinite or non-numeric tags', () => {
    expect(liftEventTags(undefined)).toEqual({ revenue: null, value: null });
    expect(liftEventTags({})).toEqual({ revenue: null, value: null });
    expect(liftEventTags({ revenue: 'abc', value: 'xyz' })).toEqual({ revenue: null, value: null });
    expect(liftEventTags({ revenue: true, value: { n: 1 } })).toEqual({ revenue: null, value: null });
    expect(liftEventTags({ revenue: null, value: null })).toEqual({ revenue: null, value: null });
    expect(liftEventTags({ value: '1e400' })).toEqual({ revenue: null, value: null });
  });

  it('reads only own tags, never inherited ones', () => {
    const tags = Object.create({ revenue: 5 }) as Record<string, number>;
    expect(liftEventTags(tags).revenue).toBeNull();
  });
});
