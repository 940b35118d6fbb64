// Sticky bucketing through the user-profile port (Optimizely `UserProfileService`): an experiment rule first looks
// for a variation saved for the user under the experiment id (else the rule id); after bucketing into an experiment
// rule the profile is updated (`userProfileUpdate` on the result) and saved to the store when one was given.
// A store that throws is ignored.
import type { CompiledFlag, CompiledRule } from '../compile/compiled-types.js';
import { keyOf } from '../context/context-access.js';
import type { UserProfile } from '../types.js';
import type { EvalState } from './eval-state.js';

function userIdOf(state: EvalState, rule: CompiledRule): string | undefined {
  const kind = rule.serve.rollout?.contextKind ?? 'user';
  return keyOf(state.context, kind);
}

function load(state: EvalState, userId: string): UserProfile | null {
  if (state.profile !== undefined) return state.profile;
  const options = state.options;
  let profile: UserProfile | null = null;
  if (options.userProfile !== undefined && options.userProfile !== null) profile = options.userProfile;
  else if (options.userProfileStore !== undefined && options.userProfileStore !== null) {
    try {
      profile = options.userProfileStore.lookup(userId) ?? null;
    } catch {
      profile = null;
    }
  }
  const valid = profile !== null && typeof profile === 'object' && profile.experiment_bucket_map !== null && typeof profile.experiment_bucket_map === 'object';
  state.profile = valid ? profile : null;
  return state.profile;
}

/** The variation index saved for this rule's experiment, or -1. */
export function stickyVariation(state: EvalState, flag: CompiledFlag, rule: CompiledRule): number {
  if (state.options.ignoreUserProfile === true) return -1;
  const options = state.options;
  if ((options.userProfile === undefined || options.userProfile === null) && (options.userProfileStore === undefined || options.userProfileStore === null)) return -1;
  const userId = userIdOf(state, rule);
  if (userId === undefined) return -1;
  const profile = load(state, userId);
  if (profile === null || !Object.prototype.hasOwnProperty.call(profile.experiment_bucket_map, rule.profileKey)) return -1;
  const saved = profile.experiment_bucket_map[rule.profileKey]?.variation_id;
  if (typeof saved !== 'string') return -1;
  for (const v of flag.variations) if (v.id === saved || v.key === saved) return v.index;
  return -1;
}

/** Records a fresh experiment decision in the profile and saves it to the store, if any. */
export function rememberVariation(state: EvalState, flag: CompiledFlag, rule: CompiledRule, index: number): void {
  const options = state.options;
  if (options.ignoreUserProfile === true) return;
  const store = options.userProfileStore;
  const hasPort = (store !== undefined && store !== null) || options.userProfile !== undefined;
  if (!hasPort) return;
  const userId = userIdOf(state, rule);
  const variation = flag.variations[index];
  if (userId === undefined || variation === undefined) return;
  const previous = load(state, userId);
  const map: UserProfile['experiment_bucket_map'] = {};
  if (previous !== null) {
    for (const k of Object.keys(previous.experiment_bucket_map)) {
      const entry = previous.experiment_bucket_map[k];
      if (entry !== undefined) Object.defineProperty(map, k, { value: entry, enumerable: true, writable: true, configurable: true });
    }
  }
  Object.defineProperty(map, rule.profileKey, { value: { variation_id: variation.id ?? variation.key }, enumerable: true, writable: true, configurable: true });
  const profile: UserProfile = { user_id: userId, experiment_bucket_map: map };
  state.profile = profile;
  state.profileChanged = true;
  if (store !== undefined && store !== null) {
    try {
      store.save(profile);
    } catch {
      // The decision stands; the caller still gets `userProfileUpdate`.
    }
  }
}
