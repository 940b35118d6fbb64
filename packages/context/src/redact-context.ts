import { literalAttributeReference, toAttributeReference, type AttributeReference } from './attribute-reference.js';
import { getContextKinds, getIndividualContext } from './access.js';
import { copyJson } from './json-copy.js';
import { hasOwn, isObjectRecord, setOwn } from './own.js';
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

// Never redacted: they identify the context, and `_meta` is handled apart.
const PROTECTED = new Set(['kind', 'key', 'anonymous', '_meta']);

/** Private references as a tree of path components; a node with `redactionName` redacts its whole subtree. */
interface PathTree {
  redactionName?: string;
  children?: Map<string, PathTree>;
}

function addReference(tree: PathTree, ref: AttributeReference): void {
  const { components } = ref;
  if (!ref.valid || components.length === 0) return;
  if (components.length === 1 && PROTECTED.has(components[0] as string)) return;
  let node = tree;
  for (const component of components) {
    node.children ??= new Map();
    let child = node.children.get(component);
    if (child === undefined) {
      child = {};
      node.children.set(component, child);
    }
    node = child;
  }
  // The first reference to a path names it, as in LaunchDarkly (global ones come first).
  node.redactionName ??= ref.redactionName;
}

function copyValue(value: unknown): JsonValue | undefined {
  const copy = copyJson(value);
  return copy.ok ? copy.value : undefined; // not JSON: only possible for a context that skipped validation
}

/** Clones an object, leaving out the paths the tree marks, iteratively. Records the redaction names. */
function cloneWithRedactions(source: Record<string, unknown>, tree: PathTree, excluded: string[]): Record<string, JsonValue> {
  const root: Record<string, JsonValue> = {};
  const stack: { source: Record<string, unknown>; target: Record<string, JsonValue>; tree: PathTree | undefined }[] = [
    { source, target: root, tree },
  ];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    for (const name of Object.keys(frame.source)) {
      const branch = frame.tree?.children?.get(name);
      if (branch?.redactionName !== undefined) {
        excluded.push(branch.redactionName);
        continue;
      }
      const value = frame.source[name];
      if (branch?.children !== undefined && isObjectRecord(value)) {
        const target: Record<string, JsonValue> = {};
        setOwn(frame.target, name, target);
        stack.push({ source: value, target, tree: branch });
      } else {
        const copy = copyValue(value);
        if (copy !== undefined) setOwn(frame.target, name, copy);
      }
    }
  }
  return root;
}

function redactAll(source: Record<string, unknown>, excluded: string[]): Record<string, JsonValue> {
  const cloned: Record<string, JsonValue> = {};
  for (const name of Object.keys(source)) {
    if (!PROTECTED.has(name)) {
      excluded.push(literalAttributeReference(name).redactionName);
      continue;
    }
    const copy = copyValue(source[name]);
    if (copy !== undefined) setOwn(cloned, name, copy);
  }
  return cloned;
}

function ownPrivateReferences(individual: Record<string, unknown>): AttributeReference[] {
  const meta = individual['_meta'];
  if (!isObjectRecord(meta) || !Array.isArray(meta['privateAttributes'])) return [];
  return (meta['privateAttributes'] as unknown[])
    .filter((ref): ref is string => typeof ref === 'string')
    .map((ref) => toAttributeReference(ref));
}

function redactIndividual(
  individual: Record<string, unknown>,
  globalRefs: readonly AttributeReference[],
  everything: boolean,
): Record<string, JsonValue> {
  const excluded: string[] = [];
  let cloned: Record<string, JsonValue>;
  if (everything) {
    cloned = redactAll(individual, excluded);
  } else {
    const tree: PathTree = {};
    for (const ref of globalRefs) addReference(tree, ref);
    for (const ref of ownPrivateReferences(individual)) addReference(tree, ref);
    cloned = cloneWithRedactions(individual, tree, excluded);
  }
  let meta = hasOwn(cloned, '_meta') ? cloned['_meta'] : undefined;
  if (excluded.length > 0) {
    if (!isObjectRecord(meta)) {
      meta = {};
      cloned['_meta'] = meta;
    }
    meta['redactedAttributes'] = excluded.sort();
  }
  if (isObjectRecord(meta)) {
    delete meta['privateAttributes'];
    if (Object.keys(meta).length === 0) delete cloned['_meta'];
  } else if (meta !== undefined) {
    delete cloned['_meta'];
  }
  return cloned;
}

function redact(
  context: Context,
  globalRefs: readonly AttributeReference[],
  allAttributesPrivate: boolean,
  redactAnonymous: boolean,
): Record<string, JsonValue> {
  const kinds = getContextKinds(context);
  const everything = (individual: Record<string, unknown>): boolean =>
    allAttributesPrivate || (redactAnonymous && individual['anonymous'] === true);
  if (context.kind !== 'multi') return redactIndividual(context, globalRefs, everything(context));
  if (kinds.length === 1) {
    const kind = kinds[0] as string;
    const individual = getIndividualContext(context, kind) ?? {};
    // Collapsed to a single-kind context, as LaunchDarkly does. Spread keeps a `__proto__` key as plain data.
    const single: Record<string, JsonValue> = { kind, ...redactIndividual(individual, globalRefs, everything(individual)) };
    single['kind'] = kind;
    return single;
  }
  const out: Record<string, JsonValue> = { kind: 'multi' };
  for (const kind of kinds) {
    const individual = getIndividualContext(context, kind);
    if (individual !== undefined) setOwn(out, kind, redactIndividual(individual, globalRefs, everything(individual)));
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
  const globalRefs = Object.freeze((options.privateAttributes ?? []).map(toAttributeReference));
  const allAttributesPrivate = options.allAttributesPrivate === true;
  const redactAnonymous = options.redactAnonymousAttributes === true;
  return {
    redact(context, overrides) {
      return redact(context, globalRefs, allAttributesPrivate, overrides?.redactAnonymousAttributes ?? redactAnonymous);
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
