import type { Context, EvaluationDetail, EvaluationReason } from '@ensign/sdk-core';

/** Attribute and event names of the OpenTelemetry semantic conventions for feature flags (release candidate). */
export const FEATURE_FLAG_ATTRIBUTES = Object.freeze({
  EVENT_NAME: 'feature_flag.evaluation',
  KEY: 'feature_flag.key',
  PROVIDER_NAME: 'feature_flag.provider.name',
  RESULT_VARIANT: 'feature_flag.result.variant',
  RESULT_REASON: 'feature_flag.result.reason',
  RESULT_VALUE: 'feature_flag.result.value',
  CONTEXT_ID: 'feature_flag.context.id',
  VERSION: 'feature_flag.version',
  ERROR_TYPE: 'error.type',
  ERROR_MESSAGE: 'error.message',
} as const);

/**
 * The semantic-convention reason of an Ensign reason (lower case): `targeting_match` for targets and rules,
 * `default` for the fallthrough, `disabled` for a flag that is off, `split` inside an experiment's traffic split,
 * `error`; `prerequisite_failed` as a custom value.
 *
 * @example
 * semconvReason({ kind: 'OFF' }); // 'disabled'
 */
export function semconvReason(reason: EvaluationReason): string {
  if (reason.kind === 'ERROR') return 'error';
  if (reason.inExperiment === true) return 'split';
  switch (reason.kind) {
    case 'TARGET_MATCH':
    case 'RULE_MATCH':
      return 'targeting_match';
    case 'FALLTHROUGH':
      return 'default';
    case 'OFF':
      return 'disabled';
    default:
      return String(reason.kind).toLowerCase();
  }
}

/**
 * The semantic-convention `error.type` of an Ensign error kind: `provider_not_ready`, `flag_not_found`,
 * `type_mismatch`, `parse_error` (a quarantined flag), `invalid_context`, else `general`.
 *
 * @example
 * semconvErrorType('WRONG_TYPE'); // 'type_mismatch'
 */
export function semconvErrorType(kind: EvaluationReason['errorKind']): string {
  switch (kind) {
    case 'CLIENT_NOT_READY':
      return 'provider_not_ready';
    case 'FLAG_NOT_FOUND':
      return 'flag_not_found';
    case 'WRONG_TYPE':
      return 'type_mismatch';
    case 'MALFORMED_FLAG':
      return 'parse_error';
    case 'USER_NOT_SPECIFIED':
      return 'invalid_context';
    default:
      return 'general';
  }
}

const escapeKey = (key: string) => key.replace(/%/g, '%25').replace(/:/g, '%3A');

/**
 * The id of an evaluation context for `feature_flag.context.id`: the key of a `user` context, `kind:key` for
 * another kind, and `kind:key:kind:key` (kinds sorted) for a multi-kind context (LaunchDarkly's canonical key).
 * Null when there is no valid context.
 *
 * @example
 * contextId({ kind: 'organization', key: 'org-1' }); // 'organization:org-1'
 */
export function contextId(context: Context | null): string | null {
  if (context === null || typeof context !== 'object') return null;
  const c = context as unknown as Record<string, unknown>;
  if (c['kind'] === 'multi') {
    const parts: string[] = [];
    for (const kind of Object.keys(c).filter((k) => k !== 'kind').sort()) {
      const key = (c[kind] as { key?: unknown } | undefined)?.key;
      if (typeof key === 'string') parts.push(`${kind}:${escapeKey(key)}`);
    }
    return parts.length > 0 ? parts.join(':') : null;
  }
  const key = c['key'];
  if (typeof key !== 'string') return null;
  const kind = typeof c['kind'] === 'string' ? c['kind'] : 'user';
  return kind === 'user' ? key : `${kind}:${escapeKey(key)}`;
}

/** Options of the span-event attributes. */
export interface EvaluationAttributeOptions {
  /** `feature_flag.provider.name`. Default `ensign`. */
  providerName?: string;
  /** Add `feature_flag.result.value` (opt-in: values can be large or sensitive). Default false. */
  includeValue?: boolean;
}

type AttributeValue = string | number | boolean;

/**
 * The attributes of one `feature_flag.evaluation` event.
 *
 * @example
 * evaluationAttributes('dark-mode', context, detail); // { 'feature_flag.key': 'dark-mode', 'feature_flag.result.variant': 'on', ... }
 */
export function evaluationAttributes(flagKey: string, context: Context | null, detail: EvaluationDetail, options: EvaluationAttributeOptions = {}): Record<string, AttributeValue> {
  const a = FEATURE_FLAG_ATTRIBUTES;
  const out: Record<string, AttributeValue> = {
    [a.KEY]: flagKey,
    [a.PROVIDER_NAME]: options.providerName ?? 'ensign',
    [a.RESULT_REASON]: semconvReason(detail.reason),
  };
  if (detail.variationKey !== null) out[a.RESULT_VARIANT] = detail.variationKey;
  const id = contextId(context);
  if (id !== null) out[a.CONTEXT_ID] = id;
  if (detail.revision !== '') out[a.VERSION] = detail.revision;
  if (detail.reason.kind === 'ERROR') {
    out[a.ERROR_TYPE] = semconvErrorType(detail.reason.errorKind);
    if (detail.reason.errorKind !== undefined) out[a.ERROR_MESSAGE] = `Ensign error ${detail.reason.errorKind} for flag ${flagKey}`;
  }
  if (options.includeValue === true) {
    const v = detail.value;
    out[a.RESULT_VALUE] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return out;
}
