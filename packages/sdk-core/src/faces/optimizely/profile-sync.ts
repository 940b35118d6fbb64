// Sticky bucketing of one synchronous decide call, as Optimizely 6 resolves it: the profile is looked up once per call
// (`decide`, `decideForKeys`, `decideAll`), merged with the user's `$opt_experiment_bucket_map` attribute (which wins,
// and counts even without a profile service), shared by every flag of the call, and saved once at the end when a
// flag bucketed into an experiment and a `userProfileService` is configured.
import type { EvaluationResult, UserProfile } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import type { UserState } from './user-state.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Optimizely's attribute carrying experiment bucket map entries (`{ [experimentId]: { variation_id } }`). */
export const BUCKET_MAP_ATTRIBUTE = '$opt_experiment_bucket_map';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The profile `lookedUp` (from a service; null or undefined when none) with the user's `$opt_experiment_bucket_map`
 * entries merged over it. Undefined when there is neither: the decision then uses no profile. Own entries only, kept
 * as own data properties (a `__proto__` experiment id is an ordinary key).
 *
 * @example
 * mergeBucketMap(null, state); // { user_id: 'user-42', experiment_bucket_map: { '7001': { variation_id: '6002' } } }
 */
export function mergeBucketMap(lookedUp: UserProfile | null | undefined, state: UserState): UserProfile | undefined {
  const fromAttributes = state.attribute(BUCKET_MAP_ATTRIBUTE);
  const base = isObject(lookedUp) && isObject(lookedUp.experiment_bucket_map) ? lookedUp.experiment_bucket_map : null;
  if (!isObject(fromAttributes)) return base === null ? undefined : (lookedUp as UserProfile);
  const map: UserProfile['experiment_bucket_map'] = {};
  for (const source of [base, fromAttributes]) {
    if (source === null) continue;
    for (const id of Object.keys(source)) {
      if (hasOwn.call(source, id)) Object.defineProperty(map, id, { value: source[id], enumerable: true, writable: true, configurable: true });
    }
  }
  return { user_id: state.idText, experiment_bucket_map: map };
}

/**
 * The profile of one synchronous decide call: undefined when sticky bucketing is off for it (`ignore`, or no service
 * and no bucket map attribute). Looks the service up once; a lookup that throws counts as none (the service is
 * wrapped to log it).
 *
 * @example
 * const profile = profileForCall(core, state, flags.ignoreUserProfileService);
 */
export function profileForCall(core: ClientCore, state: UserState, ignore: boolean): UserProfile | null | undefined {
  if (ignore || state.id === null) return undefined;
  const service = core.options.userProfileService;
  const lookedUp = service ? (service.lookup(state.id) ?? null) : undefined;
  const merged = mergeBucketMap(lookedUp, state);
  if (merged !== undefined) return merged;
  return service ? null : undefined;
}

/**
 * Saves the last profile update of a synchronous call to `userProfileService`, once. Nothing without a service (as
 * Optimizely, which keeps the attribute-only profile to the call).
 *
 * @example
 * saveAfterCall(core, results);
 */
export function saveAfterCall(core: ClientCore, results: readonly EvaluationResult[]): void {
  const service = core.options.userProfileService;
  if (!service) return;
  let update: UserProfile | undefined;
  for (const r of results) if (r.userProfileUpdate) update = r.userProfileUpdate;
  if (update) service.save(update);
}
