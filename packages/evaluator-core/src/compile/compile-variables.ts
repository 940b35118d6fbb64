// Variable values, cast per declared type and frozen once, so that every decision can share them.
import type { JsonValue, VariableDefinition, VariableType, Variation } from '@ensign/datafile-schema';

/** The frozen empty object shared by every result without variables. */
export const EMPTY_VARIABLES: Readonly<Record<string, JsonValue>> = Object.freeze({});

/**
 * Deep-copies and freezes a JSON value (primitives are returned as they are), so that callers cannot change the
 * compiled datafile through a result. Keys such as `__proto__` stay plain data.
 *
 * @example
 * const v = freezeJson({ a: [1] }); // Object.isFrozen(v) && Object.isFrozen(v.a)
 */
export function freezeJson(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(freezeJson)) as JsonValue;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: freezeJson(value[key] as JsonValue), enumerable: true, writable: false, configurable: false });
  }
  return Object.freeze(out);
}

/**
 * Casts a variable value to its declared type, as Optimizely's `getTypeCastValue` does for its string-encoded values:
 * booleans accept `true`/`false` (or the strings), integers `parseInt`, doubles `parseFloat`, json parses strings;
 * a value that does not cast gives null.
 *
 * @example
 * castVariable('42', 'integer'); // 42
 * castVariable('yes', 'boolean'); // null
 */
export function castVariable(value: JsonValue, type: VariableType): JsonValue {
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return value === 'true' ? true : value === 'false' ? false : null;
    case 'integer': {
      if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
      if (typeof value !== 'string') return null;
      const n = parseInt(value, 10);
      return Number.isNaN(n) ? null : n;
    }
    case 'double': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      if (typeof value !== 'string') return null;
      const n = parseFloat(value);
      return Number.isNaN(n) ? null : n;
    }
    case 'string':
      if (typeof value === 'string') return value;
      if (value === null) return null;
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as JsonValue;
      } catch {
        return null;
      }
    default:
      return value;
  }
}

function setValue(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value: freezeJson(value), enumerable: true, writable: true, configurable: true });
}

/** The flag's variable defaults, cast and frozen. */
export function compileDefaults(definitions: readonly VariableDefinition[] | undefined): Readonly<Record<string, JsonValue>> {
  if (!Array.isArray(definitions) || definitions.length === 0) return EMPTY_VARIABLES;
  const out: Record<string, JsonValue> = {};
  for (const d of definitions) {
    if (d === null || typeof d !== 'object' || typeof d.key !== 'string') continue;
    setValue(out, d.key, castVariable(d.default ?? null, d.type));
  }
  return Object.freeze(out);
}

/**
 * The variables served with a variation: the defaults, overridden by the variation's own values (cast to the
 * declared type; undeclared keys are kept as written). Frozen.
 */
export function compileVariationVariables(
  definitions: readonly VariableDefinition[] | undefined,
  defaults: Readonly<Record<string, JsonValue>>,
  variation: Variation,
): Readonly<Record<string, JsonValue>> {
  const own = variation.variables;
  if (own === null || typeof own !== 'object' || Object.keys(own).length === 0) return defaults;
  const types = new Map<string, VariableType>();
  if (Array.isArray(definitions)) for (const d of definitions) if (d && typeof d.key === 'string') types.set(d.key, d.type);
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(defaults)) setValue(out, key, defaults[key] as JsonValue);
  for (const key of Object.keys(own)) {
    const type = types.get(key);
    const raw = own[key] as JsonValue;
    setValue(out, key, type === undefined ? raw : castVariable(raw, type));
  }
  return Object.freeze(out);
}
