import type { CompiledDatafile } from '@ensign/evaluator-core';
import { getFlag } from '@ensign/evaluator-core';

/**
 * The order in which Optimizely's `decideForKeys` decides `keys`: the keys the datafile does not know first (each
 * once), then the known ones, each group in the given order (the record's key order follows). A repeated known key is
 * decided again, and its last decision stands (within the call, an experiment met before is "previously
 * activated"). Entries that are not strings are left out. One lookup per key: a lookup compiles a flag on first use.
 *
 * @example
 * decideKeyOrder(compiled, ['checkout', 'nope', 'checkout']); // ['nope', 'checkout', 'checkout']
 */
export function decideKeyOrder(compiled: CompiledDatafile, keys: readonly unknown[]): string[] {
  const unknown = new Set<string>();
  const known: string[] = [];
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    if (getFlag(compiled, key) === undefined) unknown.add(key);
    else known.push(key);
  }
  return unknown.size === 0 ? known : [...unknown, ...known];
}
