import { isValidKind } from './kind.js';
import { enumerableFree } from './own.js';
import type { Context } from './types.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether `input` is a single-kind context that `validateContext` would accept unchanged: a plain object with a
 * valid `kind` other than `multi`, a non-empty string `key`, `name` a string and `anonymous` a boolean when
 * present, no `_meta`, and every other value a JSON primitive (string, boolean, finite number, null). Such a
 * context needs no deep copy: evaluation is synchronous and events copy what they keep. Anything else (nested
 * objects, arrays, multi-kind contexts, legacy users, `_meta`) is left to `validateContext`.
 *
 * Own keys are walked with `for...in` (the keys of `Object.keys`, in the same order): V8 reads them through the
 * object's enum cache with no array allocated, and with no `hasOwnProperty` per key while `Object.prototype` has no
 * enumerable property (a polluted prototype brings the check back).
 */
function isPlainValidContext(input: unknown): input is Context {
  if (typeof input !== 'object' || input === null) return false;
  const o = input as Record<string, unknown>;
  // `kind` and `key` are read before the prototype is checked: the reads give the optimizing compiler the object's
  // map, from which it knows the prototype, so the check below is a constant instead of a runtime call (~120
  // instructions per call, measured with callgrind). Any object may be read here: a getter or a Proxy trap that
  // throws is caught by `flatContext`, and anything not plain still goes to `validateContext`.
  const kind = o['kind'];
  const key = o['key'];
  if (Object.getPrototypeOf(o) !== Object.prototype) return false;
  if (typeof kind !== 'string' || kind === 'multi' || (kind !== 'user' && !isValidKind(kind))) return false;
  if (typeof key !== 'string' || key === '') return false;
  // The prototype is Object.prototype: unless something made one of its properties enumerable (pollution), `for...in`
  // yields the object's own keys only, and the per-key `hasOwnProperty` (costly here) can be skipped.
  const clean = enumerableFree(Object.prototype);
  for (const name in o) {
    if (!clean && !hasOwn.call(o, name)) continue;
    if (name === '_meta') return false;
    const value = o[name];
    if (typeof value === 'string') {
      if (name === 'anonymous') return false;
    } else if (typeof value === 'boolean') {
      if (name === 'name' || name === 'kind' || name === 'key') return false;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || name === 'name' || name === 'anonymous') return false;
    } else if (value !== null || name === 'name' || name === 'anonymous') {
      // A null name or anonymous counts as absent (validateContext removes it), and so does an undefined value.
      return false;
    }
  }
  return true;
}

/**
 * The input itself when it is a flat, valid single-kind context (see `checkContext`), else null: the allocation-free
 * fast path of `validateContext`, exported for hot paths that need no result object. Never throws.
 *
 * @example
 * const input = { kind: 'user', key: 'user-42', plan: 'pro' };
 * flatContext(input) === input; // true
 * flatContext({ key: 'legacy-user' }); // null: a legacy user goes through validateContext
 */
export function flatContext(input: unknown): Context | null {
  try {
    return isPlainValidContext(input) ? input : null;
  } catch {
    // A hostile input (a throwing getter): validateContext reports it without throwing.
    return null;
  }
}
