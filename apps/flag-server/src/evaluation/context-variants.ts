import type { Context } from '@ensign/context';
import type { Flag, JsonObject, JsonValue } from '@ensign/datafile-schema';
import { evaluateFlag } from '@ensign/evaluator-core';
import type { EvaluationResult } from '@ensign/evaluator-core';
import type { Variant } from '@ensign/node-sdk';
import type { Revision } from '../data/revision.js';

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function merge(target: JsonObject, source: Record<string, JsonValue | undefined> | undefined): void {
  if (!source) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== undefined) setOwn(target, key, value);
  }
}

/**
 * The Amplitude variant of one result, with the mapping of `@ensign/node-sdk`'s Amplitude face: the variation key;
 * a string value kept, another JSON value stringified, null left out; the payload; metadata merged from the flag's
 * `metadata.amplitude`, the deciding rule's `metadata` and the variation's (`{}` when none), with `default: true` for the
 * off variation. Null when no variation was served (Amplitude leaves such flags out).
 *
 * @example
 * variantOf(flag, evaluateFlag(compiled, context, 'pricing-page')); // { key: 'control', value: 'control', payload: {...} }
 */
export function variantOf(flag: Flag, result: EvaluationResult): Variant | null {
  if (result.variationKey === null || result.variationIndex === null) return null;
  const variation = flag.variations[result.variationIndex];
  if (!variation) return null;
  const metadata: JsonObject = {};
  merge(metadata, flag.metadata?.amplitude);
  if (result.ruleId !== null) merge(metadata, flag.rules?.find((r) => r.id === result.ruleId)?.metadata);
  merge(metadata, variation.metadata);
  if (variation.key === flag.offVariation) metadata['default'] = true;
  const variant: Variant = { key: variation.key };
  const raw = variation.value;
  if (typeof raw === 'string') variant.value = raw;
  else if (raw !== null && raw !== undefined) variant.value = JSON.stringify(raw);
  if (variation.payload !== undefined) variant.payload = variation.payload;
  variant.metadata = metadata; // always, `{}` when there is none, as Amplitude's evaluation gives
  return variant;
}

/**
 * Evaluates a validated context (an Ensign / LaunchDarkly context, single or multi-kind) against a revision and
 * answers Amplitude variants, as `/v1/evaluate` does for a `user`: every flag, or only `flagKeys` (unknown keys and
 * flags that serve no variation are left out). Uses the evaluator the SDK uses (`evaluateFlag` of
 * `@ensign/evaluator-core` on the compiled datafile).
 *
 * @example
 * contextVariants(revision, { kind: 'user', key: 'user-42', country: 'US' }, ['pricing-page']);
 */
export function contextVariants(revision: Revision, context: Context, flagKeys: readonly string[] | undefined): Record<string, Variant> {
  const variants: Record<string, Variant> = {};
  const keys = flagKeys ?? [...revision.flags.keys()];
  for (const key of keys) {
    const flag = revision.flags.get(key);
    if (!flag) continue;
    const variant = variantOf(flag, evaluateFlag(revision.compiled, context, key));
    if (variant !== null) setOwn(variants, key, variant);
  }
  return variants;
}
