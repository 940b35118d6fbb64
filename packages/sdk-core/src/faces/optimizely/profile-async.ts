import type { EvaluationResult, UserProfile } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import { messageOf } from '../../core/records.js';
import type { DecideFlags } from './decide-options.js';
import type { UserState } from './user-state.js';
import { mergeBucketMap } from './profile-sync.js';

const TIMED_OUT: unique symbol = Symbol('timed out');

/** Races `work` against the client's scheduler: `TIMED_OUT` after `ms`. The timer is cancelled when work settles. */
function withTimeout<T>(core: ClientCore, work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = core.scheduler.setTimeout(() => resolve(TIMED_OUT), ms);
    work.then(
      (value) => {
        timer.cancel();
        resolve(value);
      },
      (error: unknown) => {
        timer.cancel();
        reject(error);
      },
    );
  });
}

/**
 * Looks the user's profile up in `userProfileServiceAsync` before an asynchronous decide. Undefined when there is
 * none to use (no service, no valid user id, or `IGNORE_USER_PROFILE_SERVICE` in the call's decide flags, which
 * `flagsOf` folds only when needed): the synchronous path then applies.
 * A lookup that fails is logged (rate-limited) and counts as no profile (null). A lookup that does not settle within
 * `userProfileServiceAsyncTimeoutMs` (default 1 s) is given up: logged once a minute, it returns undefined, so the
 * decision is made without the asynchronous profile and nothing is saved over a profile that could not be read.
 * Never throws.
 *
 * @example
 * const profile = await lookupProfile(core, state, () => flags);
 */
export async function lookupProfile(core: ClientCore, state: UserState, flagsOf: () => DecideFlags): Promise<UserProfile | null | undefined> {
  const service = core.options.userProfileServiceAsync;
  if (!service || state.id === null || flagsOf().ignoreUserProfileService) return undefined;
  const timeoutMs = core.options.userProfileServiceAsyncTimeoutMs;
  try {
    const profile = await withTimeout(core, Promise.resolve(service.lookup(state.id)), timeoutMs);
    if (profile === TIMED_OUT) {
      core.limited.log('warn', 'ups-lookup-timeout', `userProfileServiceAsync.lookup did not answer within ${timeoutMs} ms; deciding without the profile`);
      return undefined;
    }
    return mergeBucketMap(profile, state) ?? profile ?? null;
  } catch (error) {
    core.limited.log('error', 'ups-lookup', `userProfileServiceAsync.lookup failed: ${messageOf(error)}`);
    return mergeBucketMap(null, state) ?? null;
  }
}

/**
 * Saves the last profile update of these results to `userProfileServiceAsync`, when the asynchronous service was
 * used (`profile` is not undefined). A save that fails, or does not settle within `userProfileServiceAsyncTimeoutMs`,
 * is logged (rate-limited) and not waited on further. Never throws.
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
  const timeoutMs = core.options.userProfileServiceAsyncTimeoutMs;
  try {
    const saved = await withTimeout(core, Promise.resolve(service.save(update)), timeoutMs);
    if (saved === TIMED_OUT) core.limited.log('warn', 'ups-save-timeout', `userProfileServiceAsync.save did not answer within ${timeoutMs} ms`);
  } catch (error) {
    core.limited.log('error', 'ups-save', `userProfileServiceAsync.save failed: ${messageOf(error)}`);
  }
}
