// Individual targeting: the first target (in datafile order) naming one of the context's keys wins.
import type { CompiledTargets, TargetHit } from '../compile/compiled-types.js';
import { keyOf } from '../context/context-access.js';
import type { EvalState } from './eval-state.js';

/**
 * The target that names the context, or null.
 *
 * @example
 * const hit = matchTargets(state, flag.targets); // { variation: 1, variationKey: 'on', order: 0 } | null
 */
export function matchTargets(state: EvalState, targets: readonly CompiledTargets[]): TargetHit | null {
  let best: TargetHit | null = null;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as CompiledTargets;
    const key = keyOf(state.context, t.contextKind);
    if (key === undefined) continue;
    const hit = t.keys.get(key);
    if (hit !== undefined && (best === null || hit.order < best.order)) best = hit;
  }
  return best;
}
