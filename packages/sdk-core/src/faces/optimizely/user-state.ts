import type { Context, ContextValidation } from '@ensign/context';
import { isEscapedVendorName, optimizelyUserToContext, validateContext } from '@ensign/context';
import type { ClientCore } from '../../core/client-core.js';
import { enumerableFree, keyText, setEntry } from '../../core/records.js';
import type { DecisionUser } from './decision.js';
import { KEEP_NON_JSON } from '../../core/keep-non-json.js';

const INVALID_ID: ContextValidation = Object.freeze({ ok: false, error: 'Invalid user ID: a string is required.' });

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether one attribute keeps a context built by `optimizelyUserToContext` valid as it is, so the deep copy of
 * `validateContext` can be skipped: a JSON primitive (string, boolean, finite number, null). Anything else (objects,
 * arrays, undefined...) takes the full validation. Primitive attributes are the common case of Optimizely attributes,
 * and this keeps `decide` cheap. (Built-in names such as `name` are kept under an escaped name, whatever their type.)
 */
function isPrimitiveAttribute(value: unknown): boolean {
  // `typeof` comparisons rather than a `switch (typeof value)`, which V8 compiles to a call here.
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return value === null;
}

/** Whether every attribute is primitive (see {@link isPrimitiveAttribute}). */
function primitiveOnly(attributes: Record<string, unknown>): boolean {
  for (const name of Object.keys(attributes)) if (!isPrimitiveAttribute(attributes[name])) return false;
  return true;
}

/**
 * The user id and attributes of an Optimizely user context, with the validated context and the decision snapshot
 * cached until a change. Attributes are held as own data properties (set with `setEntry`), so names such as
 * `__proto__` are ordinary keys. An attribute whose value is not JSON (a function, `NaN`, a `Date`) is kept as it is,
 * as Optimizely's SDK keeps it: an `exists` condition matches it, a typed match finds an unexpected type. An attribute
 * that cannot be kept (a getter that throws, nesting past the limits) is left out with a rate-limited warning.
 *
 * @example
 * const state = new UserState(core, 'user-42', { plan: 'pro' });
 * state.context(); // { ok: true, context: { kind: 'user', key: 'user-42', plan: 'pro' }, warnings: [] }
 */
export class UserState {
  readonly id: string | null;
  readonly idText: string;
  /** Copied on write: a snapshot may share it, so it is never changed once handed out. */
  private attrs: Record<string, unknown>;
  private validated: ContextValidation | null = null;
  private shot: DecisionUser | null = null;

  constructor(
    private readonly core: ClientCore,
    userId: unknown,
    attributes: unknown,
  ) {
    // Any string, the empty one included, as Optimizely.
    const id = typeof userId === 'string' ? userId : null;
    this.id = id;
    this.idText = keyText(userId);
    const attrs: Record<string, unknown> = {};
    // One pass copies the attributes (own keys through `for...in`: the keys of `Object.keys`, read through V8's enum
    // cache without allocating an array) and notes whether they give a valid context as they are.
    let primitive = true;
    let reserved = false;
    if (attributes !== undefined && attributes !== null) {
      if (typeof attributes === 'object' && !Array.isArray(attributes)) {
        const source = attributes as Record<string, unknown>;
        try {
          // When nothing up the prototype chain is enumerable (always, for plain objects, unless Object.prototype was
          // polluted), `for...in` yields own keys only: no check per key then.
          const proto: unknown = Object.getPrototypeOf(source);
          const ownOnly = proto === null || enumerableFree(proto as object);
          for (const name in source) {
            if (!ownOnly && !hasOwn.call(source, name)) continue;
            const value = source[name];
            setEntry(attrs, name, value);
            if (primitive && !isPrimitiveAttribute(value)) primitive = false;
            if (!reserved && isEscapedVendorName(name)) reserved = true;
          }
        } catch {
          core.limited.log('warn', 'user-unreadable-attributes', 'createUserContext: some attributes could not be read; they were ignored');
        }
      } else {
        core.limited.log('warn', 'user-bad-attributes', 'createUserContext: attributes must be an object; they were ignored');
      }
    }
    this.attrs = attrs;
    if (id === null) core.limited.log('warn', 'user-bad-id', 'createUserContext: the user id must be a string; decisions will be errors');
    // Primitive attributes give a valid context as it is (anything else is validated on first use, in `build`), so the
    // first decision finds it ready. Without built-in names (kept escaped) it is the copy spread after `kind` and `key`:
    // the entries and order `optimizelyUserToContext` gives (the copy has string keys only), without a keyed store per
    // attribute.
    if (id !== null && primitive) {
      const context = reserved ? optimizelyUserToContext(id, attrs) : { kind: 'user', key: id, ...attrs };
      this.validated = { ok: true, context: context as Context, warnings: [] };
    }
  }

  attributes(): Record<string, unknown> {
    return { ...this.attrs };
  }

  /** One attribute as given (own entries only), or undefined. */
  attribute(name: string): unknown {
    return hasOwn.call(this.attrs, name) ? this.attrs[name] : undefined;
  }

  setAttribute(key: unknown, value: unknown): void {
    if (typeof key !== 'string') {
      this.core.limited.log('warn', 'user-bad-attribute-key', 'setAttribute: the attribute key must be a string; ignored');
      return;
    }
    const next = { ...this.attrs };
    setEntry(next, key, value);
    this.attrs = next;
    this.validated = null;
    this.shot = null;
  }

  /** The context the evaluator sees, validated once per change. */
  context(): ContextValidation {
    return (this.validated ??= this.build());
  }

  /**
   * `{ userId, attributes }` for decisions, rebuilt once per change and shared by the decisions made in between. It
   * shares the attributes object, which `setAttribute` replaces rather than changes (not frozen: freezing costs more
   * than a whole evaluation). Decisions type it read-only.
   */
  snapshot(): DecisionUser {
    return (this.shot ??= { userId: this.idText, attributes: this.attrs });
  }

  private build(): ContextValidation {
    if (this.id === null) return INVALID_ID;
    const built = optimizelyUserToContext(this.id, this.attrs);
    if (primitiveOnly(this.attrs)) return { ok: true, context: built as Context, warnings: [] };
    // Values that are not JSON (a `Date`, `NaN`, a function...) are kept as they are: Optimizely's SDK keeps them too,
    // and its conditions answer as it does (an `exists` matches them; a typed match gets an unexpected type).
    const first = validateContext(built, KEEP_NON_JSON);
    if (first.ok) return first;
    // Keep the attributes that are valid on their own; report the others once a minute.
    const kept: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const name of Object.keys(this.attrs)) {
      if (validateContext(optimizelyUserToContext(this.id, { [name]: this.attrs[name] }), KEEP_NON_JSON).ok) setEntry(kept, name, this.attrs[name]);
      else dropped.push(name);
    }
    const second = validateContext(optimizelyUserToContext(this.id, kept), KEEP_NON_JSON);
    if (second.ok && dropped.length > 0) {
      this.core.limited.log('warn', 'user-bad-attribute-values', `user context: attribute(s) ${JSON.stringify(dropped)} could not be read or nest too deep, and were ignored`);
    }
    return second;
  }
}
