import type { EvaluationContext, EvaluationContextValue } from '@openfeature/server-sdk';

/** An Ensign context built from an OpenFeature evaluation context, or why none could be built. */
export type ContextMapping =
  | { readonly ok: true; readonly context: Record<string, unknown> }
  | { readonly ok: false; readonly errorCode: 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT'; readonly message: string };

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Sets an own property without invoking setters: `__proto__` from user data is an ordinary key and pollutes nothing. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An OpenFeature context value as JSON: dates become ISO 8601 strings (as LaunchDarkly's provider does). */
function toJson(value: EvaluationContextValue, depth = 0): Value | undefined {
  if (depth > 64) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toJson(v, depth + 1)).filter((v): v is Value => v !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, Value> = {};
    for (const key of Object.keys(value)) {
      const v = toJson((value as Record<string, EvaluationContextValue>)[key] as EvaluationContextValue, depth + 1);
      if (v !== undefined) put(out, key, v);
    }
    return out;
  }
  return undefined;
}

const RESERVED = new Set(['targetingKey', 'key', 'kind', 'privateAttributes']);
const isKey = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** One kind's attributes: everything but the reserved keys, and `privateAttributes` as `_meta.privateAttributes`. */
function single(source: Record<string, EvaluationContextValue>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  put(out, 'key', key);
  for (const name of Object.keys(source)) {
    if (RESERVED.has(name) || name === '_meta') continue;
    const v = toJson(source[name] as EvaluationContextValue);
    if (v !== undefined) put(out, name, v);
  }
  const priv = source['privateAttributes'];
  if (Array.isArray(priv)) put(out, '_meta', { privateAttributes: priv.filter((p): p is string => typeof p === 'string') });
  return out;
}

/**
 * Maps an OpenFeature evaluation context to an Ensign (LaunchDarkly-style) context:
 * - single kind: `kind` (default `user`), key from `targetingKey` (or `key`), every other attribute as is (dates as
 *   ISO strings), `privateAttributes: ['email']` as `_meta.privateAttributes`;
 * - multi-kind: `{ kind: 'multi', user: { targetingKey: 'u1', ... }, org: { targetingKey: 'o1' } }`, each kind keyed
 *   by its own `targetingKey` (or `key`).
 *
 * A context without a key answers `TARGETING_KEY_MISSING`; the client validates the rest (kinds, attribute names).
 *
 * @example
 * toEnsignContext({ targetingKey: 'user-42', plan: 'pro' }); // { ok: true, context: { kind: 'user', key: 'user-42', plan: 'pro' } }
 */
export function toEnsignContext(context: EvaluationContext | undefined): ContextMapping {
  const input = (context ?? {}) as Record<string, EvaluationContextValue>;
  if (input['kind'] === 'multi') {
    const out: Record<string, unknown> = { kind: 'multi' };
    let kinds = 0;
    for (const kind of Object.keys(input)) {
      const part = input[kind];
      if (kind === 'kind' || kind === 'targetingKey' || typeof part !== 'object' || part === null || Array.isArray(part) || part instanceof Date) continue;
      const entry = part as Record<string, EvaluationContextValue>;
      const key = isKey(entry['targetingKey']) ? entry['targetingKey'] : entry['key'];
      if (!isKey(key)) return { ok: false, errorCode: 'TARGETING_KEY_MISSING', message: `the "${kind}" context of a multi-kind context has no targetingKey` };
      put(out, kind, single(entry, key));
      kinds += 1;
    }
    if (kinds === 0) return { ok: false, errorCode: 'INVALID_CONTEXT', message: 'a multi-kind context needs at least one kind' };
    return { ok: true, context: out };
  }
  const key = isKey(input['targetingKey']) ? input['targetingKey'] : input['key'];
  if (!isKey(key)) return { ok: false, errorCode: 'TARGETING_KEY_MISSING', message: 'the evaluation context has no targetingKey' };
  const kind = input['kind'];
  if (kind !== undefined && typeof kind !== 'string') return { ok: false, errorCode: 'INVALID_CONTEXT', message: 'the context kind must be a string' };
  const out = single(input, key);
  return { ok: true, context: { kind: kind ?? 'user', ...out } };
}
