/** An Optimizely decide option: changes what one `decide` call does. */
export type DecideOption =
  | 'DISABLE_DECISION_EVENT'
  | 'ENABLED_FLAGS_ONLY'
  | 'IGNORE_USER_PROFILE_SERVICE'
  | 'INCLUDE_REASONS'
  | 'EXCLUDE_VARIABLES';

/**
 * The decide options as run-time values, spelled as Optimizely's `OptimizelyDecideOption`:
 * - `DISABLE_DECISION_EVENT`: send no decision (impression) event.
 * - `ENABLED_FLAGS_ONLY`: `decideForKeys` / `decideAll` leave out flags that are not enabled.
 * - `IGNORE_USER_PROFILE_SERVICE`: neither read nor write sticky bucketing.
 * - `INCLUDE_REASONS`: fill `decision.reasons` with the evaluator's messages (errors always have theirs).
 * - `EXCLUDE_VARIABLES`: leave `decision.variables` empty.
 *
 * @example
 * user.decide('checkout-redesign', [OptimizelyDecideOption.INCLUDE_REASONS]);
 */
export const OptimizelyDecideOption = Object.freeze({
  DISABLE_DECISION_EVENT: 'DISABLE_DECISION_EVENT',
  ENABLED_FLAGS_ONLY: 'ENABLED_FLAGS_ONLY',
  IGNORE_USER_PROFILE_SERVICE: 'IGNORE_USER_PROFILE_SERVICE',
  INCLUDE_REASONS: 'INCLUDE_REASONS',
  EXCLUDE_VARIABLES: 'EXCLUDE_VARIABLES',
} as const satisfies Record<DecideOption, DecideOption>);

const KNOWN: ReadonlySet<string> = new Set(Object.values(OptimizelyDecideOption));

/** Decide options folded into flags, once per call. */
export interface DecideFlags {
  disableDecisionEvent: boolean;
  enabledFlagsOnly: boolean;
  ignoreUserProfileService: boolean;
  includeReasons: boolean;
  excludeVariables: boolean;
}

/** Tells whether a value is one of the {@link OptimizelyDecideOption} strings. */
export function isDecideOption(value: unknown): value is DecideOption {
  return typeof value === 'string' && KNOWN.has(value);
}

/**
 * Folds the client's default options and a call's options into {@link DecideFlags}. Unknown entries are returned in
 * `unknown` (the caller logs them) and otherwise ignored; a non-array `options` counts as none.
 *
 * @example
 * foldDecideOptions(['INCLUDE_REASONS'], ['EXCLUDE_VARIABLES']).flags.excludeVariables; // true
 */
export function foldDecideOptions(
  defaults: readonly DecideOption[],
  options: unknown,
): { flags: DecideFlags; unknown: unknown[] } {
  const flags: DecideFlags = {
    disableDecisionEvent: false,
    enabledFlagsOnly: false,
    ignoreUserProfileService: false,
    includeReasons: false,
    excludeVariables: false,
  };
  const unknown: unknown[] = [];
  const apply = (option: unknown) => {
    switch (option) {
      case 'DISABLE_DECISION_EVENT':
        flags.disableDecisionEvent = true;
        break;
      case 'ENABLED_FLAGS_ONLY':
        flags.enabledFlagsOnly = true;
        break;
      case 'IGNORE_USER_PROFILE_SERVICE':
        flags.ignoreUserProfileService = true;
        break;
      case 'INCLUDE_REASONS':
        flags.includeReasons = true;
        break;
      case 'EXCLUDE_VARIABLES':
        flags.excludeVariables = true;
        break;
      default:
        unknown.push(option);
    }
  };
  for (const option of defaults) apply(option);
  if (Array.isArray(options)) for (const option of options) apply(option);
  else if (options !== undefined && options !== null) unknown.push(options);
  return { flags, unknown };
}
