import type { AmplitudeUser, ContextValidation, SingleKindContext } from '@ensign/context';
import { amplitudeUserToContext } from '@ensign/context';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A JSON primitive that `validateContext` keeps as it is. */
function isPrimitive(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    default:
      return value === null;
  }
}

/** The fields `amplitudeUserToContext` treats specially (groups become other kinds; the rest are reserved or built-in). */
const SLOW_FIELDS = new Set(['groups', 'group_properties', 'group_cohort_ids', 'kind', 'key', '_meta', 'name', 'anonymous']);

/**
 * The context `amplitudeUserToContext` would return for a flat user, built without its two deep copies: a plain
 * object with no group fields, every value a JSON primitive except `user_properties` (a plain object of
 * primitives), and a non-empty `user_id` or `device_id`. Null for any other user (then the full conversion runs).
 */
function flatUserContext(user: unknown): SingleKindContext | null {
  if (!isPlainObject(user)) return null;
  const userId = user['user_id'];
  const deviceId = user['device_id'];
  const key = typeof userId === 'string' && userId !== '' ? userId : typeof deviceId === 'string' && deviceId !== '' ? deviceId : null;
  if (key === null) return null;
  for (const name of Object.keys(user)) {
    if (SLOW_FIELDS.has(name)) return null;
    const value = user[name];
    if (name === 'user_properties' && isPlainObject(value)) {
      for (const p of Object.keys(value)) if (!isPrimitive(value[p])) return null;
    } else if (!isPrimitive(value)) return null;
  }
  return { kind: 'user', key, ...user } as SingleKindContext;
}

/**
 * Converts an Amplitude user for the Amplitude face: `amplitudeUserToContext`, with a fast path for flat users
 * (the common case), which gives the same context without copying the user twice.
 *
 * @example
 * amplitudeContext({ user_id: 'user-42', user_properties: { plan: 'pro' } });
 * // { ok: true, context: { kind: 'user', key: 'user-42', user_id: 'user-42', user_properties: { plan: 'pro' } }, warnings: [] }
 */
export function amplitudeContext(user: AmplitudeUser): ContextValidation {
  try {
    const flat = flatUserContext(user);
    if (flat) return { ok: true, context: flat, warnings: [] };
  } catch {
    // A hostile input (a throwing getter): the full conversion reports it without throwing.
  }
  return amplitudeUserToContext(user);
}
