// Result construction. Every result has the same shape (one hidden class); reasons are shared frozen objects.
import type { JsonValue } from '@ensign/datafile-schema';
import { EMPTY_VARIABLES } from '../compile/compile-variables.js';
import type { CompiledFlag, CompiledRule } from '../compile/compiled-types.js';
import type { ErrorKind, EvaluateOptions, EvaluationReason, EvaluationResult } from '../types.js';
import type { EvalState } from './eval-state.js';

const ERROR_REASONS: Readonly<Record<ErrorKind, EvaluationReason>> = Object.freeze({
  CLIENT_NOT_READY: Object.freeze({ kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' }),
  FLAG_NOT_FOUND: Object.freeze({ kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' }),
  MALFORMED_FLAG: Object.freeze({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' }),
  USER_NOT_SPECIFIED: Object.freeze({ kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' }),
  WRONG_TYPE: Object.freeze({ kind: 'ERROR', errorKind: 'WRONG_TYPE' }),
  EXCEPTION: Object.freeze({ kind: 'ERROR', errorKind: 'EXCEPTION' }),
} as const satisfies Record<ErrorKind, EvaluationReason>);

/** The frozen reason `{ kind: 'OFF' }`. */
export const OFF_REASON: EvaluationReason = Object.freeze({ kind: 'OFF' });
/** The frozen reason `{ kind: 'TARGET_MATCH' }`. */
export const TARGET_REASON: EvaluationReason = Object.freeze({ kind: 'TARGET_MATCH' });
/** The frozen reason of a flag-level forced decision. */
export const FORCED_REASON: EvaluationReason = Object.freeze({ kind: 'TARGET_MATCH', forced: true });

/** Builds a result object (always the same shape). */
export function makeResult(
  flagKey: string,
  value: JsonValue,
  variationKey: string | null,
  variationIndex: number | null,
  enabled: boolean,
  variables: Readonly<Record<string, JsonValue>>,
  ruleKey: string | null,
  ruleId: string | null,
  experimentKey: string | null,
  reason: EvaluationReason,
  revision: string,
): EvaluationResult {
  return {
    flagKey,
    value,
    variationKey,
    variationIndex,
    enabled,
    variables: variables as Record<string, JsonValue>,
    ruleKey,
    ruleId,
    experimentKey,
    reason,
    revision,
  };
}

/**
 * A result for an evaluation that could not run: the caller's `defaultValue` (default null), no variation,
 * `enabled: false`, no variables and `{ kind: 'ERROR', errorKind }`. The SDK uses it to answer `CLIENT_NOT_READY`
 * in the same shape as every other result. Never throws.
 *
 * @example
 * errorResult('checkout-redesign', 'CLIENT_NOT_READY', { defaultValue: false }, '');
 * // { flagKey: 'checkout-redesign', value: false, variationKey: null, reason: { kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' }, ... }
 */
export function errorResult(flagKey: string, errorKind: ErrorKind, options?: EvaluateOptions, revision = ''): EvaluationResult {
  const d = options !== null && typeof options === 'object' ? options.defaultValue : undefined;
  const reason = ERROR_REASONS[errorKind] ?? ERROR_REASONS.EXCEPTION;
  return makeResult(String(flagKey), d === undefined ? null : d, null, null, false, EMPTY_VARIABLES, null, null, null, reason, String(revision));
}

/** An error result carrying the state's reasons and trace, and (MALFORMED_FLAG) the message of what is wrong. */
export function stateError(state: EvalState, flagKey: string, kind: ErrorKind): EvaluationResult {
  const result = makeResult(flagKey, state.defaultValue, null, null, false, EMPTY_VARIABLES, null, null, null, ERROR_REASONS[kind], state.compiled.revision);
  if (kind === 'MALFORMED_FLAG' && state.errorMessage !== '') result.errorMessage = state.errorMessage;
  return finish(state, result);
}

/**
 * The result of serving a variation of a flag (or nothing when `index` is -1). A variation the flag lacks (-2) is
 * MALFORMED_FLAG. `enabled` is false for OFF and PREREQUISITE_FAILED decisions, when nothing is served, and for
 * disabled variations; variables are the variation's only when enabled.
 */
export function serve(
  state: EvalState,
  flag: CompiledFlag,
  index: number,
  reason: EvaluationReason,
  rule: CompiledRule | null,
  defaultValue: unknown,
): EvaluationResult {
  if (index === -2 || index >= flag.variations.length) {
    state.fail('MALFORMED_FLAG', `flag ${flag.key} refers to a variation it does not have (or to none: a LaunchDarkly rollout with no variations, no fallthrough)`);
    return stateError(state, flag.key, 'MALFORMED_FLAG');
  }
  const ruleKey = rule === null || rule.key === '' ? null : rule.key;
  const ruleId = rule === null || rule.id === '' ? null : rule.id;
  const experimentKey = rule === null ? null : rule.experimentKey;
  const revision = state.compiled.revision;
  if (index < 0) {
    return finish(state, makeResult(flag.key, defaultValue as JsonValue, null, null, false, flag.defaults, ruleKey, ruleId, experimentKey, reason, revision));
  }
  const v = flag.variations[index]!;
  const enabled = v.enabled && reason.kind !== 'OFF' && reason.kind !== 'PREREQUISITE_FAILED';
  const variables = state.options.excludeVariables === true ? EMPTY_VARIABLES : enabled ? v.variables : flag.defaults;
  return finish(state, makeResult(flag.key, v.value, v.key, index, enabled, variables, ruleKey, ruleId, experimentKey, reason, revision));
}

/** Attaches reasons, trace and the user-profile update of a top-level evaluation (a no-op when none was asked). */
export function finish(state: EvalState, result: EvaluationResult): EvaluationResult {
  if (state.depth > 0) return result;
  if (state.reasons !== null) result.reasons = state.reasons;
  if (state.trace !== null) result.trace = { flagKey: state.rootKey, steps: state.trace };
  if (state.profileChanged && state.profile) result.userProfileUpdate = state.profile;
  if (state.bigSegmentsStatus !== null) result.reason = Object.freeze({ ...result.reason, bigSegmentsStatus: state.bigSegmentsStatus });
  if (state.options.excludeVariables === true && result.variables !== EMPTY_VARIABLES) result.variables = EMPTY_VARIABLES as Record<string, JsonValue>;
  return result;
}
