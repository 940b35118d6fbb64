import { enumerableFree } from './own.js';
import type { SingleKindContext } from './types.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A JSON primitive that `validateContext` keeps as it is. */
function isPrimitive(value: unknown): boolean {
  // `typeof` comparisons rather than a `switch (typeof value)`, which V8 compiles to a call here.
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return value === null;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The fields `amplitudeUserToContext` treats specially (groups become other kinds; the rest are reserved or built-in). */
function isSlowField(name: string): boolean {
  switch (name) {
    case 'groups':
    case 'group_properties':
    case 'group_cohort_ids':
    case 'kind':
    case 'key':
    case '_meta':
    case 'name':
    case 'anonymous':
      return true;
    default:
      return name.charCodeAt(0) === 126; // '~': escaped by the full conversion

  }
}

/** Whether every own property of a plain object is a JSON primitive (`ownOnly`: `for...in` yields own keys only). */
function primitiveValues(value: Record<string, unknown>, ownOnly: boolean): boolean {
  for (const p in value) if ((ownOnly || hasOwn.call(value, p)) && !isPrimitive(value[p])) return false;
  return true;
}

/**
 * The context `amplitudeUserToContext` would return for a flat user, built without its two deep copies: a plain
 * object with no group fields, every value a JSON primitive except `user_properties` (a plain object of
 * primitives), and a non-empty `user_id` or `device_id`. Null for any other user (then the full conversion runs),
 * and for an input that throws while being read.
 *
 * @example
 * flatUserContext({ user_id: 'user-42', country: 'US' }); // { kind: 'user', key: 'user-42', user_id: 'user-42', country: 'US' }
 * flatUserContext({ user_id: 'u', groups: { org: ['Acme'] } }); // null: groups need the full conversion
 */
export function flatUserContext(user: unknown): SingleKindContext | null {
  try {
    return flatContextOf(user);
  } catch {
    // A hostile input (a throwing getter): the full conversion reports it without throwing.
    return null;
  }
}

function flatContextOf(user: unknown): SingleKindContext | null {
  if (!isPlainObject(user)) return null;
  const userId = user['user_id'];
  const deviceId = user['device_id'];
  const key = typeof userId === 'string' && userId !== '' ? userId : typeof deviceId === 'string' && deviceId !== '' ? deviceId : null;
  if (key === null) return null;
  // Own keys through `for...in`: the keys of `Object.keys`, without allocating an array. Both objects walked are
  // plain, so while Object.prototype has no enumerable property (no pollution) every key is an own one.
  const ownOnly = enumerableFree(Object.prototype);
  for (const name in user) {
    if (!ownOnly && !hasOwn.call(user, name)) continue;
    if (isSlowField(name)) return null;
    const value = user[name];
    if (name === 'user_properties' && isPlainObject(value)) {
      if (!primitiveValues(value, ownOnly)) return null;
    } else if (!isPrimitive(value)) return null;
  }
  return { kind: 'user', key, ...user } as SingleKindContext;
}
