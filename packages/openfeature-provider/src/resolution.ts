import type { ErrorKind, EvaluationReason } from '@ensign/sdk-core';
import type { FlagMetadata } from '@openfeature/server-sdk';
import { ErrorCode, StandardResolutionReasons } from '@openfeature/server-sdk';

/**
 * The OpenFeature reason of an Ensign reason: `OFF` → `DISABLED`; `TARGET_MATCH`, `RULE_MATCH` →
 * `TARGETING_MATCH`; `FALLTHROUGH` → `DEFAULT` (the flag's default rule); any match inside an experiment's traffic
 * split → `SPLIT`; `ERROR` → `ERROR`; `PREREQUISITE_FAILED` as it is.
 *
 * @example
 * reasonOf({ kind: 'RULE_MATCH', ruleId: 'pro-users' }); // 'TARGETING_MATCH'
 */
export function reasonOf(reason: EvaluationReason): string {
  if (reason.kind === 'ERROR') return StandardResolutionReasons.ERROR;
  if (reason.inExperiment === true) return StandardResolutionReasons.SPLIT;
  switch (reason.kind) {
    case 'OFF':
      return StandardResolutionReasons.DISABLED;
    case 'TARGET_MATCH':
    case 'RULE_MATCH':
      return StandardResolutionReasons.TARGETING_MATCH;
    case 'FALLTHROUGH':
      return StandardResolutionReasons.DEFAULT;
    default:
      return reason.kind;
  }
}

/**
 * The OpenFeature error code of an Ensign error kind: `CLIENT_NOT_READY` → `PROVIDER_NOT_READY`, `FLAG_NOT_FOUND`,
 * `WRONG_TYPE` → `TYPE_MISMATCH`, `MALFORMED_FLAG` (a quarantined flag) → `PARSE_ERROR`, `USER_NOT_SPECIFIED` →
 * `INVALID_CONTEXT`, anything else → `GENERAL`.
 *
 * @example
 * errorCodeOf('WRONG_TYPE'); // ErrorCode.TYPE_MISMATCH
 */
export function errorCodeOf(kind: ErrorKind | undefined): ErrorCode {
  switch (kind) {
    case 'CLIENT_NOT_READY':
      return ErrorCode.PROVIDER_NOT_READY;
    case 'FLAG_NOT_FOUND':
      return ErrorCode.FLAG_NOT_FOUND;
    case 'WRONG_TYPE':
      return ErrorCode.TYPE_MISMATCH;
    case 'MALFORMED_FLAG':
      return ErrorCode.PARSE_ERROR;
    case 'USER_NOT_SPECIFIED':
      return ErrorCode.INVALID_CONTEXT;
    default:
      return ErrorCode.GENERAL;
  }
}

/**
 * The flag metadata of a resolution: `revision` (of the datafile that decided), `rule` (the id of the matched rule)
 * and `ruleIndex`, `variationIndex`, `inExperiment` and `prerequisite` (the key of the failed prerequisite) when
 * they apply. Values are strings, numbers and booleans only (specification requirement 2.2.10).
 *
 * @example
 * flagMetadataOf({ kind: 'RULE_MATCH', ruleId: 'pro', ruleIndex: 0 }, '42', 1); // { revision: '42', rule: 'pro', ruleIndex: 0, variationIndex: 1 }
 */
export function flagMetadataOf(reason: EvaluationReason, revision: string | null, variationIndex: number | null): FlagMetadata {
  const meta: FlagMetadata = {};
  if (revision !== null && revision !== '') meta['revision'] = revision;
  if (typeof reason.ruleId === 'string') meta['rule'] = reason.ruleId;
  if (typeof reason.ruleIndex === 'number') meta['ruleIndex'] = reason.ruleIndex;
  if (variationIndex !== null) meta['variationIndex'] = variationIndex;
  if (reason.inExperiment === true) meta['inExperiment'] = true;
  if (typeof reason.prerequisiteKey === 'string') meta['prerequisite'] = reason.prerequisiteKey;
  return meta;
}
