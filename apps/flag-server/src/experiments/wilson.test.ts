import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  // Reference values: Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I
  // (method 3, the score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('gives Newcombe\'s interval for %i/%i', (x, n, low, high) => {
    const [l, h] = wilsonInterval(x, n);
    expect(l).toBeCloseTo(low, 4);
    expect(h).toBeCloseTo(high, 4);
  });

  it('stays inside [0, 1] and answers [0, 1] with no trials', () => {
    expect(wilsonInterval(5, 5)[1]).toBeLessThanOrEqual(1);
    expect(wilsonInterval(0, 5)[0]).toBeGreaterThanOrEqual(0);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});
