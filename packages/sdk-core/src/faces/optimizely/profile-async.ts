import type { EvaluationResult, UserProfile } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import { messageOf } from '../../core/records.js';
import type { DecideFlags } from './decide-options.js';
import type { UserState } from './user-state.js';

/**
 * Looks the user's profile up in `userProfileServiceAsync` before an asynchronous decide. Undefined when there is
 * none to use (no service, no valid user id, or `IGNORE_USER_PROFILE_SERVICE` in the call's decide flags, which
 * `flagsOf` folds only when needed): the synchronous path then applies.
 * A lookup that fails is logged (rate-limited) and counts as no profile (null). Never throws.
 *
 * @example
 * const profile = await lookupProfile(core, state, () => flags);
 */
export async function lookupProfile(core: ClientCore, state: UserState, flagsOf: () => DecideFlags): Promise<UserProfile | null | undefined> {
  const service = core.options.userProfileServiceAsync;
  if (!service || state.id === null || flagsOf().ignoreUserProfileService) return undefined;
  try {
    return (await service.lookup(state.id)) ?? null;
  } catch (error) {
    core.limited.log('error', 'ups-lookup', `userProfileServiceAsync.lookup failed: ${messageOf(error)}`);
    return null;
  }
}

/**
 * Saves the last profile update of these results to `userProfileServiceAsync`, when the asynchronous service was
 * used (`profile` is not undefined). A save that fails is logged (rate-limited). Never throws.
 *
 * @example
 * await saveProfile(core, profile, results);
 */
export async function saveProfile(core: ClientCore, profile: UserProfile | null | undefined, results: readonly EvaluationResult[]): Promise<void> {
  const service = core.options.userProfileServiceAsync;
  if (!service || profile === undefined) return;
  let update: UserProfile | undefined;
  for (const r of results) if (r.userProfileUpdate) update = r.userProfileUpdate;
  if (!update) return;
  try {
    await service.save(update);
  } catch (error) {
    core.limited.log('error', 'ups-save', `userProfileServiceAsync.save failed: ${messageOf(error)}`);
  }
}
