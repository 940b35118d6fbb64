import type { Flag, JsonValue } from '@ensign/datafile-schema';
import type { CompiledDatafile, EvaluationReason, EvaluationResult } from '@ensign/evaluator-core';
import { getFlag } from '@ensign/evaluator-core';
import { isLaunchDarklyEvaluationTracked } from '../../core/events/track-policy.js';
import { ruleOf } from '../../core/events/flag-rules.js';

/** Options of `allFlagsState`, as LaunchDarkly's `LDFlagsStateOptions`. All default to false. */
export interface LDFlagsStateOptions {
  /** Include evaluation reasons. */
  withReasons?: boolean;
  /** Only flags available to client-side SDKs (`clientSide`, or `clientSideAvailability.usingEnvironmentId`). */
  clientSideOnly?: boolean;
  /** Omit version and reason of flags that have no event tracking or debugging. */
  detailsOnlyForTrackedFlags?: boolean;
}

/** Metadata of one flag in `$flagsState`. */
export interface LDFlagMeta {
  variation?: number;
  version?: number;
  reason?: EvaluationReason;
  trackEvents?: boolean;
  trackReason?: boolean;
  debugEventsUntilDate?: number;
}

/** What `toJSON()` returns: the shape browser SDKs bootstrap from. */
export type LDFlagsStateJson = { [flagKey: string]: JsonValue | Record<string, LDFlagMeta> | boolean } & {
  $flagsState: Record<string, LDFlagMeta>;
  $valid: boolean;
};

/** A snapshot of every flag's value for one context (LaunchDarkly's `LDFlagsState`). */
export interface LDFlagsState {
  /** False when the client was not ready or the context was invalid (then it holds no flag). */
  valid: boolean;
  /** Values by flag key. */
  allValues(): Record<string, JsonValue>;
  getFlagValue(key: string): JsonValue | undefined;
  /** The reason of a flag, when reasons were recorded; null otherwise. */
  getFlagReason(key: string): EvaluationReason | null;
  toJSON(): LDFlagsStateJson;
}

const isClientSide = (flag: Flag) => flag.clientSide === true || flag.clientSideAvailability?.usingEnvironmentId === true;

/**
 * Evaluates every flag for a context into an {@link LDFlagsState}, with the metadata rules of LaunchDarkly's
 * `FlagsStateBuilder`: `variation` when a variation was served; `version` unless details are only for tracked flags
 * and this one is not tracked; `reason` with `withReasons` (or always when the evaluation is in an experiment, with
 * `trackReason: true`); `trackEvents` when the flag or the experiment is tracked. Sends no event.
 * An absent datafile or context gives `valid: false` and no flags.
 *
 * @example
 * const state = buildFlagsState(compiled, { kind: 'user', key: 'user-42' }, { clientSideOnly: true });
 * res.json(state.toJSON());
 */
export function buildFlagsState(
  compiled: CompiledDatafile | undefined,
  results: Readonly<Record<string, EvaluationResult>> | null,
  options: LDFlagsStateOptions,
): LDFlagsState {
  const values: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>;
  const meta: Record<string, LDFlagMeta> = Object.create(null) as Record<string, LDFlagMeta>;
  const valid = compiled !== undefined && results !== null;
  if (valid) {
    for (const key of compiled.flagKeys) {
      const flag = getFlag(compiled, key);
      if (!flag || (options.clientSideOnly === true && !isClientSide(flag))) continue;
      const result = results[key];
      if (result === undefined) continue;
      // LaunchDarkly's isExperiment: in an experiment, or a tracked rule / fallthrough.
      const experiment = isLaunchDarklyEvaluationTracked({
        reasonKind: result.reason.kind,
        inExperiment: result.reason.inExperiment === true,
        ruleTrackEvents: ruleOf(flag, result.ruleId)?.trackEvents === true,
        trackEventsFallthrough: flag.trackEventsFallthrough === true,
      });
      const trackEvents = flag.trackEvents === true || experiment;
      const debugUntil = flag.debugEventsUntilDate;
      const m: LDFlagMeta = {};
      if (result.variationIndex !== null) m.variation = result.variationIndex;
      const omitDetails = options.detailsOnlyForTrackedFlags === true && !trackEvents && !experiment && debugUntil === undefined;
      if (!omitDetails && flag.version !== undefined) m.version = flag.version;
      if (experiment || (options.withReasons === true && !omitDetails)) m.reason = result.reason;
      if (trackEvents) m.trackEvents = true;
      if (experiment) m.trackReason = true;
      if (debugUntil !== undefined) m.debugEventsUntilDate = debugUntil;
      values[key] = result.value;
      meta[key] = m;
    }
  }
  return {
    valid,
    allValues: () => ({ ...values }),
    getFlagValue: (key) => (Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined),
    getFlagReason: (key) => (Object.prototype.hasOwnProperty.call(meta, key) ? (meta[key]?.reason ?? null) : null),
    toJSON: () => ({ ...values, $flagsState: { ...meta }, $valid: valid }) as LDFlagsStateJson,
  };
}
