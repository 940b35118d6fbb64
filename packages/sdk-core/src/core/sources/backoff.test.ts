import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.js';

describe('createBackoff', () => {
  it('doubles from the first delay up to the cap, with half of each delay random', () => {
    const low = createBackoff({ initialMs: 1_000, maxMs: 5_000, random: () => 0 });
    expect([low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    const high = createBackoff({ initialMs: 1_000, maxMs: 5_000, random: () => 0.999 });
    expect(high.next()).toBe(1_000);
    expect(high.next()).toBe(1_999);
  });

  it('starts over after reset and counts failures', () => {
    const backoff = createBackoff({ initialMs: 100, maxMs: 10_000, random: () => 0 });
    backoff.next();
    backoff.next();
    expect(backoff.failures).toBe(2);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.next()).toBe(50);
  });

  it('uses the middle of the range when random gives something out of [0, 1)', () => {
    expect(createBackoff({ initialMs: 1_000, maxMs: 1_000, random: () => Number.NaN }).next()).toBe(750);
  });
});
