// The evaluator's cheap, allocation-free view of a context. Full validation (`validateContext` of @ensign/context)
// is too expensive per evaluation, so here only the structure is checked: a valid kind, a string key (possibly empty:
// Optimizely decides for an empty user id; LaunchDarkly's rule against empty keys is `validateContext`'s),
// and, for multi-kind contexts, an object with such a key under each valid kind. Anything else is "no context"
// (USER_NOT_SPECIFIED). Legacy users (no `kind`) must go through `validateContext` first, which converts them.
import { getIndividualContext, type Context } from '@ensign/context';

const hasOwn = Object.prototype.hasOwnProperty;
// LaunchDarkly's kind rule, as @ensign/context's `isValidKind`: ASCII letters, digits, `.`, `_`, `-`; not `kind`.
const KIND = /^[A-Za-z0-9._-]+$/;

// Kinds already found valid: the regular expression runs once per distinct kind, not once per evaluation.
const validKinds = new Set<string>(['user']);
const MAX_CACHED_KINDS = 1024;

function knownKind(kind: string): boolean {
  if (validKinds.has(kind)) return true;
  if (kind === 'multi' || kind === 'kind' || !KIND.test(kind)) return false;
  if (validKinds.size < MAX_CACHED_KINDS) validKinds.add(kind);
  return true;
}

function hasKey(individual: unknown): boolean {
  if (typeof individual !== 'object' || individual === null || Array.isArray(individual)) return false;
  return typeof (individual as Record<string, unknown>)['key'] === 'string';
}

/**
 * Tells whether a value is structurally a context the evaluator can use. Never throws (a hostile getter is caught
 * one level up, by the evaluator's top-level guard).
 *
 * @example
 * isUsableContext({ kind: 'user', key: 'u1' }); // true
 * isUsableContext({ kind: 'user', key: 42 }); // false
 */
export function isUsableContext(value: unknown): value is Context {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const kind = (value as Record<string, unknown>)['kind'];
  if (kind === 'user') return typeof (value as Record<string, unknown>)['key'] === 'string';
  if (typeof kind !== 'string') return false;
  if (kind !== 'multi') return knownKind(kind) && hasKey(value);
  let count = 0;
  for (const name in value) {
    if (!hasOwn.call(value, name) || name === 'kind') continue;
    if (!knownKind(name) || !hasKey((value as Record<string, unknown>)[name])) return false;
    count++;
  }
  return count > 0;
}

/** The object holding one kind's attributes, or undefined (no allocation). */
export function individualOf(context: Context, kind: string): Record<string, unknown> | undefined {
  if (context.kind === kind) return kind === 'multi' ? undefined : (context as Record<string, unknown>);
  return getIndividualContext(context, kind);
}

/** The key of one kind of the context, or undefined when the context lacks that kind. */
export function keyOf(context: Context, kind: string): string | undefined {
  const individual = individualOf(context, kind);
  if (individual === undefined) return undefined;
  const key = individual['key'];
  return typeof key === 'string' ? key : undefined;
}

/** The kinds of a context, in object order (allocates for multi-kind contexts: used off the hot path). */
export function kindsOf(context: Context): string[] {
  if (context.kind !== 'multi') return [context.kind];
  const kinds: string[] = [];
  for (const name in context) if (hasOwn.call(context, name) && name !== 'kind') kinds.push(name);
  return kinds;
}

/**
 * Reads a path of an individual context: own properties of plain objects only (never the prototype chain, never
 * into arrays). Undefined when missing.
 */
export function readPath(individual: Record<string, unknown>, components: readonly string[]): unknown {
  const first = components[0] as string;
  if (!hasOwn.call(individual, first)) return undefined;
  let current: unknown = individual[first];
  for (let i = 1; i < components.length; i++) {
    const name = components[i] as string;
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !hasOwn.call(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/** A user id for messages: the `user` key, else the key of the first kind. */
export function displayKey(context: Context): string {
  const user = keyOf(context, 'user');
  if (user !== undefined) return user;
  const first = kindsOf(context)[0];
  return (first !== undefined ? keyOf(context, first) : undefined) ?? '';
}
