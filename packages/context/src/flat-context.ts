import { isValidKind } from './kind.js';
import { enumerableFree } from './own.js';
import type { Context } from './types.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether `o` is a plain object (its prototype `Object.prototype`) whose built-ins need no conversion: a valid `kind`
 * other than `multi`, a non-empty string `key`, `name` a string and `anonymous` a boolean when present, no `_meta`.
 * Throws what a getter or Proxy trap throws (the callers catch it).
 */
function hasPlainBuiltIns(o: Record<string, unknown>): boolean {
  // `kind` and `key` are read before the prototype is checked: the reads give the optimizing compiler the object's
  // map, from which it knows the prototype, so the check below is a constant instead of a runtime call (~120
  // instructions per call, measured with callgrind).
  const kind = o['kind'];
  const key = o['key'];
  if (Object.getPrototypeOf(o) !== Object.prototype) return false;
  if (kind !== 'user' && (typeof kind !== 'string' || kind === 'multi' || !isValidKind(kind))) return false;
  if (typeof key !== 'string' || key === '') return false;
  const name = o['name'];
  const anonymous = o['anonymous'];
  return (name === undefined || typeof name === 'string') && (anonymous === undefined || typeof anonymous === 'boolean') && o['_meta'] === undefined;
}

/**
 * The quick test of the common case, a flat `user` (or other kind) context whose attributes are all strings,
 * booleans and finite numbers (or null): true only when {@link isPlainValidContext} would also say true. Anything
 * it is unsure of (a `name` that is not a string, an `anonymous` that is not a boolean, a `_meta`, another value
 * type, including one lent by a polluted `Object.prototype`) answers false, and the full walk decides.
 *
 * Cheaper than the full walk because the per-key work is a type test only: the names that have rules of their
 * own (`name`, `anonymous`, `_meta`) are read once, directly (the object's map is known from `kind` and `key`,
 * so a name it lacks costs a constant), instead of being compared with every key.
 */
function isCommonFlatContext(o: Record<string, unknown>): boolean {
  if (!hasPlainBuiltIns(o)) return false;
  // No `hasOwnProperty` per key, and no check that `Object.prototype` is unpolluted (a `for...in` over it, ~130
  // instructions per call, measured with callgrind): an enumerable property it was given is walked too. A value of
  // another type makes this test answer false (the full walk, own keys only, then decides); a string, boolean, finite
  // number or null passes, and the full walk would have accepted the context too. Every own key is walked as well, so
  // the answer is the full walk's either way. (An inherited getter that throws is caught by `flatContext`, which then
  // asks the full walk, as it would have.)
  // Strings first, then numbers, then the three constants: each type is tested once (a boolean tested before a number
  // costs every number two more comparisons).
  for (const attribute in o) {
    const value = o[attribute];
    if (typeof value === 'string') continue;
    if (typeof value === 'number') {
      // `value - value` is 0 for a finite number, NaN for NaN and ±Infinity.
      if (value - value !== 0) return false;
    } else if (value !== true && value !== false && value !== null) return false;
  }
  return true;
}

/**
 * The input itself when it is a plain single-kind context that needs no conversion to be evaluated as it is: a plain
 * object (its prototype `Object.prototype`) with a valid `kind` other than `multi`, a non-empty string `key`, `name` a
 * string and `anonymous` a boolean when present, and no `_meta`; otherwise null (legacy users, multi-kind contexts,
 * `_meta`, class instances and the oddities LaunchDarkly tolerates are left to `validateContext`). Never throws.
 *
 * Unlike {@link flatContext}, the other attribute values are not looked at: a `Date`, `NaN`, a function or a nested
 * object is read by the evaluator where it is, as LaunchDarkly's SDK reads its contexts (an operator that wants a
 * JSON type does not match it), and event payloads leave out what is not JSON. So no attribute is walked per call.
 *
 * @example
 * const input = { kind: 'user', key: 'user-42', createdAt: new Date() };
 * plainSingleContext(input) === input; // true (flatContext(input) is null: a Date is not JSON)
 * plainSingleContext({ kind: 'multi', user: { key: 'u' } }); // null
 */
export function plainSingleContext(input: unknown): Context | null {
  if (typeof input !== 'object' || input === null) return null;
  try {
    return hasPlainBuiltIns(input as Record<string, unknown>) ? (input as Context) : null;
  } catch {
    return null; // a getter or Proxy trap that throws: validateContext reports it
  }
}

/**
 * The input itself when it is a single-kind context object over another prototype than `Object.prototype` (a class
 * instance, `Object.create(proto)`, a null-prototype object) whose own `kind`, `key`, `name`, `anonymous` and `_meta`
 * are as {@link plainSingleContext} wants them; otherwise null. LaunchDarkly's SDK evaluates such an object on its own
 * properties (a getter or a value on its prototype is not an attribute), and so does Ensign's evaluator, so it is used
 * as it is: no copy. Never throws.
 *
 * @example
 * class UserContext { kind = 'user'; constructor(public key: string, public plan: string) {} }
 * const input = new UserContext('user-42', 'pro');
 * instanceSingleContext(input) === input; // true
 * instanceSingleContext({ kind: 'user', key: 'u' }); // null: a plain object is plainSingleContext's
 */
export function instanceSingleContext(input: unknown): Context | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  try {
    if (Object.getPrototypeOf(input) === Object.prototype) return null;
    const o = input as Record<string, unknown>;
    const own = (name: string): unknown => (hasOwn.call(o, name) ? o[name] : undefined);
    // The same rule as a plain context's, on its own built-ins only (a plain copy of the five: a rare path).
    const builtIns = { kind: own('kind'), key: own('key'), name: own('name'), anonymous: own('anonymous'), _meta: own('_meta') };
    return hasPlainBuiltIns(builtIns) ? (o as Context) : null;
  } catch {
    return null; // a getter or Proxy trap that throws: validateContext reports it
  }
}

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
    if (typeof input !== 'object' || input === null) return null;
    return isCommonFlatContext(input as Record<string, unknown>) || isPlainValidContext(input) ? (input as Context) : null;
  } catch {
    // A hostile input (a throwing getter): validateContext reports it without throwing. The quick test also reads
    // what a polluted `Object.prototype` lends: then the full walk (own keys only) decides, as it did before the
    // quick test stopped checking for pollution.
    return afterThrow(input);
  }
}

/** `flatContext`'s answer when a test threw: the full walk's over a polluted `Object.prototype`, else null. */
function afterThrow(input: unknown): Context | null {
  if (enumerableFree(Object.prototype)) return null;
  try {
    return isPlainValidContext(input) ? input : null;
  } catch {
    return null;
  }
}
