// Feature variables: Optimizely keeps every value as a string and casts it when read (project_config
// getTypeCastValue): boolean accepts only "true" / "false", integer is parseInt(v, 10), double parseFloat, json
// JSON.parse; a failed cast reads as null. A `string` variable with `subType: "json"` is a json variable.
import type { JsonValue, VariableDefinition, VariableType } from '@ensign/datafile-schema';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, str, toJson } from '../shared/values.js';

/** The type each imported variable was declared with (its `type` may become `json` when a value does not cast). */
const declared = new WeakMap<VariableDefinition, VariableType>();

const TYPES: ReadonlySet<string> = new Set(['boolean', 'integer', 'double', 'string', 'json']);

/**
 * The value Optimizely reads from a variable's raw value (project_config getTypeCastValue), or undefined where it
 * reads null: boolean only from "true" / "false", integer `parseInt(v, 10)`, double `parseFloat(v)`, json
 * `JSON.parse(v)`, string the raw value as it is (even when it is not a string).
 */
export function castVariable(type: VariableType, raw: unknown): JsonValue | undefined {
  switch (type) {
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'integer': {
      const n = parseInt(String(raw), 10);
      return Number.isNaN(n) ? undefined : n;
    }
    case 'double': {
      const n = parseFloat(String(raw));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'json':
      try {
        return toJson(JSON.parse(String(raw)) as unknown);
      } catch {
        return undefined;
      }
    default:
      return raw === undefined ? undefined : toJson(raw);
  }
}

/** Whether a value can be held by a native variable of this type. */
function fits(type: VariableType, value: JsonValue): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'double':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    default:
      return true;
  }
}

/** A flag's variables, by Optimizely variable id, as imported. */
export interface FlagVariables {
  readonly definitions: VariableDefinition[];
  /** Variable id → its definition (ids are unique within the flag; other flags may reuse them). */
  readonly byId: ReadonlyMap<string, VariableDefinition>;
}

/**
 * Imports a flag's variable definitions with their defaults cast to the declared type. A variable whose default
 * does not cast becomes a `json` variable defaulting to null (Optimizely reads null), with a warning.
 */
export function importVariables(flag: Record<string, unknown>, path: string, d: Diagnostics): FlagVariables {
  const definitions: VariableDefinition[] = [];
  const byId = new Map<string, VariableDefinition>();
  const keys = new Set<string>();
  const vars = list(flag['variables']);
  for (let i = 0; i < vars.length; i++) {
    const v = vars[i];
    const p = at(field(path, 'variables'), i);
    if (!isRecord(v) || str(v['key']) === undefined) {
      d.warn(p, 'a variable without a key is left out');
      continue;
    }
    const key = v['key'] as string;
    if (keys.has(key)) {
      // Optimizely keys its variables by key, so the last one wins.
      d.warn(p, `variable key ${JSON.stringify(key)} repeats: the last one is kept (as Optimizely)`);
      const earlier = definitions.findIndex((x) => x.key === key);
      const [gone] = definitions.splice(earlier, 1);
      if (gone?.id !== undefined) byId.delete(gone.id);
    }
    let type = str(v['type']) ?? 'string';
    if (type === 'string' && v['subType'] === 'json') type = 'json';
    if (!TYPES.has(type)) {
      d.warn(field(p, 'type'), `variable type ${JSON.stringify(type)} is not supported: imported as a string`);
      type = 'string';
    }
    const value = castVariable(type as VariableType, v['defaultValue']);
    const def: VariableDefinition = { key, type: type as VariableType, default: value ?? null };
    declared.set(def, type as VariableType);
    if (value === undefined) {
      d.warn(field(p, 'defaultValue'), `default ${JSON.stringify(v['defaultValue'])} is not a ${type}: Optimizely reads null, imported as a json variable defaulting to null`);
      def.type = 'json';
    } else if (!fits(def.type, value)) {
      d.warn(field(p, 'defaultValue'), `default ${JSON.stringify(v['defaultValue'])} reads as ${JSON.stringify(value)}, not a native ${type}: imported as a json variable`);
      def.type = 'json';
    }
    const id = str(v['id']);
    if (id !== undefined && !byId.has(id)) {
      def.id = id;
      byId.set(id, def);
    }
    keys.add(key);
    definitions.push(def);
  }
  return { definitions, byId };
}

/**
 * The value of a variation's override, cast to the variable's type. An override that does not cast reads null in
 * Optimizely: the variable then becomes a `json` variable (every value it already has stays valid JSON).
 */
export function castOverride(def: VariableDefinition, raw: unknown, path: string, d: Diagnostics): JsonValue {
  const value = castVariable(declared.get(def) ?? def.type, raw);
  if (value !== undefined) {
    if (!fits(def.type, value)) {
      d.warn(path, `value ${JSON.stringify(raw)} reads as ${JSON.stringify(value)}, not a native ${def.type}: variable ${JSON.stringify(def.key)} imported as json`);
      def.type = 'json';
    }
    return value;
  }
  if (def.type !== 'json') {
    d.warn(path, `value ${JSON.stringify(raw)} is not a ${def.type}: Optimizely reads null, variable ${JSON.stringify(def.key)} imported as json`);
    def.type = 'json';
  } else d.warn(path, `value ${JSON.stringify(raw)} is not JSON: Optimizely reads null`);
  return null;
}

/**
 * Writes the values of `json` variables in the form the engine reads: it parses a string value of a `json` variable
 * as JSON text (Optimizely's own encoding), so a value that is itself a string is written as its JSON text.
 */
export function encodeJsonStrings(definitions: readonly VariableDefinition[], variations: readonly { variables?: Record<string, JsonValue> }[]): void {
  for (const def of definitions) {
    if (def.type !== 'json') continue;
    if (typeof def.default === 'string') def.default = JSON.stringify(def.default);
    for (const v of variations) {
      const own = v.variables !== undefined && Object.prototype.hasOwnProperty.call(v.variables, def.key);
      const value = own ? v.variables?.[def.key] : undefined;
      if (typeof value === 'string' && v.variables !== undefined) Object.defineProperty(v.variables, def.key, { value: JSON.stringify(value), enumerable: true, writable: true, configurable: true });
    }
  }
}
