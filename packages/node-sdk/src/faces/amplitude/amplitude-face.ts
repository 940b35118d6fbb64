import type { AmplitudeUser } from '@ensign/context';
import type { EvaluateFlagsSelection, EvaluationResult } from '@ensign/evaluator-core';
import { evaluateFlags, getFlag } from '@ensign/evaluator-core';
import type { ClientCore } from '../../client/core.js';
import type { AmplitudeServed } from '../../events/wiring.js';
import { setEntry } from '../records.js';
import { amplitudeContext } from './user-input.js';
import type { AmplitudeEvaluateOptions, Variant } from './variant.js';
import { toVariant } from './variant.js';

/** The Amplitude local-evaluation face of the client. */
export interface AmplitudeFace {
  /**
   * Evaluates flags for an Amplitude user (`evaluateV2`). Without `flagKeys` every flag is evaluated; with them, only
   * those flags and the flags they depend on are evaluated, and the requested ones are returned (Amplitude also
   * returns the dependencies). Unknown keys and flags that serve no variation are absent.
   */
  evaluate(user: AmplitudeUser, flagKeys?: readonly string[], options?: AmplitudeEvaluateOptions): Record<string, Variant>;
  /** Amplitude's own name of {@link AmplitudeFace.evaluate}. */
  evaluateV2(user: AmplitudeUser, flagKeys?: readonly string[], options?: AmplitudeEvaluateOptions): Record<string, Variant>;
}

const EVERY_FLAG: EvaluateFlagsSelection = Object.freeze({});

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Creates the Amplitude face over the client core. The user is converted with `amplitudeUserToContext` (a `user`
 * context keyed by `user_id` or `device_id`, groups as other kinds); an invalid user or a client that is not ready
 * gives `{}` and a rate-limited warning. Events: assignment events when `assignmentConfig` is set, exposure events
 * for served, non-default variants when `exposureConfig` is set and `tracksExposure` is true.
 *
 * @example
 * const amplitude = createAmplitudeFace(core);
 * amplitude.evaluate({ user_id: 'user-42', device_id: 'd-1' }, ['pricing-page'])['pricing-page']?.value;
 */
export function createAmplitudeFace(core: ClientCore): AmplitudeFace {
  const evaluate: AmplitudeFace['evaluate'] = (user, flagKeys, options) => {
    const variants: Record<string, Variant> = {};
    const compiled = core.store.current();
    if (!compiled) {
      core.limited.log('warn', 'amp-not-ready', 'evaluate called before the client is ready: returning no variants');
      return variants;
    }
    const converted = amplitudeContext(user);
    if (!converted.ok) {
      core.limited.log('warn', 'amp-bad-user', `evaluate: invalid user (${converted.error}); returning no variants`);
      return variants;
    }
    // evaluateFlags skips entries that are not strings, so an array is passed as it is.
    let selection: EvaluateFlagsSelection = EVERY_FLAG;
    if (flagKeys !== undefined && flagKeys !== null) {
      if (Array.isArray(flagKeys)) selection = { flagKeys };
      else core.limited.log('warn', 'amp-bad-keys', 'evaluate: flagKeys must be an array of strings; evaluating every flag');
    }
    const context = converted.context;
    const results = evaluateFlags(compiled, context, selection);
    const sink = core.events();
    const served: AmplitudeServed[] | null = sink ? [] : null;
    for (const flagKey in results) {
      const result = results[flagKey] as EvaluationResult;
      const flag = getFlag(compiled, flagKey);
      const mapped = toVariant(result, flag);
      core.decided('amplitude', flagKey, context, result);
      if (!mapped) continue;
      setEntry(variants, flagKey, mapped.variant);
      served?.push({ result, flag, isDefault: mapped.isDefault, metadata: mapped.metadata });
    }
    if (sink && served) {
      const u = user as { user_id?: unknown; device_id?: unknown };
      sink.amplitudeEvaluation(context, { userId: text(u.user_id), deviceId: text(u.device_id) }, served, options?.tracksExposure === true);
    }
    return variants;
  };
  return { evaluate, evaluateV2: evaluate };
}
