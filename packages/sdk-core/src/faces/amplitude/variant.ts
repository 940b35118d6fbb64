import type { Flag, JsonObject, JsonValue, Variation } from '@ensign/datafile-schema';
import type { EvaluationResult } from '@ensign/evaluator-core';
import { ruleOf } from '../../core/events/flag-rules.js';
import { setEntry } from '../../core/records.js';

/**
 * An Amplitude variant (`Variant` of `@amplitude/experiment-node-server`). As the Node SDK does, `value` is a
 * string: a string value is kept, another JSON value is `JSON.stringify`-ed, and a null value leaves `value` out.
 */
export interface Variant {
  /** The variation key. */
  key?: string;
  value?: string;
  payload?: JsonValue;
  /**
   * Flag `metadata.amplitude`, then the rule's `metadata`, then the variation's; `default: true` for the off variant.
   * Always present on a variant `evaluate` returns (`{}` when there is none), as Amplitude's.
   */
  metadata?: JsonObject;
}

/** Amplitude's `EvaluateOptions`. */
export interface AmplitudeEvaluateOptions {
  /** Send exposure events for the variants served (needs `exposureConfig`). Default false. */
  tracksExposure?: boolean;
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
export interface MappedVariation {
  /** The variation key. */
  readonly key: string;
  /** The merged metadata, or null when there is none. */
  readonly metadata: JsonObject | null;
  readonly isDefault: boolean;
  readonly value: string | undefined;
  readonly payload: JsonValue | undefined;
}

/** The mappings of one variation: by the id of the rule that served it (null: no rule), usually one or two. */
type ByRule = { readonly ruleId: string | null; readonly mapped: MappedVariation }[];

function build(flag: Flag, variation: Variation, ruleId: string | null): MappedVariation {
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
  return { key: variation.key, metadata: any ? metadata : null, isDefault, value, payload: variation.payload };
}

/**
 * A flag of one datafile with the mappings of its variations (by variation index, then by rule id), filled on first
 * use. The face keeps one per flag key for the datafile in use, so a decision costs one map lookup to find it.
 */
export interface FlagVariants {
  readonly flag: Flag;
  readonly byVariation: (ByRule | undefined)[];
}

/**
 * Starts the mappings of a flag (see {@link FlagVariants}).
 *
 * @example
 * const variants = flagVariants(getFlag(compiled, 'pricing-page')!);
 */
export function flagVariants(flag: Flag): FlagVariants {
  return { flag, byVariation: [] };
}

/**
 * What a result of the flag maps to, or null when no variation was served (such flags are left out, as Amplitude
 * leaves out flags that yield no variant). The variant is the flag's default when the off variation is served or the
 * variation's metadata says `default: true`, as Amplitude's `off` variant is. Built once per (variation, rule) of the
 * datafile and shared: read-only (see {@link newVariant}).
 *
 * @example
 * const m = mappingFor(variants, result);
 */
export function mappingFor(variants: FlagVariants, result: EvaluationResult): MappedVariation | null {
  const index = result.variationIndex;
  if (result.variationKey === null || index === null) return null;
  const variation = variants.flag.variations[index];
  if (!variation) return null;
  let byRule = variants.byVariation[index];
  if (byRule === undefined) {
    byRule = [];
    variants.byVariation[index] = byRule;
  }
  const ruleId = result.ruleId;
  for (let i = 0; i < byRule.length; i++) {
    const entry = byRule[i] as ByRule[number];
    if (entry.ruleId === ruleId) return entry.mapped;
  }
  const m = build(variants.flag, variation, ruleId);
  byRule.push({ ruleId, mapped: m });
  return m;
}

/**
 * A new variant object for a mapping (its metadata a shallow copy of the shared, merged one).
 *
 * @example
 * newVariant(m); // { key: 'control', value: 'control', payload: { monthlyPrice: 10 }, metadata: { ... } }
 * // a variation without metadata anywhere: { key: 'on', value: 'on', metadata: {} }
 */
export function newVariant(m: MappedVariation): Variant {
  const variant: Variant = { key: m.key };
  if (m.value !== undefined) variant.value = m.value;
  if (m.payload !== undefined) variant.payload = m.payload;
  // Amplitude's evaluation merges the flag's, the segment's and the variant's metadata into a new object: a
  // variant always has one, `{}` when none of them has any.
  variant.metadata = m.metadata === null ? {} : { ...m.metadata };
  return variant;
}

/**
 * The Amplitude variant one result of `flag` maps to, as the Amplitude face's `evaluate` gives it; null when no
 * variation was served. For callers outside a client (the flag server's context evaluation): a client keeps its
 * mappings per datafile instead (see {@link mappingFor}).
 *
 * @example
 * amplitudeVariant(flag, evaluateFlag(compiled, context, 'pricing-page')); // { key: 'control', value: 'control', metadata: {} }
 */
export function amplitudeVariant(flag: Flag, result: EvaluationResult): Variant | null {
  const m = mappingFor(flagVariants(flag), result);
  return m === null ? null : newVariant(m);
}
