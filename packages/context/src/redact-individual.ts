// Redaction of one context object (a single-kind context, or one kind of a multi-kind context). A fast path takes
// the common case (flat JSON attributes, no `_meta`, no private reference that applies) as a shallow copy; the
// general path walks the private reference trees. Both follow the rules documented on `redactContext`.
import { escapeReferenceComponent } from './attribute-reference.js';
import { copyJsonValue } from './json-copy.js';
import { hasOwn, isObjectRecord, setOwn } from './own.js';
import { isProtectedName, ownReferenceTree, type PathTree } from './redaction-tree.js';
import type { JsonValue } from './types.js';

/** Marks a context the fast path leaves to the general one. */
const GENERAL = Symbol('general');

/**
 * The fast path: no `_meta`, and no global reference that applies to this context. Object spread copies every
 * attribute at once (it defines own data properties, so `__proto__` stays plain data); a `for...in` over the copy
 * checks that each value is JSON and replaces object values by deep copies. Anything else returns GENERAL.
 */
function redactFast(individual: Record<string, unknown>, global: PathTree | undefined): Record<string, JsonValue> | typeof GENERAL {
  const globalChildren = global?.children;
  if (globalChildren !== undefined) {
    // A global reference naming an attribute this context has: the general path redacts it.
    for (const name of globalChildren.keys()) if (hasOwn(individual, name)) return GENERAL;
  }
  const copy: Record<string, unknown> = { ...individual };
  for (const name in copy) {
    const value = copy[name];
    switch (typeof value) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (Number.isFinite(value)) continue;
        return GENERAL;
      case 'object': {
        if (value === null) continue;
        // `_meta` needs the general path, and so do names `for...in` found on a (polluted) prototype.
        if (name === '_meta' || !hasOwn(copy, name)) return GENERAL;
        const nested = copyJsonValue(value);
        if (nested === undefined) return GENERAL;
        setOwn(copy, name, nested);
        continue;
      }
      default:
        return GENERAL; // undefined, a function, a symbol, a BigInt: the general path leaves it out
    }
  }
  return copy as Record<string, JsonValue>;
}

/** A JSON copy of one attribute value, or undefined to leave it out. Primitives cost no call. */
function copyAttribute(value: unknown): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
    case 'object':
      return copyJsonValue(value);
    default:
      return undefined;
  }
}

interface Frame {
  source: Record<string, unknown>;
  target: Record<string, JsonValue>;
  global: PathTree | undefined;
  own: PathTree | undefined;
}

/**
 * The general path: copies a context object into fresh JSON, leaving out what the global and own reference trees
 * mark and recording their redaction names in `excluded`. The two trees are walked side by side rather than merged,
 * so nothing is built per call. The top-level `_meta` is left to {@link outputMeta}. Iterative: no stack growth.
 */
function copyRedacted(source: Record<string, unknown>, global: PathTree | undefined, own: PathTree | undefined, excluded: string[]): Record<string, JsonValue> {
  const root: Record<string, JsonValue> = {};
  const stack: Frame[] = [];
  for (let frame: Frame | undefined = { source, target: root, global, own }; frame !== undefined; frame = stack.pop()) {
    const globalChildren = frame.global?.children;
    const ownChildren = frame.own?.children;
    const names = Object.keys(frame.source);
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i] as string;
      if (name === '_meta' && frame.target === root) continue;
      const value = frame.source[name];
      const globalBranch = globalChildren?.get(name);
      const ownBranch = ownChildren?.get(name);
      // Global references come first, so one of them names a path both lists hold.
      const redactionName = globalBranch?.redactionName ?? ownBranch?.redactionName;
      if (redactionName !== undefined) {
        excluded.push(redactionName);
        continue;
      }
      if ((globalBranch?.children !== undefined || ownBranch?.children !== undefined) && isObjectRecord(value)) {
        const target: Record<string, JsonValue> = {};
        setOwn(frame.target, name, target);
        stack.push({ source: value, target, global: globalBranch, own: ownBranch });
        continue;
      }
      const copy = copyAttribute(value);
      if (copy !== undefined) setOwn(frame.target, name, copy);
    }
  }
  return root;
}

/** Keeps `kind`, `key` and `anonymous`; every other attribute (but `_meta`) is redacted under its literal name. */
function copyRedactingAll(source: Record<string, unknown>, excluded: string[]): Record<string, JsonValue> {
  const cloned: Record<string, JsonValue> = {};
  const names = Object.keys(source);
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    if (name === '_meta') continue;
    if (!isProtectedName(name)) {
      excluded.push(name[0] === '/' ? `/${escapeReferenceComponent(name)}` : name);
      continue;
    }
    const copy = copyAttribute(source[name]);
    if (copy !== undefined) setOwn(cloned, name, copy);
  }
  return cloned;
}

/**
 * The `_meta` that leaves the process: the context's own `_meta` without `privateAttributes`, plus
 * `redactedAttributes` (sorted) when anything was removed; `undefined` when that leaves nothing.
 */
function outputMeta(source: unknown, excluded: string[]): Record<string, JsonValue> | undefined {
  let meta: Record<string, JsonValue> | undefined;
  if (isObjectRecord(source)) {
    for (const name of Object.keys(source)) {
      if (name === 'privateAttributes') continue;
      const copy = copyAttribute(source[name]);
      if (copy !== undefined) setOwn((meta ??= {}), name, copy);
    }
  }
  if (excluded.length > 0) (meta ??= {})['redactedAttributes'] = excluded.sort();
  return meta;
}

/**
 * Redacts one context object: the global references plus the object's own `_meta.privateAttributes`, or every
 * attribute but `kind`, `key` and `anonymous` when `everything`. Returns a new object; never mutates its input.
 *
 * @example
 * redactIndividual({ kind: 'user', key: 'u', email: 'e' }, compileReferences(['email']), false);
 * // { kind: 'user', key: 'u', _meta: { redactedAttributes: ['email'] } }
 */
export function redactIndividual(individual: Record<string, unknown>, global: PathTree | undefined, everything: boolean): Record<string, JsonValue> {
  if (!everything) {
    const fast = redactFast(individual, global);
    if (fast !== GENERAL) return fast;
  }
  const excluded: string[] = [];
  const hasMeta = hasOwn(individual, '_meta');
  const cloned = everything
    ? copyRedactingAll(individual, excluded)
    : copyRedacted(individual, global, hasMeta ? ownReferenceTree(individual) : undefined, excluded);
  if (hasMeta || excluded.length > 0) {
    const meta = outputMeta(hasMeta ? individual['_meta'] : undefined, excluded);
    if (meta !== undefined) cloned['_meta'] = meta;
  }
  return cloned;
}
