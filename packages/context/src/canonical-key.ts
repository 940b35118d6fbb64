import { getContextKinds, getIndividualContext } from './access.js';
import type { Context } from './types.js';

// Keys of multi-kind contexts, computed once per context object. Single-kind keys are not cached: computing one
// is cheaper than a WeakMap entry, and a context built per request would only fill the map.
const cache = new WeakMap<object, string>();

function encodeKey(key: string): string {
  return key.includes('%') || key.includes(':') ? key.replace(/%/g, '%25').replace(/:/g, '%3A') : key;
}

/**
 * LaunchDarkly's fully qualified key of a context, the one string that identifies it (used to deduplicate index
 * events and as the key of per-context caches):
 * - a single-kind `user` context: its bare key, unescaped (`'user-42'`);
 * - another single kind: `kind:key` (`'organization:org-1'`);
 * - a multi-kind context: each kind as `kind:key`, kinds sorted, joined with `:`
 *   (`'organization:org-1:user:user-42'`). A multi-kind context with one kind is treated as that single kind.
 *
 * In every `kind:key` pair the key is escaped so the result is unambiguous: `%` becomes `%25`, then `:` becomes
 * `%3A` (`{ kind: 'org', key: 'a:b%' }` gives `'org:a%3Ab%25'`). Kinds cannot contain either character. A user
 * context's key costs nothing (no allocation); a multi-kind context's key is computed once per context object.
 *
 * @param context - a validated context.
 * @example
 * canonicalKey({ kind: 'user', key: 'a:b' });                                        // 'a:b'
 * canonicalKey({ kind: 'multi', user: { key: 'u' }, device: { key: 'd:1' } });       // 'device:d%3A1:user:u'
 */
export function canonicalKey(context: Context): string {
  const kind = context.kind;
  if (kind !== 'multi') {
    // The hot path: a single-kind context. A user's key is returned as is, without allocating.
    const individualKey = context.key;
    if (typeof individualKey === 'string') return kind === 'user' ? individualKey : `${kind}:${encodeKey(individualKey)}`;
    return singleKey(kind, individualKey);
  }
  let key = cache.get(context);
  if (key !== undefined) return key;
  const kinds = getContextKinds(context);
  if (kinds.length === 1) {
    const only = kinds[0] as string;
    key = singleKey(only, getIndividualContext(context, only)?.['key']);
  } else {
    key = [...kinds]
      .sort()
      .map((kind) => `${kind}:${encodeKey(String(getIndividualContext(context, kind)?.['key'] ?? ''))}`)
      .join(':');
  }
  cache.set(context, key);
  return key;
}

function singleKey(kind: string, key: unknown): string {
  const text = String(key ?? '');
  return kind === 'user' ? text : `${kind}:${encodeKey(text)}`;
}
