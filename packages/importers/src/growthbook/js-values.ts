// GrowthBook's SDK reads its payload with JavaScript's loose rules: truthiness (`rule.seed || key`), property keys
// turned into text (`features[id]`, `attributes[hashAttribute]`), numbers compared with coercion, and conditions
// walked with `Object.entries`. These helpers read a payload value the same way, so odd payloads import faithfully.
import type { JsonObject } from '@ensign/datafile-schema';
import { isRecord, toJson } from '../shared/values.js';

/** JavaScript truthiness of a JSON value. */
export function truthy(value: unknown): boolean {
  return Boolean(value);
}

/** The text JavaScript makes of a value used as a property key or joined with `+` (arrays join with commas). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (v === null || v === undefined ? '' : text(v))).join(',');
  if (isRecord(value)) return '[object Object]';
  return String(value);
}

/** `a || fallback` as text. */
export function textOr(value: unknown, fallback: string): string {
  return truthy(value) ? text(value) : fallback;
}

/** A number as JavaScript's relational operators coerce it (NaN when it is none). */
export function looseNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) || isRecord(value)) return Number(text(value));
  return Number(value);
}

/**
 * A GrowthBook condition as its `evalCondition` walks it (`Object.entries`): an object as it is, an array or a string
 * by index, any other truthy value as `{}` (no entries: it passes). Undefined for a falsy value (no condition).
 */
export function mongoCondition(value: unknown): JsonObject | undefined {
  if (!truthy(value)) return undefined;
  if (isRecord(value)) return toJson(value) as JsonObject;
  const out: JsonObject = {};
  const items: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split('') : [];
  items.forEach((v, i) => {
    out[String(i)] = toJson(v);
  });
  return out;
}
