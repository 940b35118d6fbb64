import { toAttributeReference, type AttributeReference } from './attribute-reference.js';
import { hasOwn } from './own.js';
import type { Context } from './types.js';

// Kinds of multi-kind contexts, computed once per context object (contexts are treated as immutable).
const kindsCache = new WeakMap<object, readonly string[]>();

/**
 * The kinds of a validated context, in their order in the object: `['user']` for a user context,
 * `['user', 'organization']` for a multi-kind context holding both. The array is computed once per context object
 * and shared: do not modify it (it is frozen), and do not modify a context after validating it.
 *
 * @param context - a context returned by {@link validateContext} (or built by this package's factories).
 * @example
 * getContextKinds({ kind: 'multi', user: { key: 'u' }, org: { key: 'o' } }); // ['user', 'org']
 */
export function getContextKinds(context: Context): readonly string[] {
  let kinds = kindsCache.get(context);
  if (kinds === undefined) {
    kinds = Object.freeze(context.kind === 'multi' ? Object.keys(context).filter((name) => name !== 'kind') : [context.kind]);
    kindsCache.set(context, kinds);
  }
  return kinds;
}

/**
 * The context object of one kind, without copying: for a single-kind context, the context itself when its kind
 * matches; for a multi-kind context, the nested object for that kind (which has no `kind` property).
 * `undefined` when the context has no such kind.
 *
 * @param context - a validated context.
 * @param kind - the kind wanted.
 * @example
 * getIndividualContext({ kind: 'multi', user: { key: 'u' }, org: { key: 'o' } }, 'org'); // { key: 'o' }
 * getIndividualContext({ kind: 'user', key: 'u' }, 'org');                              // undefined
 */
export function getIndividualContext(context: Context, kind: string): Record<string, unknown> | undefined {
  if (context.kind !== 'multi') return context.kind === kind ? context : undefined;
  if (kind === 'kind' || !hasOwn(context, kind)) return undefined;
  const individual = context[kind];
  return typeof individual === 'object' && individual !== null ? (individual as Record<string, unknown>) : undefined;
}

/**
 * Reads an attribute of one kind of a validated context, as LaunchDarkly's evaluator does:
 * - the reference `kind` gives the list of kinds of the whole context (LaunchDarkly's behaviour), whatever `kind` is
 *   asked for;
 * - `anonymous` gives a boolean (`false` when absent);
 * - `key`, `name` and custom attributes are read as stored; `/a/b` walks into JSON objects, never into arrays
 *   (`/tags/0` is undefined) and never into the prototype chain: `__proto__`, `constructor` and `prototype` are
 *   ordinary attribute names read as own properties.
 *
 * Gives `undefined` when the context lacks the kind, the path is missing, or the reference is invalid. Pass a
 * parsed {@link AttributeReference} on hot paths: a string is parsed on every call.
 *
 * @param context - a validated context.
 * @param ref - an attribute reference, parsed or as text (see {@link parseAttributeReference}).
 * @param kind - the kind to read from. Default `'user'`.
 * @example
 * const org = { kind: 'organization', key: 'org-1', address: { city: 'Springfield' } };
 * getAttribute(org, '/address/city', 'organization'); // 'Springfield'
 * getAttribute(org, 'anonymous', 'organization');     // false
 * getAttribute(org, 'kind');                          // ['organization']
 */
export function getAttribute(context: Context, ref: AttributeReference | string, kind = 'user'): unknown {
  const reference = toAttributeReference(ref);
  if (!reference.valid) return undefined;
  const components = reference.components;
  const first = components[0] as string;
  if (components.length === 1 && first === 'kind') return getContextKinds(context);
  const individual = getIndividualContext(context, kind);
  if (individual === undefined) return undefined;
  if (components.length === 1 && first === 'anonymous') return individual['anonymous'] === true;
  let current: unknown = individual;
  for (let i = 0; i < components.length; i += 1) {
    const name = components[i] as string;
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !hasOwn(current, name)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}
