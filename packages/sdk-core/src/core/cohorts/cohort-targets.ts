import type { CompiledDatafile } from '@ensign/evaluator-core';
import { referencedValues } from '../datafile-references.js';

/** Amplitude's group type of user cohorts. */
export const USER_GROUP_TYPE = 'User';

/** The cohort ids a datafile's cohort conditions name, by Amplitude group type (`User` for the user's cohorts). */
export type CohortTargets = ReadonlyMap<string, ReadonlySet<string>>;

const NO_TARGETS: CohortTargets = new Map();
const targetsByDatafile = new WeakMap<CompiledDatafile, CohortTargets>();

/**
 * The cohort ids the `inCohort` conditions of `compiled` name, by group type: a condition on the `user` kind names
 * `User` cohorts, one on another kind the cohorts of that group type (as Amplitude's importer maps
 * `["context", "groups", type, "cohort_ids"]`). Computed once per datafile.
 *
 * @example
 * cohortTargets(compiled); // Map { 'User' => Set { 'c1' }, 'org' => Set { 'c9' } }
 */
export function cohortTargets(compiled: CompiledDatafile): CohortTargets {
  let targets = targetsByDatafile.get(compiled);
  if (targets === undefined) {
    const byType = new Map<string, Set<string>>();
    for (const [id, kind] of referencedValues(compiled.datafile, 'inCohort')) {
      const type = kind === null || kind === 'user' ? USER_GROUP_TYPE : kind;
      let ids = byType.get(type);
      if (ids === undefined) byType.set(type, (ids = new Set()));
      ids.add(id);
    }
    targets = byType.size === 0 ? NO_TARGETS : byType;
    targetsByDatafile.set(compiled, targets);
  }
  return targets;
}
