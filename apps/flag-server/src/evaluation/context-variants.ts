import type { Context } from '@ensign/context';
import { evaluateFlag } from '@ensign/evaluator-core';
import { amplitudeVariant } from '@ensign/node-sdk';
import type { Variant } from '@ensign/node-sdk';
import type { Revision } from '../data/revision.js';

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Evaluates a validated context (an Ensign / LaunchDarkly context, single or multi-kind) against a revision and
 * answers Amplitude variants, as `/v1/evaluate` does for a `user`: every flag, or only `flagKeys` (unknown keys and
 * flags that serve no variation are left out). Uses the evaluator the SDK uses (`evaluateFlag` of
 * `@ensign/evaluator-core` on the compiled datafile) and the Amplitude face's mapping (`amplitudeVariant`).
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
    const variant = amplitudeVariant(flag, evaluateFlag(revision.compiled, context, key));
    if (variant !== null) setOwn(variants, key, variant);
  }
  return variants;
}
