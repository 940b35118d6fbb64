// Internal helpers that treat every property name, `__proto__` included, as plain data.

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** Whether `target` has an own property `name` (never looks at the prototype chain). */
export function hasOwn(target: object, name: string): boolean {
  return hasOwnProperty.call(target, name);
}

/**
 * Sets an own, enumerable property. Plain assignment of `__proto__` would change the prototype of `target`
 * instead of storing data, so that one name goes through `defineProperty`.
 */
export function setOwn(target: Record<string, unknown> | unknown[], name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    (target as Record<string, unknown>)[name] = value;
  }
}

/** Whether a value is a non-null object that is not an array. */
export function isObjectRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a value's type for an error message, without serializing it (it may be private or hostile). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : type === 'undefined' ? 'undefined' : `a ${type}`;
}

/**
 * Whether `for...in` over `value` yields nothing: no enumerable string-keyed property, own or inherited. Called on
 * `Object.prototype` before walking a plain object with `for...in`: when it holds (it always does unless the prototype
 * was polluted), the walk sees exactly the object's own keys, in `Object.keys` order, without a `hasOwnProperty` each.
 *
 * @example
 * enumerableFree(Object.prototype); // true, unless a library added an enumerable property to it
 */
export function enumerableFree(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
