import type { Flag, JsonObject, JsonValue, Variation } from '@ensign/datafile-schema';
import type { EvaluationResult } from '@ensign/evaluator-core';
import { ruleOf } from '../flag-rules.js';
import { setEntry } from '../records.js';

/**
 * An Amplitude variant (`Variant` of `@amplitude/experiment-node-server`). As the Node SDK does, `value` is a
 * string: a string value is kept, another JSON value is `JSON.stringify`-ed, and a null value leaves `value` out.
 */
export interface Variant {
  /** The variation key. */
  key?: string;
  value?: string;
  payload?: JsonValue;
  /** Flag `metadata.amplitude`, then the rule's `metadata`, then the variation's; `default: true` for the off variant. */
  metadata?: JsonObject;
}

/** Amplitude's `EvaluateOptions`. */
export interface AmplitudeEvaluateOptions {
  /** Send exposure events for the variants served (needs `exposureConfig`). Default false. */
  tracksExposure?: boolean;
}

/** A served variant with what its events need. */
export interface ServedVariant {
  variant: Variant;
  metadata: JsonObject;
  isDefault: boolean;
}

/** Copies the defined entries of `source` into `target`; returns whether it copied any. */
function merge(target: JsonObject, source: { [key: string]: JsonValue | undefined } | undefined): boolean {
  if (!source) return false;
  let any = false;
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    const value = source[key];
    if (value === undefined) continue;
    setEntry(target, key, value);
    any = true;
  }
  return any;
}

/** What a variation served by a rule always maps to, computed once per datafile. */
interface Mapped {
  /** The merged metadata, or null when there is none. */
  metadata: JsonObject | null;
  isDefault: boolean;
  value: string | undefined;
}

// Keyed by the variation object of a datafile, then by rule id ('' for none): the datafile is immutable once
// compiled, so the merged metadata and the string value never change, and a new datafile brings new objects.
const mappedCache = new WeakMap<Variation, Map<string, Mapped>>();

function mapped(flag: Flag, variation: Variation, ruleId: string | null): Mapped {
  let byRule = mappedCache.get(variation);
  if (!byRule) {
    byRule = new Map();
    mappedCache.set(variation, byRule);
  }
  const cacheKey = ruleId ?? '';
  let m = byRule.get(cacheKey);
  if (!m) {
    const metadata: JsonObject = {};
    let any = merge(metadata, flag.metadata?.amplitude);
    if (ruleId !== null) any = merge(metadata, ruleOf(flag, ruleId)?.metadata) || any;
    any = merge(metadata, variation.metadata) || any;
    const isDefault = metadata['default'] === true || variation.key === flag.offVariation;
    if (isDefault) {
      metadata['default'] = true;
      any = true;
    }
    const raw = variation.value;
    const value = typeof raw === 'string' ? raw : raw !== null && raw !== undefined ? JSON.stringify(raw) : undefined;
    m = { metadata: any ? metadata : null, isDefault, value };
    byRule.set(cacheKey, m);
  }
  return m;
}

/**
 * Maps one evaluator result to an Amplitude variant, or null when no variation was served (such flags are left out,
 * as Amplitude leaves out flags that yield no variant). The variant is the flag's default when the off variation is
 * served or the variation's metadata says `default: true`, as Amplitude's `off` variant does. Each call returns new
 * objects (the metadata is a shallow copy of one merged once per datafile).
 *
 * @example
 * toVariant(result, getFlag(compiled, 'pricing-page'));
 * // { variant: { key: 'control', value: 'control', payload: { monthlyPrice: 10 }, metadata: { ... } }, isDefault: false, ... }
 */
export function toVariant(result: EvaluationResult, flag: Flag | undefined): ServedVariant | null {
  if (result.variationKey === null || result.variationIndex === null || !flag) return null;
  const variation = flag.variations[result.variationIndex];
  if (!variation) return null;
  const m = mapped(flag, variation, result.ruleId);
  const variant: Variant = { key: variation.key };
  if (m.value !== undefined) variant.value = m.value;
  if (variation.payload !== undefined) variant.payload = variation.payload;
  const metadata: JsonObject = m.metadata === null ? {} : { ...m.metadata };
  if (m.metadata !== null) variant.metadata = metadata;
  return { variant, metadata, isDefault: m.isDefault };
}
