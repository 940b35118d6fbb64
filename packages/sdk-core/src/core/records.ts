import { maskSecretsIn } from '@ensign/common';
/**
 * Sets `record[key] = value` as an own data property, so a key from outside (a flag key named `__proto__`) is plain
 * data and never reaches the prototype.
 *
 * @example
 * const decisions: Record<string, number> = {};
 * setEntry(decisions, '__proto__', 1); // Object.keys(decisions) → ['__proto__']
 */
export function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/**
 * A value given as a key, as text for results and log lines: strings as they are, anything else through `String`,
 * and `'[invalid key]'` for values `String` cannot convert (a prototype-free object, a throwing `toString`).
 *
 * @example
 * keyText(42); // '42'
 * keyText(Object.create(null)); // '[invalid key]'
 */
export function keyText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return '[invalid key]';
  }
}

/**
 * The message of something thrown, for a log line: an Error's message, or {@link keyText} of anything else, with
 * anything secret-looking masked (`maskSecretsIn`: URL credentials, key/token query parameters, long tokens), since
 * errors of your own services (a Redis URL with a password) end up in log lines.
 *
 * @example
 * messageOf(new Error('store down')); // 'store down'
 */
export function messageOf(error: unknown): string {
  try {
    return maskSecretsIn(error instanceof Error ? String(error.message) : keyText(error));
  } catch {
    return '[unreadable error]';
  }
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
