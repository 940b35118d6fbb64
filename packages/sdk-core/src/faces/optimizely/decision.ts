import type { JsonValue } from '@ensign/datafile-schema';
import type { EvaluationResult } from '@ensign/evaluator-core';
import { enumerableFree, keyText } from '../../core/records.js';

/** The user a decision was made for: a read-only snapshot of the user context at decision time. */
export interface DecisionUser {
  readonly userId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * An Optimizely decision (`OptimizelyDecision`), plus the datafile revision it was made with.
 * On error (not ready, unknown flag, invalid user) `variationKey` is null, `enabled` false, and `reasons` holds the
 * error message even without `INCLUDE_REASONS`, as in Optimizely.
 */
export interface OptimizelyDecision {
  variationKey: string | null;
  enabled: boolean;
  /** Variable values by key; empty with `EXCLUDE_VARIABLES`. */
  variables: Record<string, JsonValue>;
  /** Key of the rule (experiment or delivery rule) that decided; null when none did. */
  ruleKey: string | null;
  flagKey: string;
  userContext: DecisionUser;
  /** Reason messages: with `INCLUDE_REASONS`, or an error's message. */
  reasons: string[];
  /** Revision of the datafile the decision was made with; null before the client is ready. */
  revision: string | null;
}

/** Optimizely's `DECISION_MESSAGES`, as templates. */
export const DECISION_MESSAGES = Object.freeze({
  SDK_NOT_READY: 'Optimizely SDK not configured properly yet.',
  FLAG_KEY_INVALID: 'No flag was found for key "%s".',
  VARIABLE_VALUE_INVALID: 'Variable value for key "%s" is invalid or wrong type.',
} as const);

/** Fills the `%s` of a message template, as Optimizely's `sprintf`. */
export function formatMessage(template: string, ...args: unknown[]): string {
  let i = 0;
  return template.replace(/%s/g, () => keyText(args[i++]));
}

/** A decision that served nothing because of an error, with its message as the only reason. */
export function errorDecision(flagKey: string, user: DecisionUser, message: string, revision: string | null): OptimizelyDecision {
  return { variationKey: null, enabled: false, variables: {}, ruleKey: null, flagKey, userContext: user, reasons: [message], revision };
}

/**
 * Maps an evaluator result to an Optimizely decision. `reasons` are the evaluator's messages when `includeReasons`;
 * an unknown flag always carries Optimizely's 'No flag was found for key "%s".'.
 */
export function toDecision(result: EvaluationResult, user: DecisionUser, includeReasons: boolean): OptimizelyDecision {
  if (result.reason.kind === 'ERROR') {
    const message =
      result.reason.errorKind === 'FLAG_NOT_FOUND'
        ? formatMessage(DECISION_MESSAGES.FLAG_KEY_INVALID, result.flagKey)
        : `Flag "${result.flagKey}" could not be evaluated (${result.reason.errorKind ?? 'ERROR'})${result.errorMessage ? `: ${result.errorMessage}` : ''}.`;
    const extra = includeReasons ? (result.reasons ?? []).filter((r) => r !== message) : [];
    return { ...errorDecision(result.flagKey, user, message, result.revision), reasons: [message, ...extra] };
  }
  return {
    variationKey: result.variationKey,
    enabled: result.enabled,
    // A copy: the evaluator shares frozen variable objects between decisions (copying a frozen object is slow in V8,
    // so an empty one is not copied but replaced).
    variables: enumerableFree(result.variables) ? {} : { ...result.variables },
    ruleKey: result.ruleKey,
    flagKey: result.flagKey,
    userContext: user,
    reasons: includeReasons ? [...(result.reasons ?? [])] : [],
    revision: result.revision,
  };
}
