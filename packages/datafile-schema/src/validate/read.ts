// Field readers: each reads one own field, reports a missing or mistyped value at `<current path>.<field>`, and
// returns the value when it has the right type. `undefined` counts as absent (as JSON.stringify would drop it).
import type { Ctx } from './ctx.js';

/** An object read from the input. Fields are read only after the prototype check of {@link asObject}. */
export type Obj = Record<string, unknown>;

/** Names a value's JSON type for messages (`NaN` and `Infinity` are named, not `number`). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** A plain object: not null, not an array, and (for object input) with `Object.prototype` or `null` as prototype. */
export function isObj(c: Ctx, value: unknown): value is Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (!c.strict) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Returns the value as an object, or reports why it is not one at the current path (plus `tail`). */
export function asObject(c: Ctx, value: unknown, tail?: string | number): Obj | undefined {
  if (isObj(c, value)) return value;
  const at = tail === undefined ? [] : [tail];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    c.error('must be a plain JSON object (its prototype is not Object.prototype: a class instance, or a "__proto__" key in an object literal?)', ...at);
  } else {
    c.error(`must be an object, got ${describe(value)}`, ...at);
  }
  return undefined;
}

/** Warns about each field of `o` that is not in `known` (ignored, so a newer server can serve an older SDK). */
export function checkFields(c: Ctx, o: Obj, known: ReadonlySet<string>): void {
  for (const key in o) {
    if (!known.has(key)) c.warn(`unknown field "${key}" (ignored)`, key);
  }
}

function missing(c: Ctx, o: Obj, key: string, required: boolean): boolean {
  if (required) c.error('is required', key);
  return false;
}

/** Reads a string field. `nonEmpty` rejects `''`. */
export function str(c: Ctx, o: Obj, key: string, required: boolean, nonEmpty = false): string | undefined {
  const v = o[key];
  if (typeof v === 'string') {
    if (nonEmpty && v === '') {
      c.error('must not be empty', key);
      return undefined;
    }
    return v;
  }
  if (v === undefined) missing(c, o, key, required);
  else c.error(`must be a string, got ${describe(v)}`, key);
  return undefined;
}

/** Reads a boolean field. */
export function bool(c: Ctx, o: Obj, key: string, required: boolean): boolean | undefined {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  if (v === undefined) missing(c, o, key, required);
  else c.error(`must be a boolean, got ${describe(v)}`, key);
  return undefined;
}

/** Bounds of a number field. Shared constants, so reading a field allocates nothing. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}
/** `>= 0`. */
export const NON_NEGATIVE: Bounds = Object.freeze({ min: 0 });
/** An integer `>= 0`. */
export const NON_NEGATIVE_INTEGER: Bounds = Object.freeze({ min: 0, integer: true });
/** `0..1`. */
export const FRACTION: Bounds = Object.freeze({ min: 0, max: 1 });

/** Reads a finite number field, optionally an integer and within `[min, max]`. */
export function num(
  c: Ctx,
  o: Obj,
  key: string,
  required: boolean,
  bounds?: Bounds,
): number | undefined {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (bounds !== undefined && !inBounds(c, v, bounds, key)) return undefined;
    return v;
  }
  if (v === undefined) missing(c, o, key, required);
  else c.error(`must be a finite number, got ${describe(v)}`, key);
  return undefined;
}

function inBounds(c: Ctx, v: number, b: Bounds, key: string | number): boolean {
  if (b.integer === true && !Number.isInteger(v)) {
    c.error(`must be an integer, got ${v}`, key);
    return false;
  }
  if (b.min !== undefined && v < b.min) {
    c.error(b.min === 0 ? `must not be negative, got ${v}` : `must be at least ${b.min}, got ${v}`, key);
    return false;
  }
  if (b.max !== undefined && v > b.max) {
    c.error(`must be at most ${b.max}, got ${v}`, key);
    return false;
  }
  return true;
}

/** Reads an array field. */
export function arr(c: Ctx, o: Obj, key: string, required: boolean): unknown[] | undefined {
  const v = o[key];
  if (Array.isArray(v)) return v;
  if (v === undefined) missing(c, o, key, required);
  else c.error(`must be an array, got ${describe(v)}`, key);
  return undefined;
}

/** Reads an object field. */
export function obj(c: Ctx, o: Obj, key: string, required: boolean): Obj | undefined {
  const v = o[key];
  if (v === undefined) {
    missing(c, o, key, required);
    return undefined;
  }
  return asObject(c, v, key);
}

/** Reads an array of strings; returns it only when every element is a string (`nonEmpty`: and not `''`). */
export function strArray(c: Ctx, o: Obj, key: string, required: boolean, nonEmpty = false): string[] | undefined {
  const a = arr(c, o, key, required);
  if (a === undefined) return undefined;
  let good = true;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'string') {
      c.error(`must be a string, got ${describe(v)}`, key, i);
      good = false;
    } else if (nonEmpty && v === '') {
      c.error('must not be empty', key, i);
      good = false;
    }
  }
  return good ? (a as string[]) : undefined;
}

/** Reads a string field that must be one of `values`. */
export function oneOf<T extends string>(c: Ctx, o: Obj, key: string, values: ReadonlySet<T>, required: boolean): T | undefined {
  const v = o[key];
  if (typeof v === 'string' && values.has(v as T)) return v as T;
  if (v === undefined) missing(c, o, key, required);
  else c.error(`must be one of ${[...values].map((x) => JSON.stringify(x)).join(', ')}, got ${typeof v === 'string' ? JSON.stringify(v) : describe(v)}`, key);
  return undefined;
}

/** Checks a `[number, number]` pair (a range). Returns it when well formed. */
export function pair(c: Ctx, v: unknown, ...tail: (string | number)[]): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) {
    c.error(`must be a pair [start, end], got ${Array.isArray(v) ? `an array of ${v.length}` : describe(v)}`, ...tail);
    return undefined;
  }
  const a: unknown = v[0];
  const b: unknown = v[1];
  if (typeof a !== 'number' || !Number.isFinite(a) || typeof b !== 'number' || !Number.isFinite(b)) {
    c.error(`must hold two finite numbers, got [${describe(a)}, ${describe(b)}]`, ...tail);
    return undefined;
  }
  return [a, b];
}

/** Reads an optional pair field. */
export function pairField(c: Ctx, o: Obj, key: string, required: boolean): [number, number] | undefined {
  const v = o[key];
  if (v === undefined) {
    missing(c, o, key, required);
    return undefined;
  }
  return pair(c, v, key);
}
