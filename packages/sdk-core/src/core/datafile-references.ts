import type { Datafile } from '@ensign/datafile-schema';

const MAX_DEPTH = 64;

/**
 * The string values of every condition leaf with operator `op` anywhere in a datafile (flags, rules, audiences,
 * segments, holdouts), first-seen order, without duplicates: the ODP segments `qualified` conditions name, the
 * cohort ids `inCohort` conditions name. With `withKind`, each value maps to the leaf's `contextKind` (or null).
 *
 * @example
 * referencedValues(datafile, 'qualified'); // Map { 'vip' => null, 'beta-testers' => null }
 */
export function referencedValues(datafile: Datafile, op: 'qualified' | 'inCohort'): Map<string, string | null> {
  const found = new Map<string, string | null>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record['op'] === op && Array.isArray(record['values'])) {
      const kind = typeof record['contextKind'] === 'string' ? record['contextKind'] : null;
      for (const value of record['values']) if (typeof value === 'string' && !found.has(value)) found.set(value, kind);
      return;
    }
    for (const key of Object.keys(record)) walk(record[key], depth + 1);
  };
  walk(datafile.flags, 0);
  walk(datafile.audiences, 0);
  walk(datafile.segments, 0);
  walk(datafile.holdouts, 0);
  return found;
}
