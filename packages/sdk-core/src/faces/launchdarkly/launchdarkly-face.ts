import type { Context } from '@ensign/context';
import { instanceSingleContext, plainSingleContext, validateContext } from '@ensign/context';
import type { JsonValue } from '@ensign/datafile-schema';
import type { CompiledDatafile, ErrorKind, EvaluateOptions, EvaluationResult } from '@ensign/evaluator-core';
import { evaluateAllFlagsInOrder, evaluateCheckedFlag, evaluateFlags } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import { DECIDE_CHECKED_CONTEXT, DECIDE_EXPECT_BOOLEAN, DECIDE_EXPECT_NUMBER, DECIDE_EXPECT_STRING, DECIDE_NO_HOOKS, DECIDE_NO_RECORD, DECIDE_WITH_REASONS, optionsWith } from '../../core/client-core.js';
import { keyText, messageOf } from '../../core/records.js';
import type { LDEvaluationDetail, ValueType } from './detail.js';
import { callBack, errorDetail, toDetail, valueOf } from './detail.js';
import type { LDFlagsState, LDFlagsStateOptions } from './flags-state.js';
import { buildFlagsState } from './flags-state.js';
import { KEEP_NON_JSON } from '../../core/keep-non-json.js';

/** The LaunchDarkly face of the client: `variation*`, `allFlagsState`, `track`, `identify`. */
export interface LaunchDarklyFace {
  variation(flagKey: string, context: unknown, defaultValue: JsonValue, callback?: (err: null, value: JsonValue) => void): JsonValue;
  variationDetail(flagKey: string, context: unknown, defaultValue: JsonValue, callback?: (err: null, detail: LDEvaluationDetail) => void): LDEvaluationDetail;
  boolVariation(flagKey: string, context: unknown, defaultValue: boolean, callback?: (err: null, value: boolean) => void): boolean;
  numberVariation(flagKey: string, context: unknown, defaultValue: number, callback?: (err: null, value: number) => void): number;
  stringVariation(flagKey: string, context: unknown, defaultValue: string, callback?: (err: null, value: string) => void): string;
  jsonVariation(flagKey: string, context: unknown, defaultValue: JsonValue, callback?: (err: null, value: JsonValue) => void): JsonValue;
  boolVariationDetail(flagKey: string, context: unknown, defaultValue: boolean, callback?: (err: null, detail: LDEvaluationDetail<boolean>) => void): LDEvaluationDetail<boolean>;
  numberVariationDetail(flagKey: string, context: unknown, defaultValue: number, callback?: (err: null, detail: LDEvaluationDetail<number>) => void): LDEvaluationDetail<number>;
  stringVariationDetail(flagKey: string, context: unknown, defaultValue: string, callback?: (err: null, detail: LDEvaluationDetail<string>) => void): LDEvaluationDetail<string>;
  jsonVariationDetail(flagKey: string, context: unknown, defaultValue: JsonValue, callback?: (err: null, detail: LDEvaluationDetail) => void): LDEvaluationDetail;
  allFlagsState(context: unknown, options?: LDFlagsStateOptions, callback?: (err: null, state: LDFlagsState) => void): LDFlagsState;
  /** Sends a custom (conversion) event. */
  track(key: string, context: unknown, data?: JsonValue, metricValue?: number): void;
  /** Sends an identify event. */
  identify(context: unknown): void;
}

const EVERY_FLAG = Object.freeze({});

/** Whether `run` answered a failure's detail rather than an evaluator result (results carry a `flagKey`). */
function isFailure<T>(r: EvaluationResult | LDEvaluationDetail<T>): r is LDEvaluationDetail<T> {
  return !('flagKey' in r);
}

/** The `core.decide` flags of each call of the face (see `decided`). */
const DECIDE_FLAGS_OF_CALL: Readonly<Record<string, number>> = Object.freeze({
  variation: DECIDE_CHECKED_CONTEXT,
  jsonVariation: DECIDE_CHECKED_CONTEXT,
  boolVariation: DECIDE_CHECKED_CONTEXT | DECIDE_EXPECT_BOOLEAN,
  numberVariation: DECIDE_CHECKED_CONTEXT | DECIDE_EXPECT_NUMBER,
  stringVariation: DECIDE_CHECKED_CONTEXT | DECIDE_EXPECT_STRING,
  variationDetail: DECIDE_CHECKED_CONTEXT | DECIDE_WITH_REASONS,
  jsonVariationDetail: DECIDE_CHECKED_CONTEXT | DECIDE_WITH_REASONS,
  boolVariationDetail: DECIDE_CHECKED_CONTEXT | DECIDE_WITH_REASONS | DECIDE_EXPECT_BOOLEAN,
  numberVariationDetail: DECIDE_CHECKED_CONTEXT | DECIDE_WITH_REASONS | DECIDE_EXPECT_NUMBER,
  stringVariationDetail: DECIDE_CHECKED_CONTEXT | DECIDE_WITH_REASONS | DECIDE_EXPECT_STRING,
});

/**
 * Creates the LaunchDarkly face over the client core. Contexts, multi-contexts and legacy users are accepted as
 * LaunchDarkly's Node SDK accepts them (a legacy user with an empty key, a non-string `name`, a non-boolean
 * `anonymous`, a nested `kind` are evaluated, with a rate-limited warning; attribute values that are not JSON, such as
 * a `Date` or `NaN`, are read as they are and left out of events; a class instance is evaluated on its own
 * properties); a missing or invalid one answers the
 * default with `USER_NOT_SPECIFIED`. Results are returned synchronously (so
 * `await client.variation(...)` works too) and an optional last-argument callback gets `(null, result)`.
 *
 * @example
 * const ld = createLaunchDarklyFace(core);
 * ld.boolVariation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false); // true
 */
export function createLaunchDarklyFace(core: ClientCore): LaunchDarklyFace {
  // Read once: the core's parts never change, and the hot path then loads them from the closure.
  const { store, hooks, emitter } = core;
  // `optionsWith(false)`, held here: the hot path's options are then a constant of its compiled code (the evaluator's
  // checks of them fold away), where a module's object is loaded and checked on every call.
  const optionsFalse = optionsWith(false);
  const callbackFailed = (error: unknown) =>
    core.limited.log('error', 'ld-callback', `a variation callback threw: ${messageOf(error)}`);

  const contextOf = (input: unknown, call: string): Context | null => {
    // Plain single-kind contexts (the common case) are used as they are, whatever their attribute values hold (a
    // `Date`, `NaN`, a nested object), as LaunchDarkly's SDK uses them: no attribute is walked per call. The rest are
    // validated (and copied).
    const plain = plainSingleContext(input);
    if (plain !== null) return plain;
    // A class instance (or another prototype's object) is evaluated on its own properties, as LaunchDarkly does.
    const instance = instanceSingleContext(input);
    if (instance !== null) return instance;
    const checked = validateContext(input, KEEP_NON_JSON);
    if (checked.ok) {
      // What LaunchDarkly accepts but a context should not hold (a non-string name, a non-boolean anonymous, a
      // nested kind, an empty legacy key...) is evaluated as LaunchDarkly evaluates it, with a warning.
      // Rate-limited by the kind of warning (quoted names left out), so each kind of oddity is reported.
      if (checked.warnings.length > 0) core.limited.log('warn', `ld-context:${checked.warnings.join(';').replace(/"[^"]*"/g, '""').slice(0, 120)}`, `${call}: ${checked.warnings.join('; ')}`);
      return checked.context;
    }
    core.limited.log('warn', `ld-bad-context:${call}`, `${call}: invalid context (${checked.error}); answering the default value`);
    return null;
  };

  const fail = <T>(call: string, key: string, errorKind: ErrorKind, context: Context | null, revision: string | null, defaultValue: T): LDEvaluationDetail<T> => {
    core.fail('launchdarkly', call, key, context, defaultValue as JsonValue, errorKind, revision);
    return errorDetail(defaultValue, errorKind, revision);
  };

  // Rate-limited by kind of problem, not per key: 200 000 distinct unknown keys must not write 200 000 lines.
  const unknownFlag = (call: string, flagKey: string): void =>
    core.limited.log('info', 'ld-unknown', `${call}: unknown flag ${JSON.stringify(flagKey.slice(0, 100))}; answering the default value`);

  // Why a call could not evaluate (not ready, no usable context, a key that is not a string), with its detail. Kept
  // out of `run`, so that the hot path stays small enough for V8 to inline into the caller.
  const refuse = <T>(flagKey: unknown, compiled: CompiledDatafile | undefined, context: Context | null, defaultValue: T, call: string): LDEvaluationDetail<T> => {
    if (!compiled) {
      core.limited.log('warn', 'ld-not-ready', `${call} called before the client is ready: answering the default value`);
      return fail(call, keyText(flagKey), 'CLIENT_NOT_READY', null, null, defaultValue);
    }
    if (context === null) return fail(call, keyText(flagKey), 'USER_NOT_SPECIFIED', null, compiled.revision, defaultValue);
    core.limited.log('warn', 'ld-bad-key', `${call}: the flag key must be a string; answering the default value`);
    return fail(call, keyText(flagKey), 'FLAG_NOT_FOUND', context, compiled.revision, defaultValue);
  };

  const noteUnknown = (result: EvaluationResult, call: string, flagKey: string): void => {
    const reason = result.reason;
    if (reason.kind === 'ERROR' && reason.errorKind === 'FLAG_NOT_FOUND') unknownFlag(call, flagKey);
  };

  // Through the core, for hooks, `decision` listeners and events (kept out of `run`, as `refuse` is). The context is
  // checked (contextOf), so the core evaluates it without checking it again.
  const decided = (flagKey: string, compiled: CompiledDatafile, context: Context, defaultValue: unknown, call: string): EvaluationResult => {
    // A detail call's events carry the reason, as LaunchDarkly's `variationDetail` events do, and a typed call's
    // wrong type is an error before hooks and events see it (the call's name says both; looked up off the quiet path).
    const flags = DECIDE_FLAGS_OF_CALL[call] ?? DECIDE_CHECKED_CONTEXT;
    const result = core.decide('launchdarkly', call, compiled, flagKey, context, defaultValue as JsonValue, undefined, flags);
    noteUnknown(result, call, flagKey);
    return result;
  };

  // The hot path: no closure and no options object are created per call. It answers the evaluator's result, or the
  // detail of a call that could not evaluate (which `isFailure` tells apart).
  const run = <T>(flagKey: unknown, input: unknown, defaultValue: T, call: string): EvaluationResult | LDEvaluationDetail<T> => {
    const compiled = store.current();
    const context = compiled === undefined ? null : contextOf(input, call);
    if (context === null || typeof flagKey !== 'string') return refuse(flagKey, compiled, context, defaultValue, call);
    // With nobody to tell of the decision (no hooks, no `decision` listener, no events), `core.decide` would only
    // evaluate: go straight to the evaluator, with the same options (the context is checked: see contextOf).
    if (hooks.count !== 0 || core.events() !== null || emitter.has('decision')) return decided(flagKey, compiled as CompiledDatafile, context, defaultValue, call);
    const result = evaluateCheckedFlag(compiled as CompiledDatafile, context, flagKey, defaultValue === false ? optionsFalse : optionsWith(defaultValue as JsonValue));
    // The evaluator's error results have no variation index: the reason is read only then.
    if (result.variationIndex === null) noteUnknown(result, call, flagKey);
    return result;
  };

  const value = <T>(type: ValueType, call: string) => (flagKey: string, context: unknown, defaultValue: T, callback?: unknown): T => {
    const r = run(flagKey, context, defaultValue, call);
    const v = isFailure(r) ? r.value : valueOf(r, defaultValue, type);
    // Tested here, so that a call without a callback leaves `callBack` out of the compiled hot path (V8 then has the
    // room to inline the flag lookup).
    if (callback !== undefined) callBack(callback, v, callbackFailed);
    return v;
  };
  const withDetail = <T>(type: ValueType, call: string) => (flagKey: string, context: unknown, defaultValue: T, callback?: unknown): LDEvaluationDetail<T> => {
    const r = run(flagKey, context, defaultValue, call);
    const d = isFailure(r) ? r : toDetail(r, defaultValue, type);
    callBack(callback, d, callbackFailed);
    return d;
  };

  return {
    variation: value<JsonValue>('json', 'variation'),
    variationDetail: withDetail<JsonValue>('json', 'variationDetail'),
    boolVariation: value<boolean>('boolean', 'boolVariation'),
    numberVariation: value<number>('number', 'numberVariation'),
    stringVariation: value<string>('string', 'stringVariation'),
    jsonVariation: value<JsonValue>('json', 'jsonVariation'),
    boolVariationDetail: withDetail<boolean>('boolean', 'boolVariationDetail'),
    numberVariationDetail: withDetail<number>('number', 'numberVariationDetail'),
    stringVariationDetail: withDetail<string>('string', 'stringVariationDetail'),
    jsonVariationDetail: withDetail<JsonValue>('json', 'jsonVariationDetail'),
    allFlagsState(input, options, callback) {
      // LaunchDarkly also accepts the callback in the options' place.
      const cb = typeof options === 'function' ? options : callback;
      const opts = typeof options === 'object' && options !== null ? options : {};
      const compiled = core.store.current();
      let state: LDFlagsState;
      if (!compiled) {
        core.limited.log('warn', 'ld-not-ready', 'allFlagsState called before the client is ready: returning an invalid, empty state');
        state = buildFlagsState(undefined, null, opts);
      } else {
        const context = contextOf(input, 'allFlagsState');
        // LaunchDarkly's allFlagsState sends no evaluation events and runs no hooks: decided through the core
        // without either, for `decision` listeners. With none there is nothing to run per flag: the results come as a
        // list in datafile order (no record of every key is built), read by the state when it is first read.
        // A datafile with prerequisites: each flag's metadata lists the prerequisites evaluated for it, as
        // LaunchDarkly's does, told by the evaluator (`onPrerequisite`, the flag that requires each one).
        const evaluated = context !== null && core.hasPrerequisites(compiled) ? new Map<string, string[]>() : null;
        const withPrerequisites: EvaluateOptions | undefined =
          evaluated === null
            ? undefined
            : {
                onPrerequisite: ({ flagKey, prereqOf }) => {
                  let keys = evaluated.get(prereqOf);
                  if (keys === undefined) evaluated.set(prereqOf, (keys = []));
                  if (!keys.includes(flagKey)) keys.push(flagKey);
                },
              };
        const results =
          context === null
            ? null
            : !emitter.has('decision')
              ? withPrerequisites === undefined
                ? evaluateAllFlagsInOrder(compiled, context)
                : evaluateFlags(compiled, context, EVERY_FLAG, withPrerequisites)
              : core.decideAll('launchdarkly', 'allFlagsState', compiled, context, EVERY_FLAG, withPrerequisites, DECIDE_NO_RECORD | DECIDE_NO_HOOKS);
        // Built on first read unless a `decision` listener was handed the results (it could change one meanwhile).
        state = buildFlagsState(compiled, results, opts, !emitter.has('decision'), evaluated);
      }
      callBack(cb, state, callbackFailed);
      return state;
    },
    track(key, input, data, metricValue) {
      if (typeof key !== 'string' || key === '') {
        core.limited.log('warn', 'ld-track-bad-key', 'track: the event key must be a non-empty string; the event was not sent');
        return;
      }
      const context = contextOf(input, 'track');
      if (context === null) return;
      if (metricValue !== undefined && (typeof metricValue !== 'number' || !Number.isFinite(metricValue))) {
        core.limited.log('warn', 'ld-track-bad-metric', 'track: metricValue must be a finite number; it was left out');
        metricValue = undefined;
      }
      core.events()?.conversion(context, {
        eventKey: key,
        revision: core.store.current()?.revision ?? null,
        ...(data === undefined ? {} : { data }),
        metricValue: metricValue ?? null,
      });
    },
    identify(input) {
      const context = contextOf(input, 'identify');
      if (context !== null) core.events()?.identify(context);
    },
  };
}
