// JSON sizes and copies of values a caller handed in. The queue is bounded in bytes, so each event's serialized
// size is estimated once, when it is queued, by one walk that allocates nothing; values from outside (conversion
// data and tags, exposure metadata, flag values) are copied as plain JSON when an event is created, so what is
// queued is exactly what will be serialized, whatever the caller's objects (Proxies, getters) do later.

/** Nesting deeper than this is not JSON an event should carry (and catches cycles without a visited set). */
export const MAX_JSON_DEPTH = 64;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The size of `value` as JSON text, in characters: exact for ASCII strings without escapes, numbers estimated at
 * their digit count. Stops early once the size passes `limit` (returning a number above it). Returns -1 for a value
 * JSON cannot carry as it is (a BigInt, a cycle or nesting deeper than {@link MAX_JSON_DEPTH}, a getter or Proxy
 * that throws). `undefined`, functions and symbols inside objects are left out, as `JSON.stringify` does.
 */
export function estimateJsonBytes(value: unknown, limit: number): number {
  try {
    return walk(value, 0, limit, 0);
  } catch {
    return -1;
  }
}

/**
 * {@link estimateJsonBytes} of one value inside a bigger document that already holds `sofar` characters. Throws
 * what a getter or Proxy throws; the caller catches.
 */
export function estimateWithin(value: unknown, limit: number, sofar: number): number {
  return walk(value, 0, limit, sofar);
}

function walk(value: unknown, depth: number, limit: number, sofar: number): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return Number.isFinite(value) ? numberLength(value) : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'bigint':
      return -1;
    case 'object':
      break;
    default:
      return 4; // undefined, a function or a symbol: `null` in an array, left out in an object (over-estimated)
  }
  if (value === null) return 4;
  if (depth >= MAX_JSON_DEPTH) return -1;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const n = walk(value[i], depth + 1, limit, sofar + size);
      if (n < 0) return -1;
      size += n + 1;
      if (sofar + size > limit) return size;
    }
    return size;
  }
  const object = value as Record<string, unknown>;
  for (const name in object) {
    if (!hasOwn.call(object, name)) continue;
    const v = object[name];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const n = walk(v, depth + 1, limit, sofar + size);
    if (n < 0) return -1;
    size += name.length + 4 + n;
    if (sofar + size > limit) return size;
  }
  return size;
}

// Digits of a number, over-estimated by at most a few: comparisons only (timestamps and counters are common). A
// number that is not an integer takes up to 17 significant digits, a point and an exponent: 20 covers it below
// 1e13 (1000000.0000000001 is 18 characters), 24 above.
/** The estimated JSON length of a finite number (see {@link estimateJsonBytes}). */
export function numberLength(n: number): number {
  const a = n < 0 ? -n : n;
  const sign = n < 0 ? 1 : 0;
  if (a < 10) return sign + (Number.isInteger(a) ? 1 : 20);
  if (a < 1e3) return sign + (Number.isInteger(a) ? 3 : 20);
  if (a < 1e6) return sign + (Number.isInteger(a) ? 6 : 20);
  if (a < 1e13) return sign + (Number.isInteger(a) ? 13 : 20);
  return sign + 24;
}

/** Thrown (and caught by the pipeline, which counts the event as dropped) when a value cannot be copied as JSON. */
export class NotJsonError extends Error {
  constructor() {
    super('not JSON');
    this.name = 'NotJsonError';
  }
}

/**
 * A plain-JSON copy of `value`: objects become null-prototype-free plain objects with own data properties (so a
 * `__proto__` name stays data), arrays stay arrays, non-finite numbers become null, `undefined`, functions and
 * symbols are left out of objects (null in arrays), as `JSON.stringify` would. Primitives are returned as they are,
 * at no cost. Throws {@link NotJsonError} for a BigInt, a cycle, nesting deeper than {@link MAX_JSON_DEPTH}, or a
 * getter or Proxy that throws.
 */
export function copyJson(value: unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null; // + 0 turns -0 into 0, as JSON does
    case 'object':
      break;
    case 'bigint':
      throw new NotJsonError();
    default:
      return undefined;
  }
  if (value === null) return null;
  if (depth >= MAX_JSON_DEPTH) throw new NotJsonError();
  try {
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i += 1) {
        const v = copyJson(value[i], depth + 1);
        out[i] = v === undefined ? null : v;
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    const object = value as Record<string, unknown>;
    for (const name in object) {
      if (!hasOwn.call(object, name)) continue;
      const v = copyJson(object[name], depth + 1);
      if (v !== undefined) Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  } catch (error) {
    if (error instanceof NotJsonError) throw error;
    throw new NotJsonError();
  }
}
