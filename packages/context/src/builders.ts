import { EnsignError } from '@ensign/common';
import type { AttributeReference } from './attribute-reference.js';
import { isValidKind } from './kind.js';
import { setOwn } from './own.js';
import type { Context, JsonValue, SingleKindContext } from './types.js';

function checkKind(kind: unknown, where: string): string {
  // Only createMultiContext uses this: combining contexts is composition written in code, so a wrong kind there is a
  // programmer error. Single contexts built from data never throw: validateContext reports what is wrong.
  if (typeof kind !== 'string' || !isValidKind(kind) || kind === 'multi') {
    throw new EnsignError(
      'INVALID_ARGUMENT',
      `${where}: kind ${typeof kind === 'string' ? JSON.stringify(kind) : String(typeof kind)} is not valid ` +
        '(use ASCII letters, digits, ".", "_" and "-"; not "kind" nor "multi")',
    );
  }
  return kind;
}

/**
 * Creates a single-kind context with only a key and a kind.
 *
 * Keys usually come from data, so an empty key is not thrown on here: {@link validateContext} reports it (and an
 * evaluation with it gives the default value with an error reason).
 *
 * @param key - the context key.
 * @param kind - the context kind. Default `'user'`. An invalid kind gives a context that {@link validateContext}
 *   rejects (and an evaluation answers `USER_NOT_SPECIFIED`); nothing is thrown.
 * @example
 * createContext('user-42');                // { kind: 'user', key: 'user-42' }
 * createContext('org-1', 'organization'); // { kind: 'organization', key: 'org-1' }
 */
export function createContext(key: string, kind = 'user'): SingleKindContext {
  return { kind, key };
}

/**
 * Combines single-kind contexts into a multi-kind context. One context is returned as is (a copy), as LaunchDarkly
 * collapses a multi-kind context of one kind.
 *
 * @param contexts - single-kind contexts of distinct kinds.
 * @throws EnsignError `INVALID_ARGUMENT` with no context, with two contexts of one kind, or with a context whose
 *   kind is invalid or `multi`.
 * @example
 * createMultiContext(createContext('user-42'), createContext('org-1', 'organization'));
 * // { kind: 'multi', user: { key: 'user-42' }, organization: { key: 'org-1' } }
 */
export function createMultiContext(...contexts: SingleKindContext[]): Context {
  if (contexts.length === 0) throw new EnsignError('INVALID_ARGUMENT', 'createMultiContext needs at least one context');
  if (contexts.length === 1) {
    const only = contexts[0] as SingleKindContext;
    checkKind(only?.kind, 'createMultiContext');
    return { ...only };
  }
  const multi: Record<string, unknown> = { kind: 'multi' };
  const seen = new Set<string>();
  for (const context of contexts) {
    const kind = checkKind(context?.kind, 'createMultiContext');
    if (seen.has(kind)) throw new EnsignError('INVALID_ARGUMENT', `createMultiContext: two contexts have kind "${kind}"`);
    seen.add(kind);
    // Spread keeps a `__proto__` attribute as plain data; the nested object carries no `kind`.
    const { kind: _ignored, ...rest } = context;
    setOwn(multi, kind, rest);
  }
  return multi as Context;
}

/**
 * A fluent builder of one single-kind context. Each call returns the same builder; `build()` may be called many
 * times and returns a new object each time.
 *
 * @example
 * contextBuilder('org-1').kind('organization').name('Acme').set('address', { city: 'Springfield' }).build();
 */
export interface ContextBuilder {
  /** Sets the kind. Default `'user'`. An invalid kind makes the built context invalid (see {@link validateContext}). */
  kind(kind: string): ContextBuilder;
  /** Sets the display name. */
  name(name: string): ContextBuilder;
  /** Marks the context anonymous (or explicitly not). */
  anonymous(anonymous: boolean): ContextBuilder;
  /**
   * Sets a custom attribute to a JSON value. `kind`, `key`, `name` and `anonymous` set the built-ins, as
   * LaunchDarkly's builder does; `_meta` and the empty name are ignored (use `privateAttribute()`). A value of the
   * wrong type makes the built context invalid; nothing is thrown.
   */
  set(name: string, value: JsonValue): ContextBuilder;
  /** Marks attribute references private (`'email'`, `'/address/street'`); a parsed reference adds its redaction name. */
  privateAttribute(...refs: (string | AttributeReference)[]): ContextBuilder;
  /** Returns a new context. */
  build(): SingleKindContext;
}

class Builder implements ContextBuilder {
  private kindValue: unknown = 'user';
  private nameValue: unknown;
  private anonymousValue: unknown;
  private readonly attributes = new Map<string, JsonValue>();
  private readonly privates: string[] = [];

  constructor(private keyValue: unknown) {}

  kind(kind: string): ContextBuilder {
    this.kindValue = kind;
    return this;
  }

  name(name: string): ContextBuilder {
    this.nameValue = name;
    return this;
  }

  anonymous(anonymous: boolean): ContextBuilder {
    this.anonymousValue = anonymous;
    return this;
  }

  set(name: string, value: JsonValue): ContextBuilder {
    if (name === 'kind') return this.kind(value as string);
    if (name === 'key') {
      this.keyValue = value;
      return this;
    }
    if (name === 'name') return this.name(value as string);
    if (name === 'anonymous') return this.anonymous(value as boolean);
    if (name === '_meta' || typeof name !== 'string' || name === '') return this;
    this.attributes.set(name, value);
    return this;
  }

  privateAttribute(...refs: (string | AttributeReference)[]): ContextBuilder {
    for (const ref of refs) this.privates.push(typeof ref === 'string' ? ref : ref.redactionName);
    return this;
  }

  build(): SingleKindContext {
    const context: Record<string, unknown> = { kind: this.kindValue, key: this.keyValue };
    if (this.nameValue !== undefined) context['name'] = this.nameValue;
    if (this.anonymousValue !== undefined) context['anonymous'] = this.anonymousValue;
    for (const [name, value] of this.attributes) setOwn(context, name, value);
    if (this.privates.length > 0) context['_meta'] = { privateAttributes: [...new Set(this.privates)] };
    return context as SingleKindContext;
  }
}

/**
 * Starts building a single-kind context (kind `user` unless `.kind()` says otherwise), as LaunchDarkly's
 * `Context.builder` does. Values set are stored as given (not copied): validate the result with
 * {@link validateContext} if they come from outside.
 *
 * @param key - the context key.
 * @example
 * const org = contextBuilder('org-1')
 *   .kind('organization')
 *   .name('Acme')
 *   .anonymous(false)
 *   .set('address', { street: 'Main St', city: 'Springfield' })
 *   .privateAttribute('/address/street')
 *   .build();
 */
export function contextBuilder(key: string): ContextBuilder {
  return new Builder(key);
}
