import type { JsonValue } from '@ensign/datafile-schema';
import type { ErrorKind, EvaluationReason, EvaluationResult } from '@ensign/evaluator-core';

/** LaunchDarkly's `LDEvaluationDetail`, plus the datafile revision the evaluation used. */
export interface LDEvaluationDetail<T = JsonValue> {
  /** The served value, or the default on error. */
  value: T;
  /** Index of the served variation in the flag's variations; null when the default was returned. */
  variationIndex: number | null;
  reason: EvaluationReason;
  /** Revision of the datafile; null before the client is ready. */
  revision: string | null;
}

/** LaunchDarkly's optional last-argument callback, called with `(null, result)`. */
export type LDCallback<T> = (error: null, result: T) => void;

/** The value types of the typed variations. */
export type ValueType = 'boolean' | 'number' | 'string' | 'json';

/** Whether a served value has the expected type (`json` accepts any value). */
export function hasType(value: JsonValue, type: ValueType): boolean {
  return type === 'json' || typeof value === type;
}

/** A detail answering the default value because of an error. */
export function errorDetail<T>(defaultValue: T, errorKind: ErrorKind, revision: string | null): LDEvaluationDetail<T> {
  return { value: defaultValue, variationIndex: null, reason: { kind: 'ERROR', errorKind }, revision };
}

/**
 * Maps an evaluator result to a detail. A typed call whose served value has another type answers the default with
 * `WRONG_TYPE`. A served `null` stays `null` (with its variation index) for `variation` / `jsonVariation`, as
 * LaunchDarkly 9 does: only a missing variation index answers the default there; a typed call gets `WRONG_TYPE`
 * for it, as LaunchDarkly's does (checked against `@launchdarkly/node-server-sdk` 9).
 */
export function toDetail<T>(result: EvaluationResult, defaultValue: T, type: ValueType): LDEvaluationDetail<T> {
  if (result.reason.kind === 'ERROR' || result.variationIndex === null) {
    return { value: defaultValue, variationIndex: result.reason.kind === 'ERROR' ? null : result.variationIndex, reason: result.reason, revision: result.revision };
  }
  if (!hasType(result.value, type)) return errorDetail(defaultValue, 'WRONG_TYPE', result.revision);
  return { value: result.value as T, variationIndex: result.variationIndex, reason: result.reason, revision: result.revision };
}

/**
 * The value a detail would carry, without building the detail: `toDetail(result, defaultValue, type).value`, for the
 * value-only calls (`variation`, `boolVariation`...).
 *
 * @example
 * valueOf(result, false, 'boolean'); // the served boolean, or false (errors, no variation, null, another type)
 */
export function valueOf<T>(result: EvaluationResult, defaultValue: T, type: ValueType): T {
  const value = result.value;
  if (result.reason.kind === 'ERROR' || result.variationIndex === null) return defaultValue;
  return hasType(value, type) ? (value as T) : defaultValue;
}

/** Calls a user callback, swallowing what it throws (a broken callback must not break the caller). */
export function callBack<T>(callback: unknown, value: T, onError: (error: unknown) => void): void {
  if (typeof callback !== 'function') return;
  try {
    (callback as LDCallback<T>)(null, value);
  } catch (error) {
    onError(error);
  }
}
