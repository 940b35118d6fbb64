// evaluateFlag: one decision, in this order — the caller's flag-level forced decision, flag off, prerequisites,
// individual targets, holdouts (global and flag-scoped), rules, fallthrough. Never throws: bad input gives the
// default value with an ERROR reason.
import type { Context } from '@ensign/context';
import type { CompiledFlag, CompiledState } from '../compile/compiled-types.js';
import { variationIndex } from '../compile/compile-flag.js';
import { stateOf, type CompiledDatafile } from '../compile/compile-datafile.js';
import { displayKey, isUsableContext } from '../context/context-access.js';
import type { EvaluateOptions, EvaluationReason, EvaluationResult, PrerequisiteEvaluation } from '../types.js';
import { MAX_DEPTH, NO_OPTIONS, releaseState, takeState, type EvalState } from './eval-state.js';
import { evaluateLeanFlag, leanOptions } from './evaluate-lean.js';
import { forcedVariation } from './forced-decisions.js';
import { applyHoldouts } from './holdouts.js';
import { format, MESSAGES, say } from './reason-messages.js';
import { errorResult, FORCED_REASON, OFF_REASON, serve, stateError, TARGET_REASON } from './result.js';
import { bucketRollout } from './rollouts.js';
import { evaluateRules } from './rules.js';
import { matchTargets } from './targets.js';
import { bucketOf, pushStep } from './trace.js';

const prerequisiteReasons = new Map<string, EvaluationReason>();

function prerequisiteFailed(key: string): EvaluationReason {
  let r = prerequisiteReasons.get(key);
  if (r === undefined) {
    r = Object.freeze({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: key });
    if (prerequisiteReasons.size < 10_000) prerequisiteReasons.set(key, r);
  }
  return r;
}

/**
 * Evaluates a flag nested in another evaluation (prerequisite or flag-result dependency), once per call (memoised),
 * cycle-safe and depth-bounded. Null when the flag does not exist; a cycle or too deep a chain fails the state.
 */
export function evaluateNested(state: EvalState, flagKey: string): EvaluationResult | null {
  let memo = state.memo;
  if (memo === null) {
    memo = state.memo = new Map();
    const done = state.done;
    if (done !== null) for (let i = 0; i < done.length; i++) memo.set((done[i] as EvaluationResult).flagKey, done[i] as EvaluationResult);
  }
  const known = memo.get(flagKey);
  if (known !== undefined) {
    // LaunchDarkly evaluates the flag again, telling its prerequisites again: tell them as they were told.
    const inside = state.prereqsInside?.get(flagKey);
    if (inside !== undefined) for (const e of inside) tellPrerequisite(state, e);
    if (known.reason.kind === 'ERROR') {
      if (state.compiled.flags.get(flagKey)?.quarantined === true) return null;
      state.fail(known.reason.errorKind ?? 'EXCEPTION', `flag ${flagKey} failed`);
    }
    return known;
  }
  const flag = state.compiled.flags.get(flagKey);
  // A quarantined flag is a missing dependency: a prerequisite on it fails, a condition on it reads nothing.
  if (flag === undefined || flag.quarantined) return null;
  const visiting = state.visiting ?? (state.visiting = new Set([state.rootKey]));
  if (visiting.has(flagKey) || state.depth >= MAX_DEPTH) {
    state.fail('MALFORMED_FLAG', visiting.has(flagKey) ? `flags ${[...visiting].join(' → ')} → ${flagKey} form a cycle` : 'prerequisites nest too deeply');
    return null;
  }
  visiting.add(flagKey);
  const reasons = state.reasons;
  const trace = state.trace;
  const conditions = state.conditions;
  state.reasons = null;
  state.trace = null;
  state.conditions = null;
  state.depth++;
  const told = state.options.onPrerequisite === undefined ? -1 : (state.prereqLog ??= []).length;
  const result = evaluateCompiled(state, flag, null);
  state.depth--;
  if (told >= 0 && state.prereqLog !== null && state.prereqLog.length > told) (state.prereqsInside ??= new Map()).set(flagKey, state.prereqLog.slice(told));
  state.reasons = reasons;
  state.trace = trace;
  state.conditions = conditions;
  visiting.delete(flagKey);
  memo.set(flagKey, result);
  if (result.reason.kind === 'ERROR') state.fail(result.reason.errorKind ?? 'EXCEPTION', `flag ${flagKey} failed`);
  return result;
}

/** Tells `options.onPrerequisite` of one prerequisite evaluation and logs it (see `EvalState.prereqLog`). */
function tellPrerequisite(state: EvalState, e: PrerequisiteEvaluation): void {
  const tell = state.options.onPrerequisite;
  if (tell === undefined) return;
  (state.prereqLog ??= []).push(e);
  try {
    tell(e);
  } catch {
    // Must not throw; an evaluation never does.
  }
}

function checkPrerequisites(state: EvalState, flag: CompiledFlag, defaultValue: unknown): EvaluationResult | null {
  for (const p of flag.prerequisites) {
    // LaunchDarkly passes a malformed prerequisite's error on to the flags that require it (its SDK answers them
    // MALFORMED_FLAG); other vendors see a quarantined prerequisite as missing (PREREQUISITE_FAILED below).
    if (state.compiled.datafile.semantics === 'launchdarkly' && state.compiled.flags.get(p.flagKey)?.quarantined === true) {
      state.fail('MALFORMED_FLAG', `prerequisite ${p.flagKey} is malformed`);
      return stateError(state, flag.key, state.error as NonNullable<typeof state.error>);
    }
    const result = evaluateNested(state, p.flagKey);
    // Told before the error is looked at: LaunchDarkly records a prerequisite that failed with an error too.
    if (result !== null && state.options.onPrerequisite !== undefined) tellPrerequisite(state, { flagKey: p.flagKey, result, prereqOf: flag.key });
    if (state.error !== null) return stateError(state, flag.key, state.error);
    const prerequisite = state.compiled.flags.get(p.flagKey);
    const required = prerequisite === undefined ? -1 : variationIndex(prerequisite, p.variation);
    // LaunchDarkly: a missing or off prerequisite fails, even if its off variation is the required one.
    const ok = result !== null && prerequisite !== undefined && prerequisite.on && required >= 0 && result.variationIndex === required;
    if (state.trace !== null) pushStep(state, { step: 'prerequisite', id: p.flagKey, matched: ok });
    if (!ok) {
      if (state.reasons !== null) say(state, MESSAGES.PREREQUISITE_FAILED, p.flagKey, flag.key);
      return serve(state, flag, flag.offVariation, prerequisiteFailed(p.flagKey), null, defaultValue);
    }
  }
  return null;
}

function fallthrough(state: EvalState, flag: CompiledFlag, defaultValue: unknown): EvaluationResult {
  const ft = flag.fallthrough;
  let index = -1;
  let inExperiment = false;
  if (ft !== null) {
    if (ft.rollout === null) {
      index = ft.variationIndex;
      if (state.trace !== null) pushStep(state, { step: 'fallthrough', matched: true });
    } else {
      const slice = bucketRollout(state, ft.rollout);
      index = slice >= 0 ? (ft.rollout.slices[slice]?.index ?? -1) : -1;
      inExperiment = state.inExperiment;
      if (state.trace !== null) pushStep(state, { step: 'fallthrough', matched: index !== -1, bucket: bucketOf(state, ft.rollout, slice) });
    }
  } else if (state.trace !== null) pushStep(state, { step: 'fallthrough', matched: false, note: 'no fallthrough' });
  if (state.reasons !== null) say(state, index !== -1 ? MESSAGES.FALLTHROUGH_IN : MESSAGES.FALLTHROUGH_NONE, displayKey(state.context), flag.key);
  return serve(state, flag, index, inExperiment ? flag.fallthroughExperimentReason : flag.fallthroughReason, null, defaultValue);
}

/** Evaluates a compiled flag for the state's context (the context is already checked). */
export function evaluateCompiled(state: EvalState, flag: CompiledFlag, defaultValue: unknown): EvaluationResult {
  if (flag.malformed !== null) {
    if (state.reasons !== null) say(state, MESSAGES.MALFORMED, flag.key, flag.malformed);
    state.fail('MALFORMED_FLAG', flag.malformed);
    return stateError(state, flag.key, 'MALFORMED_FLAG');
  }
  const forced = state.options.forcedDecisions === undefined ? -1 : forcedVariation(state, flag, undefined);
  if (forced >= 0) {
    if (state.trace !== null) pushStep(state, { step: 'forced', matched: true });
    return serve(state, flag, forced, FORCED_REASON, null, defaultValue);
  }
  if (!flag.on) {
    if (state.reasons !== null) say(state, MESSAGES.OFF, flag.key);
    if (state.trace !== null) pushStep(state, { step: 'off', matched: true });
    return serve(state, flag, flag.offVariation, OFF_REASON, null, defaultValue);
  }
  if (flag.prerequisites.length > 0) {
    const failed = checkPrerequisites(state, flag, defaultValue);
    if (failed !== null) return failed;
  }
  if (flag.targets.length > 0) {
    const hit = matchTargets(state, flag.targets);
    if (hit !== null) {
      if (state.reasons !== null) say(state, MESSAGES.TARGETED, displayKey(state.context), hit.variationKey, flag.key);
      if (state.trace !== null) pushStep(state, { step: 'target', matched: true });
      return serve(state, flag, hit.variation, TARGET_REASON, null, defaultValue);
    }
  }
  if (flag.holdouts.length > 0) {
    const held = applyHoldouts(state, flag, flag.holdouts);
    if (held !== null) return held;
  }
  const decided = evaluateRules(state, flag, defaultValue);
  if (decided !== null) return decided;
  return fallthrough(state, flag, defaultValue);
}

function failed(flagKey: string, kind: 'USER_NOT_SPECIFIED' | 'FLAG_NOT_FOUND' | 'EXCEPTION', options: EvaluateOptions, revision: string): EvaluationResult {
  const result = errorResult(flagKey, kind, options, revision);
  if (options.includeReasons === true) {
    const template = kind === 'FLAG_NOT_FOUND' ? MESSAGES.FLAG_NOT_FOUND : kind === 'USER_NOT_SPECIFIED' ? MESSAGES.USER_NOT_SPECIFIED : MESSAGES.EXCEPTION;
    result.reasons = [format(template, flagKey)];
  }
  return result;
}

/**
 * Evaluates one flag for one context. Never throws: an invalid context gives USER_NOT_SPECIFIED, an unknown key
 * FLAG_NOT_FOUND, a flag that refers to something missing (a variation, a segment, a group) or a prerequisite
 * cycle MALFORMED_FLAG, and anything unexpected EXCEPTION — each with the caller's `defaultValue` (default null).
 *
 * @param compiled from `compileDatafile`.
 * @param context a context (`{ kind: 'user', key: 'user-42', ... }` or multi-kind); validate outside input first.
 * @param flagKey the flag to evaluate.
 * @param options default value, forced decisions, ODP segments, cohorts, user profile, reasons, trace... Default none.
 * @example
 * const result = evaluateFlag(compiled, { kind: 'user', key: 'user-42', country: 'US' }, 'checkout-redesign');
 * if (result.enabled) renderNewCheckout(result.variables);
 */
export function evaluateFlag(compiled: CompiledDatafile, context: Context, flagKey: string, options?: EvaluateOptions): EvaluationResult {
  const opts = options !== null && typeof options === 'object' ? options : NO_OPTIONS;
  let revision = '';
  try {
    const data = stateOf(compiled);
    if (data === null) return failed(flagKey, 'EXCEPTION', opts, revision);
    revision = data.revision;
    if (!isUsableContext(context)) return failed(flagKey, 'USER_NOT_SPECIFIED', opts, revision);
    const flag = data.flags.get(flagKey);
    if (flag === undefined) return failed(flagKey, 'FLAG_NOT_FOUND', opts, revision);
    // The common shape, without per-call options: a result built at compile time (see compile-lean.ts).
    if (flag.lean !== null && leanOptions(opts)) {
      const lean = evaluateLeanFlag(flag.lean, context as Record<string, unknown>);
      if (lean !== null) return lean;
    }
    return evaluateGeneral(data, context, flagKey, flag, opts);
  } catch {
    return failed(typeof flagKey === 'string' ? flagKey : '', 'EXCEPTION', opts, revision);
  }
}

function evaluateGeneral(data: CompiledState, context: Context, flagKey: string, flag: CompiledFlag, opts: EvaluateOptions): EvaluationResult {
  const state = takeState(data, context, opts, evaluateNested);
  state.begin(flagKey);
  const result = evaluateCompiled(state, flag, state.defaultValue);
  // Not in a `finally`: when evaluation throws (the caller's catch answers EXCEPTION), the state is simply dropped
  // and the next call allocates a fresh one.
  releaseState(state);
  return result;
}

/**
 * {@link evaluateFlag} for a context already checked by `@ensign/context` (`flatContext` answered it, or it is the
 * `context` of an accepted `validateContext`) and an options object: the same result, without checking the context
 * and the options again (a client's hot path, which has just checked them). Never throws.
 *
 * A context that `plainSingleContext` answered, or that `validateContext` accepted with `keepNonJsonValues`, may hold
 * values that are not JSON (a `Date`, `NaN`, a function): they are read where they are, as LaunchDarkly's and
 * Amplitude's SDKs read them, and an operator that wants a JSON type does not match them (`evaluateFlag` itself
 * rejects such a context).
 *
 * @param compiled from `compileDatafile`.
 * @param context a checked context; anything else is the caller's error (the result is then unspecified, though
 * never a throw).
 * @param flagKey the flag to evaluate.
 * @param options an options object (`{ defaultValue: false }`, a shared frozen one...), as for `evaluateFlag`.
 * @example
 * const context = flatContext(input) ?? validateContext(input).context;
 * evaluateCheckedFlag(compiled, context, 'checkout-redesign', { defaultValue: false });
 */
export function evaluateCheckedFlag(compiled: CompiledDatafile, context: Context, flagKey: string, options: EvaluateOptions): EvaluationResult {
  // The type asks for an options object; a JavaScript caller may pass none, and this must still not throw.
  if (options === null || typeof options !== 'object') options = NO_OPTIONS;
  let data: CompiledState | null = null;
  try {
    data = stateOf(compiled);
    const flag = data === null ? undefined : data.flags.get(flagKey);
    if (flag !== undefined && flag.lean !== null && leanOptions(options)) {
      const lean = evaluateLeanFlag(flag.lean, context as Record<string, unknown>);
      if (lean !== null) return lean;
    }
    return checkedGeneral(data, context, flagKey, flag, options);
  } catch {
    return failed(typeof flagKey === 'string' ? flagKey : '', 'EXCEPTION', options, data === null ? '' : data.revision);
  }
}

/**
 * The rest of {@link evaluateCheckedFlag}, apart so that its hot path stays small enough for V8 to inline into a
 * caller: no datafile, an unknown flag, or the general evaluator. Throws what the evaluator throws.
 */
function checkedGeneral(data: CompiledState | null, context: Context, flagKey: string, flag: CompiledFlag | undefined, options: EvaluateOptions): EvaluationResult {
  if (data === null) return failed(flagKey, 'EXCEPTION', options, '');
  if (flag === undefined) return failed(flagKey, 'FLAG_NOT_FOUND', options, data.revision);
  return evaluateGeneral(data, context, flagKey, flag, options);
}
