// TypeScript types from JSON values: literal unions where they are few, structural types otherwise.
import type { JsonValue } from '@ensign/datafile-schema';
import { propertyName } from './names.js';

/** Literal unions are used up to this many distinct scalar values. */
export const MAX_LITERALS = 12;
const MAX_DEPTH = 6;

function isScalar(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function unionOf(types: Iterable<string>): string {
  const unique = [...new Set(types)];
  if (unique.length === 0) return 'never';
  if (unique.includes('JsonValue')) return 'JsonValue';
  return unique.join(' | ');
}

/**
 * The structural type of one JSON value, with scalars widened: `{ "model": "x", "boost": 1.5 }` →
 * `{ model: string; boost: number }`. Arrays become `T[]` of the union of their elements' types. Past a depth of 6,
 * `JsonValue`.
 *
 * @example
 * structuralType({ columns: 1, tags: ['a'] }); // '{ columns: number; tags: string[] }'
 */
export function structuralType(value: JsonValue, depth = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (depth >= MAX_DEPTH) return 'JsonValue';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'JsonValue[]';
    const element = unionOf(value.map((v) => structuralType(v, depth + 1)));
    return element.includes(' ') || element.includes('|') ? `(${element})[]` : `${element}[]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{ [key: string]: JsonValue }';
  return `{ ${keys.map((k) => `${propertyName(k)}: ${structuralType((value as Record<string, JsonValue>)[k] as JsonValue, depth + 1)}`).join('; ')} }`;
}

function literalType(value: string | number | boolean | null): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'number';
  return JSON.stringify(value);
}

/**
 * The type of a set of values (e.g. every variation's value of a flag): the scalars as a union of literals when there
 * are at most {@link MAX_LITERALS} distinct ones (`false | "control" | "treatment"`), else widened (`string`), plus
 * the structural type of each object or array (see {@link structuralType}).
 *
 * @example
 * valueType([false, 'control', 'treatment']);          // 'false | "control" | "treatment"'
 * valueType(['bm25', { model: 'learned', boost: 1.5 }]); // '"bm25" | { model: string; boost: number }'
 */
export function valueType(values: readonly JsonValue[]): string {
  if (values.length === 0) return 'never';
  const scalars = values.filter(isScalar);
  const structured = values.filter((v) => !isScalar(v)).map((v) => structuralType(v));
  const literals = new Set(scalars.map(literalType));
  let scalarTypes: string[];
  if (literals.size > MAX_LITERALS) scalarTypes = scalars.map((v) => structuralType(v));
  else if (literals.has('true') && literals.has('false')) {
    // true | false reads better as boolean.
    scalarTypes = ['boolean', ...[...literals].filter((l) => l !== 'true' && l !== 'false')];
  } else scalarTypes = [...literals];
  return unionOf([...scalarTypes, ...structured]);
}
