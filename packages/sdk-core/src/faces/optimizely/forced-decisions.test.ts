import { describe, expect, it } from 'vitest';
import { createForcedDecisions } from './forced-decisions.js';

describe('createForcedDecisions', () => {
  it('keeps flag-level and rule-level forced decisions apart', () => {
    const forced = createForcedDecisions();
    expect(forced.set({ flagKey: 'f' }, { variationKey: 'a' })).toBe(true);
    expect(forced.set({ flagKey: 'f', ruleKey: 'r' }, { variationKey: 'b' })).toBe(true);
    expect(forced.get({ flagKey: 'f' })).toEqual({ variationKey: 'a' });
    expect(forced.get({ flagKey: 'f', ruleKey: 'r' })).toEqual({ variationKey: 'b' });
    expect(forced.list()).toEqual([
      { flagKey: 'f', variationKey: 'a' },
      { flagKey: 'f', ruleKey: 'r', variationKey: 'b' },
    ]);
  });

  it('replaces a forced decision set twice for the same context', () => {
    const forced = createForcedDecisions();
    forced.set({ flagKey: 'f' }, { variationKey: 'a' });
    forced.set({ flagKey: 'f', ruleKey: null }, { variationKey: 'c' });
    expect(forced.list()).toEqual([{ flagKey: 'f', variationKey: 'c' }]);
  });

  it('removes one, then all, and says whether something was removed', () => {
    const forced = createForcedDecisions();
    forced.set({ flagKey: 'f' }, { variationKey: 'a' });
    forced.set({ flagKey: 'g' }, { variationKey: 'b' });
    expect(forced.remove({ flagKey: 'f' })).toBe(true);
    expect(forced.remove({ flagKey: 'f' })).toBe(false);
    expect(forced.get({ flagKey: 'f' })).toBeNull();
    expect(forced.clear()).toBe(true);
    expect(forced.list()).toEqual([]);
  });

  it('refuses bad arguments with false or null instead of throwing', () => {
    const forced = createForcedDecisions();
    expect(forced.set(null, { variationKey: 'a' })).toBe(false);
    expect(forced.set({ flagKey: 1 }, { variationKey: 'a' })).toBe(false);
    expect(forced.set({ flagKey: 'f' }, { variationKey: 3 })).toBe(false);
    expect(forced.set({ flagKey: 'f' }, undefined)).toBe(false);
    expect(forced.get(undefined)).toBeNull();
    expect(forced.remove('f')).toBe(false);
    expect(forced.list()).toEqual([]);
  });

  it('returns the same list object until something changes', () => {
    const forced = createForcedDecisions();
    forced.set({ flagKey: 'f' }, { variationKey: 'a' });
    const first = forced.list();
    expect(forced.list()).toBe(first);
    forced.set({ flagKey: 'g' }, { variationKey: 'b' });
    expect(forced.list()).not.toBe(first);
  });
});
