// Shared pieces of the zod schema: the private registry (ids and descriptions for the JSON Schema, kept out of
// zod's global registry so importing this subpath changes nothing for the user's own zod), JSON values, keys.
import * as z from 'zod';
import type { JsonValue } from '../types.js';
import { HASH_MODES, OPERATORS, SEMANTICS } from '../types.js';

/** Metadata of the schemas that become named `$defs` in the JSON Schema. */
export const registry = z.registry<{ id?: string; title?: string; description?: string }>();

/** Registers a schema under a `$defs` name with a description. */
export function named<T extends z.ZodType>(schema: T, id: string, description: string): T {
  registry.add(schema, { id, description });
  return schema;
}

/** Registers a description only (no `$defs` entry). */
export function described<T extends z.ZodType>(schema: T, description: string): T {
  registry.add(schema, { description });
  return schema;
}

/** Zod schema: any JSON value (finite numbers). */
export const jsonValue: z.ZodType<JsonValue> = named(
  z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)])),
  'JsonValue',
  'Any JSON value (numbers must be finite).',
);

/** Zod schema: a JSON object. */
export const jsonObject = z.record(z.string(), jsonValue);

/** A key or id: a non-empty string. */
export const key = z.string().min(1);

/** A context kind: ASCII letters, digits, `.`, `_`, `-`; not `kind` nor `multi`. */
export const contextKind = described(
  z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .refine((k) => k !== 'kind' && k !== 'multi', { message: '"kind" and "multi" are reserved' }),
  'Context kind. Default `user`.',
);

/** An attribute reference: a literal name, or `/a/b` with `~1` for `/` and `~0` for `~`. */
export const attributeRef = described(z.string().min(1), 'Attribute reference: a literal name, or a path like `/address/city` (`~1` is `/`, `~0` is `~`).');

/** Zod schema: a `[start, end]` pair. */
export const pair = z.tuple([z.number(), z.number()]);

/** Zod schemas of the string unions. */
export const hashMode = z.enum(HASH_MODES);
/** See {@link hashMode}. */
export const semantics = z.enum(SEMANTICS);
/** See {@link hashMode}. */
export const operator = z.enum(OPERATORS);
/** See {@link hashMode}. */
export const ruleStatus = z.enum(['running', 'paused', 'draft', 'concluded', 'archived']);
