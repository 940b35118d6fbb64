import { describe, expect, it } from 'vitest';
import { parseDateValue } from './dates.js';

describe('dates of before/after', () => {
  it('reads numbers as epoch milliseconds', () => {
    expect(parseDateValue(1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it('reads RFC 3339 date-times with Z, an offset, or fractions', () => {
    expect(parseDateValue('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(parseDateValue('2024-01-01T01:00:00+01:00')).toBe(Date.UTC(2024, 0, 1));
    expect(parseDateValue('2024-01-01T00:00:00.250Z')).toBe(Date.UTC(2024, 0, 1) + 250);
  });

  it('refuses a date without a time or a time zone, and non-dates', () => {
    expect(parseDateValue('2024-01-01')).toBeNull();
    expect(parseDateValue('2024-01-01T00:00:00')).toBeNull();
    expect(parseDateValue(true)).toBeNull();
  });

  it('gives NaN for an RFC 3339 shape Date.parse cannot read, which no comparison matches', () => {
    expect(parseDateValue('2024-13-45T00:00:00Z')).toBeNaN();
  });
});
