import { parseAttributeReference } from './attribute-reference.js';
import { CONTEXT_LIMITS, copyJson, KEEP_NON_JSON } from './json-copy.js';
import { isValidKind } from './kind.js';
import { legacyUserToContext } from './legacy-user.js';
import { describeType, hasOwn, isObjectRecord, setOwn } from './own.js';
import type { Context, ContextValidation, LegacyUser } from './types.js';
import { flatContext } from './flat-context.js';

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

const KIND_RULE = 'use ASCII letters, digits, ".", "_" and "-", and not "kind"';

/**
 * Checks the built-ins of one kind's context object (our own copy, so it may be tidied in place: null `name`,
 * `anonymous`, `_meta` and `_meta.privateAttributes` count as absent and are removed). Returns an error or undefined.
 */
function checkIndividual(
  context: Record<string, unknown>,
  kind: string,
  label: string,
  warnings: string[],
  emptyKeyOk: boolean,
): string | undefined {
  if (!isValidKind(kind)) return `${label}kind ${JSON.stringify(kind)} is not valid: ${KIND_RULE}`;
  const key = context['key'];
  if (typeof key !== 'string') return `${label}key must be a string, got ${describeType(key)}`;
  if (key === '' && !emptyKeyOk) return `${label}key must not be empty`;
  for (const name of ['name', 'anonymous'] as const) {
    if (context[name] === null) delete context[name];
  }
  // As LaunchDarkly's SDKs: a `name` of another type is kept (clauses compare it as it is), and a non-boolean
  // `anonymous` is read as its truthiness.
  if (hasOwn(context, 'name') && typeof context['name'] !== 'string') {
    warnings.push(`${label}name should be a string, got ${describeType(context['name'])}: kept as it is`);
  }
  if (hasOwn(context, 'anonymous') && typeof context['anonymous'] !== 'boolean') {
    warnings.push(`${label}anonymous should be a boolean, got ${describeType(context['anonymous'])}: read as ${String(Boolean(context['anonymous']))}`);
    context['anonymous'] = Boolean(context['anonymous']);
  }
  if (!hasOwn(context, '_meta')) return undefined;
  const meta = context['_meta'];
  if (meta === null) {
    delete context['_meta'];
    return undefined;
  }
  if (!isObjectRecord(meta)) {
    // LaunchDarkly reads `_meta?.privateAttributes`: a string, a number, a boolean or an array holds none.
    warnings.push(`${label}_meta should be an object, got ${describeType(meta)}: ignored (it makes nothing private), as LaunchDarkly ignores it`);
    delete context['_meta'];
    return undefined;
  }
  const refs = meta['privateAttributes'];
  // LaunchDarkly reads a false value (`''`, 0, `false`, NaN) as no private attributes, as null.
  if (!refs && refs !== undefined) {
    if (refs !== null) warnings.push(`${label}_meta.privateAttributes should be an array of strings, got ${describeType(refs)}: ignored (it makes nothing private), as LaunchDarkly ignores a false value`);
    // On a copy: `meta` may be the caller's own object (see validateMulti).
    const tidied: Record<string, unknown> = { ...meta };
    delete tidied['privateAttributes'];
    context['_meta'] = tidied;
    return undefined;
  }
  if (!hasOwn(meta, 'privateAttributes')) return undefined;
  if (!Array.isArray(refs) || refs.some((ref) => typeof ref !== 'string')) {
    return `${label}_meta.privateAttributes must be an array of strings`;
  }
  for (const ref of refs as string[]) {
    const parsed = parseAttributeReference(ref);
    if (!parsed.valid) warnings.push(`${label}private attribute ${JSON.stringify(ref)} protects nothing: ${parsed.error ?? ''}`);
  }
  return undefined;
}

function validateMulti(value: Record<string, unknown>, warnings: string[], emptyUserKey: boolean): ContextValidation {
  // LaunchDarkly accepts a kind named `multi` inside a multi-kind context; Ensign cannot address it (a clause on
  // kind `multi` would read the whole context), so it is dropped with a warning and the other kinds evaluate.
  if (hasOwn(value, 'multi')) {
    warnings.push('context "multi": a kind named "multi" cannot be targeted; it was dropped');
    delete value['multi'];
  }
  const kinds = Object.keys(value).filter((name) => name !== 'kind');
  if (kinds.length === 0) return fail('a multi-kind context must contain at least one kind');
  for (const kind of kinds) {
    const label = `context "${kind}": `;
    if (!isValidKind(kind)) return fail(`${label}the kind is not valid: ${KIND_RULE}`);
    const source = value[kind];
    if (!isObjectRecord(source)) return fail(`${label}must be an object, got ${describeType(source)}`);
    // Checked and tidied on a shallow copy: with `keepNonJsonValues` the copy above may hold the caller's own object
    // here (a class instance, or an object met again inside itself), which is never changed.
    const individual: Record<string, unknown> = { ...source };
    setOwn(value, kind, individual);
    if (hasOwn(individual, 'kind')) {
      // LaunchDarkly ignores a nested `kind` (the kind is the property name), whatever it says.
      const nestedKind = individual['kind'];
      if (nestedKind !== null) warnings.push(`${label}its "kind" property (${JSON.stringify(nestedKind)}) was removed: nested contexts carry no kind`);
      delete individual['kind'];
    }
    const error = checkIndividual(individual, kind, label, warnings, emptyUserKey && kind === 'user');
    if (error !== undefined) return fail(error);
  }
  if (kinds.length === 1) {
    const kind = kinds[0] as string;
    // Object spread defines own data properties, so a `__proto__` key stays plain data.
    return { ok: true, context: { kind, ...(value[kind] as Record<string, unknown>) } as Context, warnings };
  }
  return { ok: true, context: value as Context, warnings };
}

function validateLegacy(value: Record<string, unknown>, warnings: string[]): ContextValidation {
  const key = value['key'];
  if (key === null || key === undefined) return fail('a legacy user (a context without "kind") needs a key');
  // LaunchDarkly's SDKs take any defined key of a legacy user and use `String(key)`.
  if (typeof key !== 'string' && typeof key !== 'number') warnings.push(`the key of a legacy user should be a string, got ${describeType(key)}: String(key) is used`);
  const names = value['privateAttributeNames'];
  // A false value (`''`, 0, `false`, NaN) is ignored, with legacyUserToContext's warning, as LaunchDarkly ignores it.
  if (names && (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))) {
    return fail('privateAttributeNames must be an array of strings');
  }
  const converted = legacyUserToContext(value as unknown as LegacyUser);
  warnings.push(...converted.warnings);
  const error = checkIndividual(converted.context, 'user', '', warnings, true);
  if (error !== undefined) return fail(error);
  return { ok: true, context: converted.context, warnings };
}

/**
 * Validates a context that comes from outside (a request, a cache, JavaScript code) and returns a trusted copy of
 * it. Past this seam the hot-path functions ({@link getAttribute}, {@link getIndividualContext}...) trust it and
 * never validate again. Never throws, whatever the input.
 *
 * Accepted, following LaunchDarkly:
 * - a single-kind context: `kind` valid ({@link isValidKind}) and not `multi`; `key` a non-empty string;
 *   `name` should be a string (another type is kept, with a warning, as LaunchDarkly keeps it) and `anonymous` a
 *   boolean (another value becomes its truthiness, with a warning, as LaunchDarkly reads it); `_meta.privateAttributes` an
 *   array of strings when present (an invalid reference among them gives a warning: it protects nothing); a `_meta`
 *   that is not an object (a string, a number, an array) is removed with a warning, as LaunchDarkly ignores it;
 * - a multi-kind context (`kind: 'multi'`): at least one kind, each a valid kind holding an object that is valid as
 *   above (a nested `kind` is removed with a warning, as LaunchDarkly ignores it; a kind named `multi` is dropped
 *   with a warning). A multi-kind context with one kind is returned as a single-kind context, as LaunchDarkly does;
 * - a legacy user (no `kind`, or `kind: null`): converted with {@link legacyUserToContext} (its warnings are
 *   returned); its key may be empty, and one that is not a string becomes `String(key)` with a warning (such a user is evaluated, as LaunchDarkly's
 *   SDKs do).
 *
 * Every attribute value must be JSON, checked without recursion: functions, symbols, `BigInt`, `NaN` and
 * `Infinity` (not JSON numbers), `undefined` array elements, class instances such as `Date`, cycles, nesting deeper
 * than `CONTEXT_LIMITS.maxDepth` (100) and more than `CONTEXT_LIMITS.maxValues` (100 000) values are errors that
 * name the attribute. Properties holding `undefined`, and `name`, `anonymous` or `_meta` set to `null`, count as
 * absent. Names such as `__proto__` are kept as plain data.
 *
 * @param input - anything.
 * @returns `{ ok: true, context, warnings }`, or `{ ok: false, error }`. The context is `input` itself when `input` is a
 * flat single-kind context that is already valid (see {@link flatContext}); otherwise a new, validated copy.
 * @example
 * const result = validateContext(JSON.parse(body));
 * if (result.ok) evaluateWith(result.context);
 * else logger.warn(`invalid context: ${result.error}`);
 */
export function validateContext(input: unknown, options?: ValidateContextOptions): ContextValidation {
  // A flat single-kind context that would come back unchanged is returned as it is: no copy.
  const flat = flatContext(input);
  if (flat !== null) return { ok: true, context: flat, warnings: [] };
  return validateContextCopy(input, options);
}

/** Options of {@link validateContext}. */
export interface ValidateContextOptions {
  /**
   * Keep attribute values that are not JSON (a `Date`, `NaN`, ±Infinity, a function, a BigInt, a symbol, an
   * `undefined` array element, a class instance, a cycle) as they are in the copy, instead of rejecting the context:
   * how LaunchDarkly's SDK treats them (its evaluator reads them where they are; an operator that wants a JSON type
   * does not match them). Event payloads leave them out. Default `false`.
   */
  readonly keepNonJsonValues?: boolean;
}

/**
 * The full validation of {@link validateContext}, always on a copy (its reference for tests of the fast path).
 * `emptyUserKey` (internal, for the conversion of Amplitude users without ids) lets the `user` kind's key be empty.
 *
 * @example
 * validateContextCopy({ kind: 'user', key: 'u' }).context; // a new object equal to the input
 */
export function validateContextCopy(input: unknown, options?: ValidateContextOptions & { readonly emptyUserKey?: boolean }): ContextValidation {
  const emptyUserKey = options?.emptyUserKey === true;
  return validateCopy(input, emptyUserKey, options?.keepNonJsonValues === true);
}

/** The fields LaunchDarkly's SDK reads from a legacy user by name (through its prototype too). */
const LEGACY_READS = ['key', 'custom', 'anonymous', 'name', 'ip', 'firstName', 'lastName', 'email', 'avatar', 'country', 'privateAttributeNames'];

/**
 * A plain object holding what LaunchDarkly's SDK reads from `input` when it is an object over another prototype than
 * `Object.prototype` (a class instance, `Object.create(proto)`, a null-prototype object); otherwise `input`. It reads
 * `kind` by name (an inherited one counts), the own enumerable properties (`Object.keys`: the kinds of a multi-kind
 * context, the attributes of a single-kind one) and, for a legacy user, its fields by name. Throws what a getter or
 * Proxy trap throws.
 */
function readAsLaunchDarkly(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto === Object.prototype) return input;
  const source = input as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const name of Object.keys(source)) setOwn(plain, name, source[name]);
  const kind = source['kind'];
  if (kind !== undefined && kind !== null) setOwn(plain, 'kind', kind);
  else {
    for (const name of LEGACY_READS) {
      const value = source[name];
      if (value !== undefined) setOwn(plain, name, value);
    }
  }
  return plain;
}

function validateCopy(input: unknown, emptyUserKey: boolean, keepNonJson: boolean): ContextValidation {
  try {
    const copy = copyJson(keepNonJson ? readAsLaunchDarkly(input) : input, keepNonJson ? KEEP_NON_JSON : CONTEXT_LIMITS);
    if (!copy.ok) return fail(copy.error);
    const value = copy.value;
    if (!isObjectRecord(value)) return fail(`a context must be an object, got ${describeType(value)}`);
    const warnings: string[] = [];
    const kind = value['kind'];
    if (kind === undefined || kind === null) return validateLegacy(value, warnings);
    if (typeof kind !== 'string') return fail(`kind must be a string, got ${describeType(kind)}`);
    if (kind === 'multi') return validateMulti(value, warnings, emptyUserKey);
    const error = checkIndividual(value, kind, '', warnings, emptyUserKey && kind === 'user');
    return error === undefined ? { ok: true, context: value as Context, warnings } : fail(error);
  } catch (error) {
    // A getter or Proxy trap of an input over another prototype, read by `readAsLaunchDarkly` (the checks above work on
    // our own plain copy).
    return fail(`the context could not be read (${error instanceof Error ? error.message : 'unknown error'})`);
  }
}
