// Individual targets (flag-level and rule-level) → one key map per context kind.
import type { Target } from '@ensign/datafile-schema';
import type { CompiledTargets, TargetHit } from './compiled-types.js';

const NONE: readonly never[] = Object.freeze([]);

/**
 * Merges targets by context kind; within a kind the first target naming a key wins, and `order` keeps the position
 * of each target so that a multi-kind context gets the earliest target among its kinds.
 *
 * @param indexOf resolves a variation key to its index, or -2 when the flag lacks it.
 */
export function compileTargets(targets: readonly Target[] | undefined, indexOf: (key: string) => number): readonly CompiledTargets[] {
  if (!Array.isArray(targets) || targets.length === 0) return NONE;
  const byKind = new Map<string, Map<string, TargetHit>>();
  targets.forEach((target, order) => {
    if (target === null || typeof target !== 'object' || !Array.isArray(target.values) || typeof target.variation !== 'string') return;
    const kind = typeof target.contextKind === 'string' ? target.contextKind : 'user';
    let keys = byKind.get(kind);
    if (keys === undefined) {
      keys = new Map();
      byKind.set(kind, keys);
    }
    const hit: TargetHit = { variation: indexOf(target.variation), variationKey: target.variation, order };
    for (const value of target.values) if (typeof value === 'string' && !keys.has(value)) keys.set(value, hit);
  });
  return [...byKind].map(([contextKind, keys]) => ({ contextKind, keys }));
}
