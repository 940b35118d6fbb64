import { CONTEXT_LIMITS, copyJson, KEEP_NON_JSON } from './json-copy.js';
import { isValidKind } from './kind.js';
import { describeType, hasOwn, isObjectRecord, setOwn } from './own.js';
import type { ContextValidation, JsonValue } from './types.js';
import { validateContext, validateContextCopy, type ValidateContextOptions } from './validate-context.js';
import { flatUserContext } from './flat-amplitude-user.js';
import { setVendorAttribute } from './vendor-attributes.js';

/**
 * An Amplitude Experiment user (`ExperimentUser`), as the Amplitude SDKs take it.
 *
 * @example
 * const user: AmplitudeUser = { user_id: 'user-42', user_properties: { plan: 'pro' }, groups: { org: ['Acme'] } };
 */
export interface AmplitudeUser {
  user_id?: string;
  device_id?: string;
  country?: string;
  city?: string;
  region?: string;
  dma?: string;
  language?: string;
  platform?: string;
  version?: string;
  os?: string;
  device_manufacturer?: string;
  device_brand?: string;
  device_model?: string;
  carrier?: string;
  library?: string;
  ip_address?: string;
  user_properties?: Record<string, JsonValue>;
  /** Group names per group type. Only the first name of each type is used, as Amplitude does. */
  groups?: Record<string, string[]>;
  /** Properties per group type, then per group name. */
  group_properties?: Record<string, Record<string, Record<string, JsonValue>>>;
  cohort_ids?: string[];
  /** Cohort ids per group type, then per group name. */
  group_cohort_ids?: Record<string, Record<string, string[]>>;
}

const GROUP_FIELDS = new Set(['groups', 'group_properties', 'group_cohort_ids']);

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `table[type][name]` through own properties only. */
function lookup(table: unknown, type: string, name: string): unknown {
  if (!isObjectRecord(table) || !hasOwn(table, type)) return undefined;
  const byName = table[type];
  return isObjectRecord(byName) && hasOwn(byName, name) ? byName[name] : undefined;
}

/**
 * Converts an Amplitude Experiment user into a validated context, mirroring Amplitude's
 * `convertUserToEvaluationContext`, so Amplitude selectors map onto attribute references
 * ({@link amplitudeSelectorToReference}):
 * - a `user` context keyed by `user_id`, or by `device_id` when `user_id` is absent or empty, holding every user
 *   field at the top level (`user_id`, `device_id`, `country`..., `user_properties`, `cohort_ids`);
 * - for each group type T, a context of kind T keyed by the **first** group name (as Amplitude, which ignores the
 *   others; names given as text instead of an array give their first character, as Amplitude reads `names[0]`, with a
 *   warning), with the attributes `group_name`, and `group_properties` and `cohort_ids` when present and not empty.
 *
 * Returns a single-kind `user` context when there is no group, a multi-kind context otherwise. Never throws.
 * - No non-empty `user_id` nor `device_id`: the `user` context's key is empty, and it is evaluated as Amplitude
 *   evaluates such a user (the evaluator accepts an empty key; `validateContext` alone would not).
 * - A group type that is not a valid kind ({@link isValidKind}), or is `user`, cannot become a context: it is
 *   skipped with a warning, as is a type with no group name. User fields named as a context built-in (`kind`, `key`,
 *   `name`, `anonymous`, `_meta`) or starting with `~` are kept under a `~`-prefixed name, where conditions of
 *   Amplitude semantics read them (see {@link vendorAttributeName}). Values must be JSON (see {@link validateContext}),
 *   unless `options.keepNonJsonValues`: then a `Date`, `NaN`, a function... is kept as it is, and conditions of
 *   Amplitude semantics read it as Amplitude's engine does (`String()` of it, JSON for an object).
 *
 * @param user - the Amplitude user.
 * @param options - `keepNonJsonValues` (default false), as for {@link validateContext}.
 * @example
 * const result = amplitudeUserToContext({ user_id: 'u-1', user_properties: { plan: 'pro' }, groups: { org: ['Acme'] } });
 * // result.context: { kind: 'multi',
 * //   user: { key: 'u-1', user_id: 'u-1', user_properties: { plan: 'pro' } },
 * //   org: { key: 'Acme', group_name: 'Acme' } }
 */
export function amplitudeUserToContext(user: AmplitudeUser, options?: ValidateContextOptions): ContextValidation {
  // A flat user (no groups, primitive values) converts with one shallow spread instead of two deep copies.
  const flat = flatUserContext(user);
  if (flat !== null) return { ok: true, context: flat, warnings: [] };
  return convertAmplitudeUser(user, options);
}

/**
 * The full conversion of {@link amplitudeUserToContext}, on deep copies (its reference for tests of the fast path).
 *
 * @example
 * convertAmplitudeUser({ user_id: 'u-1' }).context; // { kind: 'user', key: 'u-1', user_id: 'u-1' }
 */
export function convertAmplitudeUser(user: AmplitudeUser, options?: ValidateContextOptions): ContextValidation {
  const keep = options?.keepNonJsonValues === true;
  const copy = copyJson(user, keep ? KEEP_NON_JSON : CONTEXT_LIMITS);
  if (!copy.ok) return { ok: false, error: copy.error };
  const source = copy.value;
  if (!isObjectRecord(source)) return { ok: false, error: `an Amplitude user must be an object, got ${describeType(source)}` };
  // Amplitude evaluates a user with neither id (rules that match everyone serve): its key is empty.
  const key = nonEmptyString(source['user_id']) ?? nonEmptyString(source['device_id']) ?? '';

  const warnings: string[] = [];
  const userContext: Record<string, unknown> = { key };
  for (const name of Object.keys(source)) {
    if (GROUP_FIELDS.has(name)) continue;
    setVendorAttribute(userContext, name, source[name]);
  }

  const contexts: Record<string, Record<string, unknown>> = {};
  setOwn(contexts, 'user', userContext);
  const groups = source['groups'];
  if (isObjectRecord(groups)) {
    for (const type of Object.keys(groups)) {
      const names = groups[type];
      // Amplitude reads `names[0]`: an array's first name, or, for a name given as text, its first character.
      const name = Array.isArray(names) || typeof names === 'string' ? nonEmptyString(names[0]) : undefined;
      if (typeof names === 'string' && name !== undefined) {
        warnings.push(`group type "${type}": its names should be an array, got a string: its first character ("${name}") is the group name, as Amplitude reads it`);
      }
      if (name === undefined) {
        warnings.push(`group type "${type}" was skipped: it has no group name`);
        continue;
      }
      if (!isValidKind(type) || type === 'user') {
        warnings.push(`group type "${type}" was skipped: it is not usable as a context kind (ASCII letters, digits, ".", "_", "-"; not "kind" nor "user")`);
        continue;
      }
      if (Array.isArray(names) && names.length > 1) warnings.push(`group type "${type}": only the first group name ("${name}") is used`);
      const group: Record<string, unknown> = { key: name, group_name: name };
      const properties = lookup(source['group_properties'], type, name);
      if (isObjectRecord(properties) && Object.keys(properties).length > 0) group['group_properties'] = properties;
      const cohorts = lookup(source['group_cohort_ids'], type, name);
      if (Array.isArray(cohorts) && cohorts.length > 0) group['cohort_ids'] = cohorts;
      setOwn(contexts, type, group);
    }
  } else if (groups !== undefined && groups !== null) {
    warnings.push(`groups was ignored: it must be an object, got ${describeType(groups)}`);
  }

  const kinds = Object.keys(contexts);
  const context = kinds.length === 1 ? { kind: 'user', ...userContext } : { kind: 'multi', ...contexts };
  const result = key === '' ? validateContextCopy(context, { emptyUserKey: true, keepNonJsonValues: keep }) : validateContext(context, options);
  if (!result.ok) return result;
  return { ok: true, context: result.context, warnings: [...warnings, ...result.warnings] };
}
