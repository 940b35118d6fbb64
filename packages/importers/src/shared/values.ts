// Small, total readers of untrusted vendor JSON: each answers a typed value or undefined, and never throws.
import type { JsonValue } from '@ensign/datafile-schema';

/** Whether a value is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number, else undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The value when it is an array, else an empty array. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The own, enumerable entries of an object (none for anything else); `__proto__` is a key like any other. */
export function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/**
 * A deep copy of a JSON value with only JSON in it (undefined, functions and symbols dropped, non-finite numbers as
 * null), built without assigning onto plain objects by key so that `__proto__` stays data.
 *
 * @example
 * toJson({ a: [1, undefined, NaN] }); // { a: [1, null, null] }
 */
export function toJson(value: unknown, depth = 0): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (depth > 200) return null;
  if (Array.isArray(value)) return value.map((v) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : toJson(v, depth + 1)));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as object)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      Object.defineProperty(out, k, { value: toJson(v, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return null;
}

/**
 * A stable text form of a JSON value (object keys sorted), to compare values by content.
 *
 * @example
 * stableKey({ b: 1, a: 2 }) === stableKey({ a: 2, b: 1 }); // true
 */
export function stableKey(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey(value[k] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
