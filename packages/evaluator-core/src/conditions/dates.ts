// Dates for the `before` / `after` operators, read as LaunchDarkly reads them (js-sdk-common validators.ts
// DateValidator): a number is epoch milliseconds; a string must start with an RFC 3339 date-time (Go's RFC3339Nano,
// which is what the reference SDK accepts) and is read by `Date.parse`. Anything else is not a date.

const RFC3339 = /^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d\d*)?(Z|[-+]\d\d(:\d\d)?)/;

/**
 * Reads a date as epoch milliseconds; null when the value is not a date. An RFC 3339 string `Date.parse` cannot
 * read (a 13th month) gives NaN, which no comparison matches.
 *
 * @example
 * parseDateValue('2024-01-01T00:00:00Z'); // 1704067200000
 * parseDateValue('2024-01-01'); // null (no time)
 */
export function parseDateValue(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && RFC3339.test(value)) return Date.parse(value);
  return null;
}
