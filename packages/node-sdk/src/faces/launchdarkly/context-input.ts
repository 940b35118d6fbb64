import type { Context, ContextValidation } from '@ensign/context';
import { isValidKind, validateContext } from '@ensign/context';

/**
 * Whether `input` is a single-kind context that `validateContext` would accept unchanged: a plain object with a
 * valid `kind` other than `multi`, a non-empty string `key`, `name` a string and `anonymous` a boolean when
 * present, no `_meta`, and every other value a JSON primitive (string, boolean, finite number, null). Such a
 * context needs no deep copy: evaluation is synchronous and events copy what they keep. Anything else (nested
 * objects, arrays, multi-kind contexts, legacy users, `_meta`) is left to `validateContext`.
 */
function isPlainValidContext(input: unknown): input is Context {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return false;
  const o = input as Record<string, unknown>;
  const kind = o['kind'];
  const key = o['key'];
  if (typeof kind !== 'string' || kind === 'multi' || !isValidKind(kind)) return false;
  if (typeof key !== 'string' || key === '') return false;
  for (const name of Object.keys(o)) {
    if (name === '_meta') return false;
    const value = o[name];
    switch (typeof value) {
      case 'string':
        if (name === 'anonymous') return false;
        break;
      case 'boolean':
        if (name === 'name' || name === 'kind' || name === 'key') return false;
        break;
      case 'number':
        if (!Number.isFinite(value) || name === 'name' || name === 'anonymous') return false;
        break;
      default:
        // A null name or anonymous counts as absent (validateContext removes it), and so does an undefined value.
        if (value !== null || name === 'name' || name === 'anonymous') return false;
    }
  }
  return true;
}

/**
 * Validates a context given to the LaunchDarkly face: contexts, multi-kind contexts and legacy users, through
 * `validateContext`, with a fast path for flat single-kind contexts (the common case), which are used as they are.
 *
 * @example
 * checkContext({ kind: 'user', key: 'user-42', plan: 'pro' }); // { ok: true, context: <the same object>, warnings: [] }
 * checkContext({ kind: 'user' }); // { ok: false, error: 'key must be a string, got undefined' }
 */
export function checkContext(input: unknown): ContextValidation {
  try {
    if (isPlainValidContext(input)) return { ok: true, context: input, warnings: [] };
  } catch {
    // A hostile input (a throwing getter): validateContext reports it without throwing.
  }
  return validateContext(input);
}
