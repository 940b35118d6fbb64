import type { AmplitudeUser, Context } from '@ensign/context';
import { amplitudeUserToContext } from '@ensign/context';
import type { CompiledDatafile, EvaluateFlagsSelection, EvaluationResult } from '@ensign/evaluator-core';
import { getFlag } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import { cohortTargets } from '../../core/cohorts/cohort-targets.js';
import type { AmplitudeServed } from '../../core/events/event-sink.js';
import { setEntry } from '../../core/records.js';
import type { AmplitudeEvaluateOptions, FlagVariants, Variant } from './variant.js';
import { flagVariants, mappingFor, newVariant } from './variant.js';
import { withAmplitudeCohorts } from './cohort-enrich.js';
import { declaredDependencies, withDependencies } from './dependencies.js';
import { KEEP_NON_JSON } from '../../core/keep-non-json.js';

/** The Amplitude local-evaluation face of the client. */
export interface AmplitudeFace {
  /**
   * Evaluates flags for an Amplitude user (`evaluateV2`). Without `flagKeys` every flag is evaluated; with them,
   * those flags and the flags they declare as dependencies (transitively: Amplitude's `dependencies`, kept by the
   * importer) are evaluated and returned, as Amplitude's `evaluateV2` does. Unknown keys and flags that serve no
   * variation are absent. A user without `user_id` and `device_id` is evaluated too (its key is empty), as Amplitude
   * does: rules that match everyone serve it. Every variant has `metadata` (`{}` when there is none).
   */
  evaluate(user: AmplitudeUser, flagKeys?: readonly string[], options?: AmplitudeEvaluateOptions): Record<string, Variant>;
  /** Amplitude's own name of {@link AmplitudeFace.evaluate}. */
  evaluateV2(user: AmplitudeUser, flagKeys?: readonly string[], options?: AmplitudeEvaluateOptions): Record<string, Variant>;
}

const EVERY_FLAG: EvaluateFlagsSelection = Object.freeze({});

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Creates the Amplitude face over the client core. The user is converted with `amplitudeUserToContext` (a `user`
 * context keyed by `user_id` or `device_id`, or by `''` without either; groups as other kinds); an invalid user or a
 * client that is not ready gives `{}` and a rate-limited warning. Events: assignment events when `assignmentConfig` is set, exposure events
 * for served, non-default variants when `exposureConfig` is set and `tracksExposure` is true.
 *
 * @example
 * const amplitude = createAmplitudeFace(core);
 * amplitude.evaluate({ user_id: 'user-42', device_id: 'd-1' }, ['pricing-page'])['pricing-page']?.value;
 */
export function createAmplitudeFace(core: ClientCore): AmplitudeFace {
  // Per-flag mappings for the datafile in use, replaced with it: built once per (variation, rule), then looked up.
  let mappedFor: CompiledDatafile | null = null;
  let flags = new Map<string, FlagVariants>();
  const variantsOf = (compiled: CompiledDatafile, flagKey: string): FlagVariants | undefined => {
    if (compiled !== mappedFor) {
      mappedFor = compiled;
      flags = new Map();
    }
    let variants = flags.get(flagKey);
    if (variants === undefined) {
      const flag = getFlag(compiled, flagKey);
      if (flag === undefined) return undefined;
      variants = flagVariants(flag);
      flags.set(flagKey, variants);
    }
    return variants;
  };

  // Whether any flag of the datafile in use declares dependencies (most do not: then flagKeys are used as given).
  let depsFor: CompiledDatafile | null = null;
  let anyDependencies = false;
  const declaresDependencies = (compiled: CompiledDatafile): boolean => {
    if (compiled !== depsFor) {
      depsFor = compiled;
      anyDependencies = Array.isArray(compiled.datafile.flags) && compiled.datafile.flags.some((f) => declaredDependencies(f).length > 0);
    }
    return anyDependencies;
  };

  /** Maps one result into `variants` (and `served` for events); flags that serve no variation are left out. */
  const add = (
    compiled: CompiledDatafile,
    flagKey: string,
    result: EvaluationResult,
    variants: Record<string, Variant>,
    served: AmplitudeServed[] | null,
  ): void => {
    const flag = result.variationIndex === null ? undefined : variantsOf(compiled, flagKey);
    const m = flag === undefined ? null : mappingFor(flag, result);
    if (m === null || flag === undefined) return;
    const variant = newVariant(m);
    setEntry(variants, flagKey, variant);
    served?.push({ result, flag: flag.flag, isDefault: m.isDefault, metadata: variant.metadata ?? {} });
  };

  const evaluate: AmplitudeFace['evaluate'] = (user, flagKeys, options) => {
    const variants: Record<string, Variant> = {};
    const compiled = core.store.current();
    if (!compiled) {
      core.limited.log('warn', 'amp-not-ready', 'evaluate called before the client is ready: returning no variants');
      return variants;
    }
    // The cohort ids the datafile's conditions name come from cohort sync (none without it), as Amplitude's local
    // client fills cohort_ids / group_cohort_ids.
    const converted = amplitudeUserToContext(withAmplitudeCohorts(user, cohortTargets(compiled), core.cohorts ?? null), KEEP_NON_JSON);
    if (!converted.ok) {
      core.limited.log('warn', 'amp-bad-user', `evaluate: invalid user (${converted.error}); returning no variants`);
      return variants;
    }
    const context: Context = converted.context;
    // evaluateFlags skips entries that are not strings, so an array is passed as it is.
    let selection: EvaluateFlagsSelection = EVERY_FLAG;
    let single: string | null = null;
    if (flagKeys !== undefined && flagKeys !== null) {
      if (!Array.isArray(flagKeys)) core.limited.log('warn', 'amp-bad-keys', 'evaluate: flagKeys must be an array of strings; evaluating every flag');
      else {
        // As evaluateV2: the flags the requested ones declare as dependencies are evaluated and returned too.
        const keys = declaresDependencies(compiled) ? withDependencies(flagKeys, (k) => variantsOf(compiled, k)?.flag) : flagKeys;
        if (keys.length === 1 && typeof keys[0] === 'string') single = keys[0];
        else selection = { flagKeys: keys as readonly string[] };
      }
    }
    const sink = core.events();
    const served: AmplitudeServed[] | null = sink ? [] : null;
    if (single !== null) {
      // One key: the same result as evaluateFlags gives it (no options, nothing to memoise), without the record.
      add(compiled, single, core.decide('amplitude', 'evaluate', compiled, single, context, null), variants, served);
    } else {
      const results = core.decideAll('amplitude', 'evaluate', compiled, context, selection);
      for (const flagKey in results) add(compiled, flagKey, results[flagKey] as EvaluationResult, variants, served);
    }
    if (sink && served) {
      const u = user as { user_id?: unknown; device_id?: unknown };
      const ids = { userId: text(u.user_id), deviceId: text(u.device_id) };
      // Amplitude accepts an event only with a user_id or a device_id: a user without either records none.
      if (ids.userId !== null || ids.deviceId !== null) sink.amplitudeEvents(context, ids, served, options?.tracksExposure === true);
    }
    return variants;
  };
  return { evaluate, evaluateV2: evaluate };
}
