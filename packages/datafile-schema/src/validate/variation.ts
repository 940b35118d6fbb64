// Variations and typed variables (Optimizely-style): overrides must name a declared variable and fit its type.
import type { VariableType } from '../types.js';
import type { Ctx } from './ctx.js';
import type { KeyIndex } from './key-index.js';
import { checkJson } from './json-value.js';
import type { Obj } from './read.js';
import { arr, asObject, bool, checkFields, describe, obj, oneOf, str } from './read.js';
import { VARIATION_FIELDS, VARIABLE_FIELDS } from './fields.js';

const VARIABLE_TYPES: ReadonlySet<VariableType> = new Set(['boolean', 'integer', 'double', 'string', 'json'] as const);

/** Declared variables by key (a Map, so any key is plain data). */
export type VariableTypes = Map<string, VariableType>;

/** Tells whether a JSON value fits a declared variable type. */
export function fitsType(value: unknown, type: VariableType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    default:
      return value !== undefined;
  }
}

/** Checks `variables` (definitions) at the current path; returns the valid ones by key. */
export function checkVariableDefinitions(c: Ctx, o: Obj): VariableTypes | undefined {
  const defs = arr(c, o, 'variables', false);
  if (defs === undefined) return undefined;
  const types: VariableTypes = new Map();
  c.stack.push('variables');
  for (let i = 0; i < defs.length; i++) {
    c.stack.push(i);
    const d = asObject(c, defs[i]);
    if (d !== undefined) {
      checkFields(c, d, VARIABLE_FIELDS);
      const key = str(c, d, 'key', true, true);
      str(c, d, 'id', false, true);
      const type = oneOf(c, d, 'type', VARIABLE_TYPES, true);
      const def = d.default;
      if (def === undefined) c.error('is required', 'default');
      else if (checkJson(c, def, 'default') && type !== undefined && !fitsType(def, type)) {
        c.error(`must be a ${type}, got ${describe(def)}`, 'default');
      }
      if (key !== undefined) {
        if (types.has(key)) c.error(`duplicate variable key ${JSON.stringify(key)}`, 'key');
        else if (type !== undefined) types.set(key, type);
      }
    }
    c.stack.pop();
  }
  c.stack.pop();
  return types;
}

/**
 * Checks the variations array at the current path plus `key`. `types` are the flag's variables (undefined for
 * holdouts, whose variations are not checked against them). Returns the keys found (in `c.variationKeys`, valid
 * until the next call), or undefined when the field is not an array (references to variations are then not checked).
 */
export function checkVariations(c: Ctx, o: Obj, key: string, types: VariableTypes | undefined): KeyIndex | undefined {
  const variations = arr(c, o, key, true);
  if (variations === undefined) return undefined;
  c.stack.push(key);
  const n = variations.length;
  const keys = c.variationKeys.reset();
  for (let i = 0; i < n; i++) {
    c.stack.push(i);
    const v = asObject(c, variations[i]);
    if (v !== undefined) {
      checkFields(c, v, VARIATION_FIELDS);
      const k = str(c, v, 'key', true, true);
      if (k !== undefined) {
        if (!keys.add(k)) c.error(`duplicate variation key ${JSON.stringify(k)}`, 'key');
      }
      if (v.id !== undefined) str(c, v, 'id', false, true);
      if (v.name !== undefined) str(c, v, 'name', false);
      if (v.description !== undefined) str(c, v, 'description', false);
      const value = v.value;
      if (value === undefined) c.error('is required (any JSON value; null for none)', 'value');
      else if (typeof value === 'object' || typeof value === 'number') checkJson(c, value, 'value');
      else if (typeof value !== 'string' && typeof value !== 'boolean') c.error(`${describe(value)} is not a JSON value`, 'value');
      if (v.enabled !== undefined) bool(c, v, 'enabled', false);
      if (v.payload !== undefined) checkJson(c, v.payload, 'payload');
      if (v.metadata !== undefined && obj(c, v, 'metadata', false) !== undefined) checkJson(c, v.metadata, 'metadata');
      if (v.variables !== undefined) checkOverrides(c, v, types);
    }
    c.stack.pop();
  }
  c.stack.pop();
  return keys;
}

function checkOverrides(c: Ctx, v: Obj, types: VariableTypes | undefined): void {
  const overrides = obj(c, v, 'variables', false);
  if (overrides === undefined) return;
  c.stack.push('variables');
  for (const name in overrides) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (!checkJson(c, value, name)) continue;
    if (types === undefined) continue;
    const type = types.get(name);
    if (type === undefined) c.error(`unknown variable ${JSON.stringify(name)} (not declared in the flag's variables)`, name);
    else if (!fitsType(value, type)) c.error(`must be a ${type}, got ${describe(value)}`, name);
  }
  c.stack.pop();
}
