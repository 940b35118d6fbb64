import { escapeReferenceComponent } from './attribute-reference.js';
import { describeType, hasOwn, isObjectRecord, setOwn } from './own.js';
import type { LegacyUser, SingleKindContext } from './types.js';

// Built-in string attributes of a legacy user, copied to the top level when present.
const LEGACY_BUILT_INS = ['name', 'ip', 'firstName', 'lastName', 'email', 'avatar', 'country'] as const;
const LEGACY_FIELDS = new Set<string>([...LEGACY_BUILT_INS, 'key', 'secondary', 'anonymous', 'custom', 'privateAttributeNames', 'kind']);
// Custom attributes that would overwrite what makes a context a context.
const RESERVED = new Set(['kind', 'key', '_meta']);

function defined(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/**
 * The attributes of a legacy user's `custom`: the object itself, or, for another defined value, what LaunchDarkly's
 * SDKs spread from it (`{ ...custom }`), with a warning: a string gives its characters under "0", "1"..., an array
 * its elements, a number or a boolean nothing. Undefined for null and undefined.
 */
function customAttributes(custom: unknown, warnings: string[]): Record<string, unknown> | undefined {
  if (isObjectRecord(custom)) return custom;
  if (!defined(custom)) return undefined;
  warnings.push(`custom should be an object, got ${describeType(custom)}: its own properties were read, as LaunchDarkly spreads it`);
  const boxed = Object(custom) as Record<string, unknown>;
  const spread: Record<string, unknown> = {};
  for (const name of Object.keys(boxed)) setOwn(spread, name, boxed[name]);
  return spread;
}

/**
 * Converts a LaunchDarkly legacy user into a `user` context, as LaunchDarkly's SDKs do:
 * - `key` is converted with `String()` (an empty key stays empty: legacy users may have one);
 * - the built-ins `name`, `ip`, `firstName`, `lastName`, `email`, `avatar`, `country` are kept when not null (as
 *   they are: a `name` that is not a string gives a warning);
 *   `anonymous` is kept as a boolean when not null;
 * - `custom` attributes are hoisted to the top level (a custom attribute named like a built-in that is set is
 *   shadowed by it; custom `kind`, `key` and `_meta` are dropped), each with a warning; a `custom` that is not an
 *   object is spread as LaunchDarkly spreads it (a string's characters under "0", "1"..., an array's elements), with
 *   a warning;
 * - `privateAttributeNames` (literal names) become `_meta.privateAttributes` (references: a name starting with `/` is
 *   escaped, so `/why` becomes `/~1why`);
 * - `secondary` is dropped and reported, as are unknown top-level fields.
 *
 * Pure: the input is not changed. Does not validate: {@link validateContext} does, and accepts legacy users directly.
 *
 * @param user - a legacy user.
 * @returns the context and the warnings (empty when nothing was dropped).
 * @example
 * const { context, warnings } = legacyUserToContext({ key: 42, secondary: 'x', custom: { plan: 'pro' } });
 * // context: { kind: 'user', key: '42', plan: 'pro' }
 * // warnings: ['secondary is no longer used ... was dropped']
 */
export function legacyUserToContext(user: LegacyUser): { context: SingleKindContext; warnings: string[] } {
  const warnings: string[] = [];
  const source = user as unknown as Record<string, unknown>;
  const context: Record<string, unknown> = { kind: 'user', key: '' };
  if (defined(source['key'])) context['key'] = String(source['key']);
  else warnings.push('key is missing: a legacy user needs one (an empty string is allowed)');

  for (const name of LEGACY_BUILT_INS) {
    if (hasOwn(source, name) && defined(source[name])) context[name] = source[name];
  }
  if (typeof context['name'] !== 'string' && hasOwn(context, 'name')) {
    warnings.push(`name should be a string, got ${describeType(context['name'])}: kept as it is (as LaunchDarkly's SDKs keep it)`);
  }
  if (hasOwn(source, 'anonymous') && defined(source['anonymous'])) context['anonymous'] = Boolean(source['anonymous']);

  const custom = customAttributes(source['custom'], warnings);
  if (custom !== undefined) {
    for (const name of Object.keys(custom)) {
      if (RESERVED.has(name)) {
        warnings.push(`custom attribute "${name}" was dropped: kind, key and _meta are reserved`);
      } else if (hasOwn(context, name)) {
        warnings.push(`custom attribute "${name}" was dropped: the built-in "${name}" is set`);
      } else {
        setOwn(context, name, custom[name]);
      }
    }
  }

  if (defined(source['secondary'])) {
    warnings.push('secondary is no longer used (LaunchDarkly removed it from bucketing and targeting); it was dropped');
  }

  const names = source['privateAttributeNames'];
  if (Array.isArray(names)) {
    const refs: string[] = [];
    for (const name of names) {
      if (typeof name !== 'string' || name === '') {
        warnings.push(`a private attribute name (${name === '' ? 'empty' : describeType(name)}) was ignored: it must be a non-empty string`);
      } else {
        refs.push(name[0] === '/' ? `/${escapeReferenceComponent(name)}` : name);
      }
    }
    if (refs.length > 0) context['_meta'] = { privateAttributes: refs };
  } else if (defined(names)) {
    warnings.push('privateAttributeNames was ignored: it must be an array of strings');
  }

  for (const name of Object.keys(source)) {
    if (!LEGACY_FIELDS.has(name)) {
      warnings.push(`field "${name}" was ignored: a legacy user keeps custom attributes in "custom"`);
    }
  }
  // Marked (a non-enumerable symbol: never copied, never serialized), so that events send its built-ins as text.
  Object.defineProperty(context, LEGACY_USER, { value: true });
  return { context: context as SingleKindContext, warnings };
}

const LEGACY_USER = Symbol('ensign.legacyUser');

/**
 * Whether `context` was converted from a LaunchDarkly legacy user by {@link legacyUserToContext} (or
 * `validateContext`). LaunchDarkly's SDKs send such a context's built-ins (`name`, `ip`, `firstName`, `lastName`,
 * `email`, `avatar`, `country`) as text in events; the redactor does the same. The mark is not copied with the
 * context's properties.
 *
 * @example
 * wasLegacyUser(validateContext({ key: 'u', name: 5 }).context); // true (when ok)
 * wasLegacyUser({ kind: 'user', key: 'u' }); // false
 */
export function wasLegacyUser(context: unknown): boolean {
  return typeof context === 'object' && context !== null && (context as { [LEGACY_USER]?: unknown })[LEGACY_USER] === true;
}

/** The built-ins LaunchDarkly's SDKs send as text for a context converted from a legacy user. */
export const LEGACY_TEXT_ATTRIBUTES: readonly string[] = Object.freeze(['name', 'ip', 'firstName', 'lastName', 'email', 'avatar', 'country']);
