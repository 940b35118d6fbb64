import type { Clock, HttpClient, Logger, RateLimitedLogger, Scheduler } from '@ensign/common';
import { createRateLimitedLogger } from '@ensign/common';
import type { Context } from '@ensign/context';
import { createContextRedactor } from '@ensign/context';
import type { JsonValue } from '@ensign/datafile-schema';
import type { CompiledDatafile, ErrorKind, EvaluateFlagsSelection, EvaluateOptions, EvaluationResult, PrerequisiteEvaluation } from '@ensign/evaluator-core';
import { errorResult, evaluateCheckedFlag, evaluateFlag, evaluateFlags } from '@ensign/evaluator-core';
import type { EventBatch } from '@ensign/event-pipeline';
import type { CoreOptions } from './core-options.js';
import type { DatafileStore } from './datafile-store.js';
import type { DecisionFace, Emitter } from './emitter.js';
import type { EventSink } from './events/event-sink.js';
import type { EvaluationDetail, EvaluationSeriesContext, EvaluationSeriesData, HookRunner } from './hooks.js';
import type { CohortSyncer } from './cohorts/cohort-syncer.js';
import type { OdpService } from './odp/odp-service.js';

/**
 * What every face shares: the datafile in use, logging, hooks, events, and the one decision path. Faces call
 * {@link ClientCore.decide} (or `decideAll`, or `fail` for a call that cannot evaluate) and only map shapes.
 */
export interface ClientCore {
  readonly options: CoreOptions;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly store: DatafileStore;
  readonly emitter: Emitter;
  readonly hooks: HookRunner;
  /** The event sink; null when events are off. Read it at call time: `close()` clears it. */
  events(): EventSink | null;
  /** Logs a line at most once a minute per `key`: bad arguments on hot paths must not flood the logs. */
  readonly limited: RateLimitedLogger;
  /** Optimizely ODP segments and events; absent or null when `odp.disabled`. */
  readonly odp?: OdpService | null;
  /** Amplitude cohorts synced for local evaluation; absent or null without `cohortSyncConfig`. */
  readonly cohorts?: CohortSyncer | null;
  /** The platform's network port (remote evaluation). */
  readonly http: HttpClient;
  /** A uniform number in [0, 1) (jitter). */
  readonly random: () => number;
  /** Keeps the process alive while `work` runs, at most `maxMs` (Node: one ref'd timer); the runtime's, or a pass-through. */
  hold<T>(work: Promise<T>, maxMs: number): Promise<T>;
  /** The context as it may leave the process: `privateAttributes` and `allAttributesPrivate` applied; null when it cannot be redacted. */
  redact(context: Context): Context | null;
  /** Whether `close()` was called. */
  isClosed(): boolean;
  /** Listeners told of every event batch handed to the dispatcher, with its URL (Optimizely's `LOG_EVENT`). */
  readonly dispatchListeners?: Set<(batch: EventBatch, url: string) => void>;
  /**
   * Decides one flag: evaluates it (with `options`, or with `defaultValue` alone), runs the hooks, records the decision (summary, and a full event when the face's
   * tracking policy says so) and emits `decision`. `flags` carries the face's event switches
   * ({@link DECIDE_NO_DECISION_EVENT}, {@link DECIDE_NO_RECORD}) and whether the context is already checked
   * ({@link DECIDE_CHECKED_CONTEXT}). Never throws.
   */
  decide(face: DecisionFace, method: string, compiled: CompiledDatafile, flagKey: string, context: Context, defaultValue: JsonValue, options?: EvaluateOptions, flags?: number): EvaluationResult;
  /** Decides every flag of `selection` for one context, through the same path as {@link ClientCore.decide}. */
  decideAll(face: DecisionFace, method: string, compiled: CompiledDatafile, context: Context, selection: EvaluateFlagsSelection, options?: EvaluateOptions, flags?: number): Record<string, EvaluationResult>;
  /** Whether a datafile has flags with prerequisites (remembered for the last datafile asked about). */
  hasPrerequisites(compiled: CompiledDatafile): boolean;
  /** A call that could not evaluate (not ready, no valid context): the error result, through hooks and `decision`. */
  fail(face: DecisionFace, method: string, flagKey: string, context: Context | null, defaultValue: JsonValue, errorKind: ErrorKind, revision: string | null): EvaluationResult;
}

/** `flags` bit of {@link ClientCore.decide}: record the decision in summaries only, never as a full event (Optimizely's `DISABLE_DECISION_EVENT`). */
export const DECIDE_NO_DECISION_EVENT = 1;
/** `flags` bit of {@link ClientCore.decide}: record nothing (the face records its own events, e.g. Amplitude's assignment). */
export const DECIDE_NO_RECORD = 2;
/**
 * `flags` bit of {@link ClientCore.decide}: `context` was checked by `@ensign/context` (`flatContext` or
 * `plainSingleContext` answered it, or `validateContext` accepted it), so the evaluator does not check it again (`evaluateCheckedFlag`: the same
 * result). Without it the context is checked, as a face may pass anything.
 */
export const DECIDE_CHECKED_CONTEXT = 4;

/**
 * `flags` bit of {@link ClientCore.decide}: the caller asked for the reason (LaunchDarkly's `variationDetail`), so a
 * full decision event carries it; without it, LaunchDarkly's feature events carry a reason only for an experiment.
 */
export const DECIDE_WITH_REASONS = 8;
/** `flags` bit of {@link ClientCore.decideAll}: run no hooks (LaunchDarkly's `allFlagsState` runs none). */
export const DECIDE_NO_HOOKS = 128;
/**
 * `flags` bits of {@link ClientCore.decide}: a typed call (LaunchDarkly's `boolVariation`, `numberVariation`,
 * `stringVariation` and their details). A served value of another type makes the decision a `WRONG_TYPE` error
 * (the default value, no variation) before hooks and events see it, as LaunchDarkly's SDK records it; the
 * prerequisites' events are then not recorded either.
 */
export const DECIDE_EXPECT_BOOLEAN = 16;
export const DECIDE_EXPECT_NUMBER = 32;
export const DECIDE_EXPECT_STRING = 64;
const DECIDE_EXPECT_ANY_TYPE = DECIDE_EXPECT_BOOLEAN | DECIDE_EXPECT_NUMBER | DECIDE_EXPECT_STRING;

/** Whether a typed call's result serves a value of another type than the call wants. */
function wrongType(result: EvaluationResult, flags: number): boolean {
  if ((flags & DECIDE_EXPECT_ANY_TYPE) === 0 || result.reason.kind === 'ERROR' || result.variationIndex === null) return false;
  const type = (flags & DECIDE_EXPECT_BOOLEAN) !== 0 ? 'boolean' : (flags & DECIDE_EXPECT_NUMBER) !== 0 ? 'number' : 'string';
  return typeof result.value !== type;
}

/** Parts {@link createClientCore} is built from. */
export interface ClientCoreParts {
  options: CoreOptions;
  logger: Logger;
  clock: Clock;
  scheduler: Scheduler;
  store: DatafileStore;
  emitter: Emitter;
  hooks: HookRunner;
  events(): EventSink | null;
  odp?: OdpService | null;
  cohorts?: CohortSyncer | null;
  http: HttpClient;
  random: () => number;
  hold<T>(work: Promise<T>, maxMs: number): Promise<T>;
  isClosed(): boolean;
  dispatchListeners?: Set<(batch: EventBatch, url: string) => void>;
}

/** Evaluate options carrying only a default value; the common ones are shared and frozen (no allocation per call). */
const DEFAULT_FALSE: EvaluateOptions = Object.freeze({ defaultValue: false });
const DEFAULT_TRUE: EvaluateOptions = Object.freeze({ defaultValue: true });
const DEFAULT_NULL: EvaluateOptions = Object.freeze({ defaultValue: null });

/**
 * The evaluate options carrying only `defaultValue`: a shared frozen object for `false`, `true` and `null` (and
 * `undefined`), a new one otherwise.
 *
 * @example
 * evaluateFlag(compiled, context, 'dark-mode', optionsWith(false));
 */
export function optionsWith(defaultValue: JsonValue): EvaluateOptions {
  if (defaultValue === false) return DEFAULT_FALSE;
  if (defaultValue === true) return DEFAULT_TRUE;
  if (defaultValue === null || defaultValue === undefined) return DEFAULT_NULL;
  return { defaultValue };
}

const detailOf = (result: EvaluationResult): EvaluationDetail => ({
  value: result.value,
  variationIndex: result.variationIndex,
  variationKey: result.variationKey,
  reason: result.reason,
  revision: result.revision,
});

/**
 * Assembles the shared core of a client.
 *
 * @example
 * const core = createClientCore({ options, logger, clock, scheduler, store, emitter, hooks, events: () => sink, http, random, hold, isClosed });
 * const result = core.decide('launchdarkly', 'variation', store.current()!, 'dark-mode', { kind: 'user', key: 'u' }, false);
 */
export function createClientCore(parts: ClientCoreParts): ClientCore {
  const redactor = createContextRedactor({
    privateAttributes: parts.options.privateAttributes,
    allAttributesPrivate: parts.options.allAttributesPrivate,
  });
  const limited = createRateLimitedLogger(parts.logger, { clock: parts.clock, windowMs: 60_000 });
  const { emitter, hooks } = parts;

  const redacted = (context: Context | null): Context | null => {
    if (context === null) return null;
    try {
      return redactor.redact(context) as unknown as Context;
    } catch {
      return null;
    }
  };

  /** Hooks' `before` stage, when there are hooks: the series context and each hook's data. */
  const before = (face: DecisionFace, method: string, flagKey: string, context: Context | null, defaultValue: JsonValue) => {
    // LaunchDarkly names the method after its client: `LDClient.variation`, `LDClient.boolVariationDetail`...
    const seriesContext: EvaluationSeriesContext = { flagKey, context: redacted(context), defaultValue, method: face === 'launchdarkly' ? `LDClient.${method}` : method, face };
    return { seriesContext, data: hooks.before(seriesContext) };
  };
  const after = (pending: { seriesContext: EvaluationSeriesContext; data: EvaluationSeriesData[] } | null, result: EvaluationResult) => {
    if (pending !== null) hooks.after(pending.seriesContext, pending.data, detailOf(result));
  };

  // Whether a datafile has prerequisites, for the last datafile asked about (a client uses one at a time).
  let prerequisitesOf: CompiledDatafile | null = null;
  let prerequisitesFound = false;
  const hasPrerequisites = (compiled: CompiledDatafile): boolean => {
    if (compiled !== prerequisitesOf) {
      prerequisitesFound = compiled.datafile.flags.some((f) => Array.isArray(f.prerequisites) && f.prerequisites.length > 0);
      prerequisitesOf = compiled;
    }
    return prerequisitesFound;
  };

  const settle = (face: DecisionFace, compiled: CompiledDatafile | null, context: Context | null, result: EvaluationResult, defaultValue: JsonValue, flags: number) => {
    if ((flags & DECIDE_NO_RECORD) === 0 && context !== null && compiled !== null) {
      const sink = parts.events();
      if (sink) sink.decision(face, compiled, context, result, defaultValue, (flags & DECIDE_NO_DECISION_EVENT) !== 0);
    }
    if (emitter.has('decision')) emitter.emit('decision', { face, flagKey: result.flagKey, context: redacted(context), result });
  };

  return {
    ...parts,
    limited,
    redact: (context) => redacted(context),
    hasPrerequisites,
    decide(face, method, compiled, flagKey, context, defaultValue, options, flags = 0) {
      const pending = hooks.count === 0 ? null : before(face, method, flagKey, context, defaultValue);
      let opts = options ?? optionsWith(defaultValue);
      const sink = (flags & DECIDE_NO_RECORD) === 0 && context !== null && compiled !== null ? parts.events() : null;
      // LaunchDarkly records every prerequisite evaluation too (summarized; a feature event when it is tracked), so
      // with events on, a datafile with prerequisites has the evaluator tell them.
      let prerequisites: PrerequisiteEvaluation[] | null = null;
      if (sink && face === 'launchdarkly' && hasPrerequisites(compiled)) {
        const told: PrerequisiteEvaluation[] = (prerequisites = []);
        opts = { ...opts, onPrerequisite: (e) => void told.push(e) };
      }
      let result = (flags & DECIDE_CHECKED_CONTEXT) === 0 ? evaluateFlag(compiled, context, flagKey, opts) : evaluateCheckedFlag(compiled, context, flagKey, opts);
      if (wrongType(result, flags)) {
        result = errorResult(flagKey, 'WRONG_TYPE', { defaultValue }, result.revision);
        prerequisites = null;
      }
      after(pending, result);
      // `settle`, written out: `decide` is every face's hot path, and a call less is measurable there.
      if (sink) {
        const noDecisionEvent = (flags & DECIDE_NO_DECISION_EVENT) !== 0;
        const withReasons = (flags & DECIDE_WITH_REASONS) !== 0;
        // As LaunchDarkly: the prerequisites' events first (the default of a prerequisite is null), then the flag's.
        if (prerequisites !== null) for (const p of prerequisites) sink.decision(face, compiled, context as Context, p.result, null, noDecisionEvent, withReasons, p.prereqOf);
        sink.decision(face, compiled, context as Context, result, defaultValue, noDecisionEvent, withReasons);
      }
      if (emitter.has('decision')) emitter.emit('decision', { face, flagKey: result.flagKey, context: redacted(context), result });
      return result;
    },
    decideAll(face, method, compiled, context, selection, options, flags = 0) {
      const results = options === undefined ? evaluateFlags(compiled, context, selection) : evaluateFlags(compiled, context, selection, options);
      const runHooks = hooks.count !== 0 && (flags & DECIDE_NO_HOOKS) === 0;
      // Nothing to run per flag without hooks, `decision` listeners and (when recording) events: skip the walk.
      if (!runHooks && !emitter.has('decision') && ((flags & DECIDE_NO_RECORD) !== 0 || parts.events() === null)) return results;
      for (const key in results) {
        const result = results[key] as EvaluationResult;
        // Flags are evaluated together (prerequisites memoised), so each flag's hooks run around its reported result.
        if (runHooks) after(before(face, method, key, context, null), result);
        settle(face, compiled, context, result, null, flags);
      }
      return results;
    },
    fail(face, method, flagKey, context, defaultValue, errorKind, revision) {
      const pending = hooks.count === 0 ? null : before(face, method, flagKey, context, defaultValue);
      const result = errorResult(flagKey, errorKind, { defaultValue }, revision ?? '');
      after(pending, result);
      if (emitter.has('decision')) emitter.emit('decision', { face, flagKey, context: redacted(context), result });
      return result;
    },
  };
}
