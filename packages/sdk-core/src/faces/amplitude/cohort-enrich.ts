import type { AmplitudeUser } from '@ensign/context';
import type { CohortSyncer } from '../../core/cohorts/cohort-syncer.js';
import type { CohortTargets } from '../../core/cohorts/cohort-targets.js';
import { USER_GROUP_TYPE } from '../../core/cohorts/cohort-targets.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Defines `name` on `target` as an own data property (a `__proto__` name stays data). */
function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The user as Amplitude's local evaluation client evaluates it (`enrichUserWithCohorts`): when the datafile's
 * conditions name `User` cohorts and the user has a `user_id`, `cohort_ids` becomes the synced cohorts among them that
 * list the user; for each group type of `groups` whose cohorts the conditions name, `group_cohort_ids[type][name]`
 * (`name` the first group name) becomes the synced cohorts among them that list the group. Amplitude replaces what
 * the caller passed there; without cohort sync (`syncer` null) nothing is listed, so such a user is in none of those
 * cohorts. A user without a `user_id` keeps its own `cohort_ids`. The caller's object is not changed; a datafile
 * without cohort conditions returns the user as it is.
 *
 * @example
 * withAmplitudeCohorts({ user_id: 'user-42', groups: { org: ['acme'] } }, cohortTargets(compiled), syncer);
 * // { user_id: 'user-42', groups: { org: ['acme'] }, cohort_ids: ['c1'], group_cohort_ids: { org: { acme: ['c9'] } } }
 */
export function withAmplitudeCohorts(user: AmplitudeUser, targets: CohortTargets, syncer: CohortSyncer | null): AmplitudeUser {
  if (targets.size === 0 || typeof user !== 'object' || user === null) return user;
  const source = user as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  const userTargets = targets.get(USER_GROUP_TYPE);
  const userId = source['user_id'];
  if (userId && userTargets !== undefined) {
    out = { ...source };
    define(out, 'cohort_ids', membership(syncer, USER_GROUP_TYPE, userId, userTargets));
  }
  const groups = source['groups'];
  if (typeof groups === 'object' && groups !== null) {
    let groupCohorts: Record<string, Record<string, string[]>> | null = null;
    for (const type of Object.keys(groups)) {
      const ids = targets.get(type);
      const names: unknown = (groups as Record<string, unknown>)[type];
      // Amplitude reads `names[0]`: an array's first name, or a text's first character.
      if (ids === undefined || !(Array.isArray(names) || typeof names === 'string') || names.length === 0) continue;
      const name = String(names[0]);
      groupCohorts ??= copyGroupCohorts(source['group_cohort_ids']);
      const byName = hasOwn.call(groupCohorts, type) ? (groupCohorts[type] as Record<string, string[]>) : {};
      define(byName, name, membership(syncer, type, name, ids));
      define(groupCohorts, type, byName);
    }
    if (groupCohorts !== null) {
      out ??= { ...source };
      define(out, 'group_cohort_ids', groupCohorts);
    }
  }
  return (out ?? user) as AmplitudeUser;
}

/** The synced cohorts among `ids` that list `member` (none without a syncer, or for an id that is not text). */
function membership(syncer: CohortSyncer | null, type: string, member: unknown, ids: ReadonlySet<string>): string[] {
  if (syncer === null || typeof member !== 'string') return [];
  return syncer.cohortIdsOf(type, member).filter((id) => ids.has(id));
}

function copyGroupCohorts(given: unknown): Record<string, Record<string, string[]>> {
  const copy: Record<string, Record<string, string[]>> = {};
  if (typeof given !== 'object' || given === null) return copy;
  for (const type of Object.keys(given)) {
    const byName = (given as Record<string, unknown>)[type];
    if (typeof byName === 'object' && byName !== null) define(copy, type, { ...(byName as Record<string, string[]>) });
  }
  return copy;
}
