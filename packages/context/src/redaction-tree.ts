// Private attribute references compiled into a tree of path components, the form redaction walks. The global
// references of a redactor are compiled once; a context's own `_meta.privateAttributes` are compiled on first sight
// and kept in a small bounded cache, so contexts built per request with the same private list cost one lookup.
import { toAttributeReference, type AttributeReference } from './attribute-reference.js';
import { isObjectRecord } from './own.js';

/**
 * A node of the tree. A node with `redactionName` redacts its whole subtree (and reports that name); `children`
 * lead to nested references. Trees are never modified once built, so they are shared freely.
 */
export interface PathTree {
  redactionName?: string;
  children?: Map<string, PathTree>;
}

/**
 * Whether a top-level attribute name is never redacted: `kind`, `key` and `anonymous` identify the context, and
 * `_meta` is handled apart.
 *
 * @example
 * isProtectedName('key');   // true
 * isProtectedName('email'); // false
 */
export function isProtectedName(name: string): boolean {
  return name === 'kind' || name === 'key' || name === 'anonymous' || name === '_meta';
}

function addReference(tree: PathTree, ref: AttributeReference): boolean {
  const { components } = ref;
  if (!ref.valid || components.length === 0) return false;
  if (components.length === 1 && isProtectedName(components[0] as string)) return false;
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
  return true;
}

/**
 * Compiles references (text or parsed) into a tree, in order (the first reference to a path names it). Invalid
 * references and references to `kind`, `key`, `anonymous` or `_meta` are left out. `undefined` when nothing is left.
 * Never throws.
 *
 * @example
 * compileReferences(['email', '/address/street'])?.children?.get('address')?.children?.has('street'); // true
 * compileReferences(['key', '//']); // undefined
 */
export function compileReferences(refs: readonly (string | AttributeReference)[]): PathTree | undefined {
  const tree: PathTree = {};
  let any = false;
  for (const ref of refs) {
    // A reference that is neither text nor an object (a JavaScript caller's mistake) protects nothing.
    if ((typeof ref === 'string' || isObjectRecord(ref)) && addReference(tree, toAttributeReference(ref))) any = true;
  }
  return any ? tree : undefined;
}

// Own private lists seen recently, by their text. Bounded: past the limit it starts over (a context per request
// with its own list of private attributes is the rare case this serves badly, and it is only slower, never wrong).
const OWN_CACHE_LIMIT = 256;
const OWN_CACHE_MAX_KEY_LENGTH = 4_096;
const ownTrees = new Map<string, PathTree | null>();

/**
 * The tree of a context's own `_meta.privateAttributes`, or `undefined` when it has none that apply. Entries that
 * are not strings are ignored. Never throws for a validated context.
 *
 * @example
 * ownReferenceTree({ key: 'u', email: 'e', _meta: { privateAttributes: ['email'] } })?.children?.has('email'); // true
 */
export function ownReferenceTree(individual: Record<string, unknown>): PathTree | undefined {
  const meta = individual['_meta'];
  if (!isObjectRecord(meta)) return undefined;
  const refs = meta['privateAttributes'];
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  // The cache key: the text of a single reference, or the references joined with NUL. Lists holding something else
  // than strings, or a NUL, are compiled without the cache, so two different lists never share a key.
  let cacheKey = '';
  for (let i = 0; i < refs.length; i += 1) {
    const ref: unknown = refs[i];
    if (typeof ref !== 'string' || ref.includes('\u0000')) return compileOwn(refs);
    cacheKey = i === 0 ? ref : `${cacheKey}\u0000${ref}`;
  }
  if (cacheKey.length > OWN_CACHE_MAX_KEY_LENGTH) return compileOwn(refs);
  const cached = ownTrees.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  const tree = compileOwn(refs);
  if (ownTrees.size >= OWN_CACHE_LIMIT) ownTrees.clear();
  ownTrees.set(cacheKey, tree ?? null);
  return tree;
}

function compileOwn(refs: readonly unknown[]): PathTree | undefined {
  return compileReferences(refs.filter((ref): ref is string => typeof ref === 'string'));
}
