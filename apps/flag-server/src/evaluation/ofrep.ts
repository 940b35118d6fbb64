import type { JsonValue } from '@ensign/datafile-schema';
import type { LDEvaluationDetail } from '@ensign/node-sdk';
import type { Revision } from '../data/revision.js';

/** An OFREP success: `value` is left out when no variation was served (the caller's code default applies). */
export interface OfrepSuccess {
  key: string;
  value?: JsonValue;
  reason: string;
  variant?: string;
  metadata: Record<string, string | number | boolean>;
}

/** An OFREP failure. */
export interface OfrepFailure {
  key: string;
  errorCode: 'FLAG_NOT_FOUND' | 'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL' | 'TYPE_MISMATCH';
  errorDetails: string;
}

/** An OFREP evaluation of one flag, and the HTTP status of the single-flag endpoint for it. */
export type OfrepAnswer = { status: 200; body: OfrepSuccess } | { status: 400 | 404; body: OfrepFailure };

/** The context of an OFREP request, validated: `{ kind, key, ...attributes }`, or a failure. */
export type OfrepContext = { ok: true; context: Record<string, unknown> } | { ok: false; errorCode: OfrepFailure['errorCode']; errorDetails: string };

/**
 * Turns an OFREP evaluation context (`{ targetingKey, ...attributes }`) into an Ensign context `{ kind, key,
 * ...attributes }` (`kind` from the context when it is a string, else `user`). A missing or empty `targetingKey`
 * is `TARGETING_KEY_MISSING`; a context that is not an object is `INVALID_CONTEXT`.
 *
 * @example
 * ofrepContext({ context: { targetingKey: 'user-42', plan: 'pro' } }); // { ok: true, context: { kind: 'user', key: 'user-42', plan: 'pro' } }
 */
export function ofrepContext(body: unknown): OfrepContext {
  if (body === undefined || body === null) return { ok: false, errorCode: 'TARGETING_KEY_MISSING', errorDetails: 'the request has no context with a targetingKey' };
  if (typeof body !== 'object' || Array.isArray(body)) return { ok: false, errorCode: 'PARSE_ERROR', errorDetails: 'the body must be a JSON object' };
  const raw = (body as { context?: unknown }).context;
  if (raw === undefined || raw === null) return { ok: false, errorCode: 'TARGETING_KEY_MISSING', errorDetails: 'the request has no context with a targetingKey' };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errorCode: 'INVALID_CONTEXT', errorDetails: 'context must be an object' };
  const { targetingKey, kind, ...attributes } = raw as Record<string, unknown>;
  if (targetingKey === undefined || targetingKey === null || targetingKey === '') return { ok: false, errorCode: 'TARGETING_KEY_MISSING', errorDetails: 'context.targetingKey is required' };
  if (typeof targetingKey !== 'string') return { ok: false, errorCode: 'INVALID_CONTEXT', errorDetails: 'context.targetingKey must be a string' };
  delete attributes['key'];
  return { ok: true, context: { ...attributes, kind: typeof kind === 'string' ? kind : 'user', key: targetingKey } };
}

/** OpenFeature reasons for our reason kinds. */
function reasonOf(detail: LDEvaluationDetail): string {
  const reason = detail.reason;
  switch (reason.kind) {
    case 'OFF':
      return 'DISABLED';
    case 'TARGET_MATCH':
      return 'TARGETING_MATCH';
    case 'RULE_MATCH':
      return reason.inExperiment === true ? 'SPLIT' : 'TARGETING_MATCH';
    case 'FALLTHROUGH':
      return reason.inExperiment === true ? 'SPLIT' : 'DEFAULT';
    case 'PREREQUISITE_FAILED':
      return 'DEFAULT';
    default:
      return 'UNKNOWN';
  }
}

/**
 * Evaluates one flag for OFREP with the LaunchDarkly face's `variationDetail` (the SDK's evaluator) and maps the
 * detail: reasons `OFF` → `DISABLED`, `TARGET_MATCH` → `TARGETING_MATCH`, `RULE_MATCH` → `TARGETING_MATCH` (or
 * `SPLIT` in an experiment), `FALLTHROUGH` → `DEFAULT` (or `SPLIT`), `PREREQUISITE_FAILED` → `DEFAULT`; `variant`
 * is the variation key; `metadata` holds the flag version and the datafile revision. An unknown flag is 404
 * `FLAG_NOT_FOUND`; an invalid context 400 `INVALID_CONTEXT`; other evaluation errors 400 `GENERAL`. When no
 * variation is served (an off flag without an off variation) `value` is left out, so the caller's code default
 * applies (OFREP ADR 0006).
 *
 * @example
 * ofrepEvaluate(revision, 'dark-mode', { kind: 'user', key: 'user-beta-1' }); // { status: 200, body: { key: 'dark-mode', value: true, ... } }
 */
export function ofrepEvaluate(revision: Revision, flagKey: string, context: Record<string, unknown>): OfrepAnswer {
  const flag = revision.flags.get(flagKey);
  if (!flag) return { status: 404, body: { key: flagKey, errorCode: 'FLAG_NOT_FOUND', errorDetails: `flag "${flagKey.slice(0, 200)}" is not in the datafile` } };
  const detail = revision.client.variationDetail(flagKey, context, null);
  if (detail.reason.kind === 'ERROR') {
    const kind = detail.reason.errorKind;
    if (kind === 'FLAG_NOT_FOUND') return { status: 404, body: { key: flagKey, errorCode: 'FLAG_NOT_FOUND', errorDetails: `flag "${flagKey.slice(0, 200)}" is not in the datafile` } };
    if (kind === 'USER_NOT_SPECIFIED') return { status: 400, body: { key: flagKey, errorCode: 'INVALID_CONTEXT', errorDetails: 'the context is not a valid context (kind, key and JSON attributes)' } };
    return { status: 400, body: { key: flagKey, errorCode: 'GENERAL', errorDetails: `evaluation failed: ${kind ?? 'error'}` } };
  }
  const metadata: Record<string, string | number | boolean> = { revision: revision.hash };
  if (typeof flag.version === 'number') metadata['flagVersion'] = flag.version;
  const body: OfrepSuccess = { key: flagKey, reason: reasonOf(detail), metadata };
  const variation = detail.variationIndex === null ? undefined : flag.variations[detail.variationIndex];
  if (variation) {
    body.variant = variation.key;
    if (detail.value !== null) body.value = detail.value;
  }
  return { status: 200, body };
}
