// The order Amplitude evaluates flags in when it evaluates them all: its topological sort over `dependencies`,
// starting from the flags in the order of the configs. A condition on another flag's result sees that result only
// if the other flag was evaluated before; a flag that is neither a declared dependency nor earlier in this order is
// unknown to the condition (its value is missing).
import type { AmplitudeFlag } from './amplitude-types.js';

/**
 * The position of each flag key in Amplitude's evaluation order of all flags (`topologicalSort(flags)` of
 * experiment-core), or null when the declared dependencies form a cycle (Amplitude's evaluation throws then).
 */
export function evaluationOrder(flags: ReadonlyMap<string, AmplitudeFlag>): Map<string, number> | null {
  const available = new Map(flags);
  const order = new Map<string, number>();
  const visit = (key: string, path: string[]): boolean => {
    const flag = available.get(key);
    if (flag === undefined) return true;
    const deps = Array.isArray(flag.dependencies) ? flag.dependencies.filter((d): d is string => typeof d === 'string') : [];
    if (deps.length > 0) {
      path.push(key);
      for (const parent of deps) {
        if (path.includes(parent)) return false;
        if (!visit(parent, path)) return false;
      }
      path.pop();
    }
    if (available.delete(key)) order.set(key, order.size);
    return true;
  };
  for (const key of flags.keys()) if (!visit(key, [])) return null;
  return order;
}

/** The declared dependencies of a flag, transitively (what Amplitude evaluates before it even for that flag alone). */
export function declaredAncestors(key: string, flags: ReadonlyMap<string, AmplitudeFlag>): Set<string> {
  const seen = new Set<string>();
  const stack = [key];
  while (stack.length > 0) {
    const deps = flags.get(stack.pop() as string)?.dependencies;
    if (!Array.isArray(deps)) continue;
    for (const d of deps) {
      if (typeof d === 'string' && !seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return seen;
}
