/**
 * A JSON value: what a context attribute may hold. `NaN`, `Infinity`, `undefined`, functions, symbols and `BigInt`
 * are not JSON, and {@link validateContext} rejects them.
 *
 * @example
 * const address: JsonValue = { street: 'Main St', city: 'Springfield', floors: [1, 2] };
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Metadata of one context (LaunchDarkly's `_meta`). It is never addressable by an attribute reference and never
 * redacted.
 *
 * @example
 * const meta: ContextMeta = { privateAttributes: ['email', '/address/street'] };
 */
export interface ContextMeta {
  /**
   * Attribute references (see {@link parseAttributeReference}) whose values must not leave the process:
   * `redactContext` removes them and lists them in `_meta.redactedAttributes`. Default: none.
   */
  privateAttributes?: string[];
}

/**
 * One context of one kind: a person (`user`), an organization, a device... `kind` and `key` identify it; `name` and
 * `anonymous` are the other built-in attributes; every other property is a custom attribute holding any JSON value.
 *
 * @example
 * const org: SingleKindContext = { kind: 'organization', key: 'org-1', name: 'Acme', address: { city: 'Springfield' } };
 */
export interface SingleKindContext {
  /** The context kind: ASCII letters, digits, `.`, `_` and `-`; never `kind` nor `multi` (see {@link isValidKind}). */
  kind: string;
  /** The key, unique within the kind. A non-empty string. */
  key: string;
  /** A display name. A string when present. */
  name?: string;
  /** Whether the context is anonymous. `false` when absent. */
  anonymous?: boolean;
  /** Metadata, private attributes in particular. */
  _meta?: ContextMeta;
  /** Custom attributes: JSON values. */
  [attribute: string]: unknown;
}

/**
 * Several contexts of different kinds evaluated together. `kind` is `'multi'`; every other property is named after
 * a kind and holds that kind's context object **without** its `kind` property.
 *
 * @example
 * const both: MultiKindContext = { kind: 'multi', user: { key: 'user-42' }, organization: { key: 'org-1', name: 'Acme' } };
 */
export interface MultiKindContext {
  /** Always `'multi'`. */
  kind: 'multi';
  /** One context object (without `kind`) per kind. */
  [kind: string]: unknown;
}

/**
 * A context: single-kind or multi-kind. Contexts are plain JSON objects; validate one coming from outside with
 * {@link validateContext} before evaluating it.
 *
 * @example
 * const context: Context = { kind: 'user', key: 'user-42' };
 */
export type Context = SingleKindContext | MultiKindContext;

/**
 * A LaunchDarkly user from before contexts (SDKs up to Node 6.x). {@link validateContext} accepts one (an object
 * without `kind`) and converts it with {@link legacyUserToContext}.
 *
 * @example
 * const user: LegacyUser = { key: 'user-42', email: 'sandy@example.com', custom: { groups: ['admin'] }, privateAttributeNames: ['email'] };
 */
export interface LegacyUser {
  /** The key; numbers are converted with `String()`. An empty string is allowed, `null` and `undefined` are not. */
  key: string | number;
  /** No longer used: LaunchDarkly removed it from bucketing. Dropped with a warning. */
  secondary?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  avatar?: string;
  ip?: string;
  country?: string;
  anonymous?: boolean;
  /** Custom attributes, hoisted to the top level of the context. */
  custom?: Record<string, JsonValue>;
  /** Literal attribute names (not references) that are private for this user. */
  privateAttributeNames?: string[];
}

/**
 * The outcome of {@link validateContext}: a trusted copy of the context with warnings about what was changed or
 * ignored, or an error saying what is wrong. Never thrown.
 *
 * @example
 * const result: ContextValidation = validateContext(input);
 * if (!result.ok) console.warn(result.error);
 */
export type ContextValidation =
  | { ok: true; context: Context; warnings: string[] }
  | { ok: false; error: string };
