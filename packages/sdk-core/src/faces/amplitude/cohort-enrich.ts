import type { AmplitudeUser } from '@ensign/context';
import type { CohortSyncer } from '../../core/cohorts/cohort-syncer.js';
import { USER_GROUP_TYPE } from '../../core/cohorts/cohort-syncer.js';

const hasOwn = Object.prototype.hasOwnProperty;

const union = (given: unknown, synced: readonly string[]): string[] => {
  const out = Array.isArray(given) ? given.filter((id): id is string => typeof id === 'string') : [];
  for (const id of synced) if (!out.includes(id)) out.push(id);
  return out;
};

/**
 * The user as Amplitude's local client evaluates it with cohort sync on: `cohort_ids` gets the synced `User` cohorts
 * listing `user_id`, and `group_cohort_ids[type][name]` the synced cohorts of group type `type` listing the group's
 * first name. Ids the caller passed are kept. The caller's object is not changed; a user without any synced
 * membership is returned as it is.
 *
 * @example
 * withSyncedCohorts(syncer, { user_id: 'user-42', groups: { org: ['acme'] } });
 * // { user_id: 'user-42', groups: { org: ['acme'] }, cohort_ids: ['c1'], group_cohort_ids: { org: { acme: ['c9'] } } }
 */
export function withSyncedCohorts(syncer: CohortSyncer, user: AmplitudeUser): AmplitudeUser {
  if (typeof user !== 'object' || user === null) return user;
  let out: AmplitudeUser | null = null;
  const userId = user.user_id;
  if (typeof userId === 'string' && userId !== '') {
    const ids = syncer.cohortIdsOf(USER_GROUP_TYPE, userId);
    if (ids.length > 0) out = { ...user, cohort_ids: union(user.cohort_ids, ids) };
  }
  const groups = user.groups;
  if (typeof groups === 'object' && groups !== null) {
    let groupCohorts: Record<string, Record<string, string[]>> | null = null;
    for (const type of Object.keys(groups)) {
      const names = groups[type];
      const name = Array.isArray(names) ? names[0] : undefined;
      if (typeof name !== 'string' || name === '') continue;
      const ids = syncer.cohortIdsOf(type, name);
      if (ids.length === 0) continue;
      groupCohorts ??= copyGroupCohorts(user.group_cohort_ids);
      const byName = hasOwn.call(groupCohorts, type) ? (groupCohorts[type] as Record<string, string[]>) : {};
      Object.defineProperty(byName, name, { value: union(hasOwn.call(byName, name) ? byName[name] : undefined, ids), enumerable: true, writable: true, configurable: true });
      Object.defineProperty(groupCohorts, type, { value: byName, enumerable: true, writable: true, configurable: true });
    }
    if (groupCohorts !== null) out = { ...(out ?? user), group_cohort_ids: groupCohorts };
  }
  return out ?? user;
}

function copyGroupCohorts(given: unknown): Record<string, Record<string, string[]>> {
  const copy: Record<string, Record<string, string[]>> = {};
  if (typeof given !== 'object' || given === null) return copy;
  for (const type of Object.keys(given)) {
    const byName = (given as Record<string, unknown>)[type];
    if (typeof byName === 'object' && byName !== null) Object.defineProperty(copy, type, { value: { ...(byName as Record<string, string[]>) }, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
