import type { AttributeReference } from './attribute-reference.js';
import { getIndividualContext } from './access.js';
import { setOwn } from './own.js';
import { LEGACY_TEXT_ATTRIBUTES, wasLegacyUser } from './legacy-user.js';
import { redactIndividual } from './redact-individual.js';
import { compileReferences, type PathTree } from './redaction-tree.js';
import type { Context, JsonValue } from './types.js';

/**
 * What {@link redactContext} hides. Every option defaults to "nothing more private".
 *
 * @example
 * const options: RedactOptions = { privateAttributes: ['email', '/address/street'] };
 */
export interface RedactOptions {
  /** Redact every attribute of every context except `kind`, `key` and `anonymous`. Default `false`. */
  allAttributesPrivate?: boolean;
  /** Attribute references private in every context of every kind, added to each context's own. Default none. */
  privateAttributes?: readonly (string | AttributeReference)[];
  /**
   * Redact every attribute (except `kind`, `key`, `anonymous`) of contexts with `anonymous: true`, as LaunchDarkly
   * does in feature events. Default `false`.
   */
  redactAnonymousAttributes?: boolean;
}

/**
 * A redactor with its global options parsed once, for callers that redact many contexts (an event pipeline).
 *
 * @example
 * const redactor = createContextRedactor({ privateAttributes: ['email'] });
 * redactor.redact(context, { redactAnonymousAttributes: true });
 */
export interface ContextRedactor {
  /** Same as {@link redactContext} with the redactor's options; `redactAnonymousAttributes` may be overridden per call. */
  redact(context: Context, overrides?: { redactAnonymousAttributes?: boolean }): Record<string, JsonValue>;
}

function redact(context: Context, global: PathTree | undefined, allAttributesPrivate: boolean, redactAnonymous: boolean): Record<string, JsonValue> {
  if (context.kind !== 'multi') {
    const out = redactIndividual(context, global, allAttributesPrivate || (redactAnonymous && context['anonymous'] === true));
    return wasLegacyUser(context) ? withTextBuiltIns(out) : out;
  }
  // The kinds of a multi-kind context, read directly: a context built per call would only fill getContextKinds' cache.
  const kinds = Object.keys(context).filter((name) => name !== 'kind');
  const out: Record<string, JsonValue> = { kind: 'multi' };
  for (const kind of kinds) {
    const individual = getIndividualContext(context, kind);
    if (individual === undefined) continue;
    const redacted = redactIndividual(individual, global, allAttributesPrivate || (redactAnonymous && individual['anonymous'] === true));
    if (kinds.length === 1) {
      // Collapsed to a single-kind context, as LaunchDarkly does. Spread keeps a `__proto__` key as plain data.
      const single: Record<string, JsonValue> = { kind, ...redacted };
      single['kind'] = kind;
      return single;
    }
    setOwn(out, kind, redacted);
  }
  return kinds.length === 1 ? { kind: kinds[0] as string } : out;
}

/** A legacy user's built-ins as text, as LaunchDarkly's SDKs send them (`String()` of each one sent). */
function withTextBuiltIns(out: Record<string, JsonValue>): Record<string, JsonValue> {
  for (const name of LEGACY_TEXT_ATTRIBUTES) {
    if (Object.prototype.hasOwnProperty.call(out, name)) out[name] = String(out[name]);
  }
  return out;
}

/**
 * Makes a {@link ContextRedactor}: {@link redactContext} with the global private references parsed once.
 *
 * @param options - see {@link RedactOptions}; all default to off.
 * @example
 * const redactor = createContextRedactor({ privateAttributes: ['email'] });
 * const json = redactor.redact(context);
 */
export function createContextRedactor(options: RedactOptions = {}): ContextRedactor {
  const global = compileReferences(options.privateAttributes ?? []);
  const allAttributesPrivate = options.allAttributesPrivate === true;
  const redactAnonymous = options.redactAnonymousAttributes === true;
  return {
    redact(context, overrides) {
      return redact(context, global, allAttributesPrivate, overrides?.redactAnonymousAttributes ?? redactAnonymous);
    },
  };
}

/**
 * Returns the JSON of a context that may leave the process (events), with private attributes removed, following
 * LaunchDarkly's ContextFilter. Never mutates the input; always returns new objects.
 * - Private references: the global `privateAttributes` plus each context's own `_meta.privateAttributes` (per kind
 *   in a multi-kind context). A nested reference (`/address/street`) removes only that property; a reference to a
 *   missing attribute removes (and reports) nothing.
 * - `allAttributesPrivate` removes every top-level attribute except `kind`, `key` and `anonymous`;
 *   `redactAnonymousAttributes` does the same for contexts with `anonymous: true` only.
 * - `kind`, `key`, `anonymous` and `_meta` are never redacted.
 * - `_meta.redactedAttributes` lists the names of what was removed, sorted; a literal name starting with `/` is
 *   reported escaped (`/why` as `/~1why`). `_meta.privateAttributes` is dropped; an empty `_meta` is dropped.
 *
 * Meant for validated contexts; should one skip validation, a value that is not JSON is left out.
 *
 * @param context - a validated context.
 * @param options - see {@link RedactOptions}.
 * @example
 * redactContext(
 *   { kind: 'user', key: 'u', email: 'a@b.c', address: { street: 'Main St', city: 'Springfield' } },
 *   { privateAttributes: ['email', '/address/street'] },
 * );
 * // { kind: 'user', key: 'u', address: { city: 'Springfield' },
 * //   _meta: { redactedAttributes: ['/address/street', 'email'] } }
 */
export function redactContext(context: Context, options?: RedactOptions): Record<string, JsonValue> {
  return createContextRedactor(options).redact(context);
}
