import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const options = (r: number) => ({ baseMs: 1_000, maxMs: 30_000, random: () => r });

describe('backoffDelay', () => {
  it('doubles the ceiling with each retry and scales it by the random draw (full jitter)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options(0.5)))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(20, options(0.999_999))).toBe(29_999);
    expect(backoffDelay(1_000, options(0.5))).toBe(15_000);
  });

  it('can retry at once when the draw is 0', () => {
    expect(backoffDelay(3, options(0))).toBe(0);
  });

  it('waits at least a Retry-After hint, capped at the maximum', () => {
    expect(backoffDelay(1, options(0), 5_000)).toBe(5_000);
    expect(backoffDelay(1, options(0), 3_600_000)).toBe(30_000);
  });

  it('survives a random source outside [0, 1)', () => {
    expect(backoffDelay(1, options(Number.NaN))).toBe(500);
    expect(backoffDelay(1, options(7))).toBe(500);
  });
});
