// The mutable state of one evaluation call (one `evaluateFlag`, or one `evaluateFlags` over many keys): the inputs,
// the memo of nested results, cycle detection, the error raised deep inside, reason messages, the trace, and
// scratch fields the bucketing writes (so that it returns a plain number and allocates nothing).
import type { Context } from '@ensign/context';
import type { JsonValue } from '@ensign/datafile-schema';
import type { CompiledState } from '../compile/compiled-types.js';
import type { BigSegmentsStatus, ErrorKind, EvaluateOptions, EvaluationResult, PrerequisiteEvaluation, TraceCondition, TraceStep, UserProfile } from '../types.js';

/** Frozen empty options, used when the caller passes none. */
export const NO_OPTIONS: EvaluateOptions = Object.freeze({});

/** Nesting bound for prerequisites, flag dependencies, segments and audiences. */
export const MAX_DEPTH = 32;

/**
 * Evaluates another flag inside an evaluation (a prerequisite, a flag-result condition, a GrowthBook parent
 * condition): the evaluator passes its own to each state, so conditions reach it without a module-level hook.
 */
export type DependencyEvaluator = (state: EvalState, flagKey: string) => EvaluationResult | null;

export class EvalState {
  /** Results of flags evaluated as prerequisites or dependencies (default value null), by key. */
  memo: Map<string, EvaluationResult> | null = null;
  /**
   * `evaluateFlags` over distinct keys: the top-level results a later flag may reuse, kept in a list until a nested
   * evaluation first needs the memo (which then takes them in), so a call where no flag reads another builds no map.
   */
  done: EvaluationResult[] | null = null;
  /**
   * With `options.onPrerequisite`: the prerequisite evaluations told so far, and, by flag key, the ones a memoised
   * nested evaluation told (told again when the memo answers, as LaunchDarkly evaluates the flag again).
   */
  prereqLog: PrerequisiteEvaluation[] | null = null;
  prereqsInside: Map<string, readonly PrerequisiteEvaluation[]> | null = null;
  /** Keys being evaluated on the current chain, for cycle detection (created on first nested evaluation). */
  visiting: Set<string> | null = null;
  /** The key of the top-level flag being evaluated. */
  rootKey = '';
  depth = 0;
  segmentDepth = 0;
  /** Set deep inside (a malformed piece, a cycle); the flag being evaluated then returns this error. */
  error: ErrorKind | null = null;
  errorMessage = '';
  /** Reason messages of the top-level flag, when asked. */
  reasons: string[] | null = null;
  /** Trace steps of the top-level flag, when asked. */
  trace: TraceStep[] | null = null;
  /** Conditions of the trace step being built. */
  conditions: TraceCondition[] | null = null;
  /** Written by the bucketing: the bucket value and whether the slice counts as an experiment. */
  bucketValue = 0;
  inExperiment = false;
  /** Big segments: the store's worst status seen, and memberships by context key (created on first use). */
  bigSegmentsStatus: BigSegmentsStatus | null = null;
  bigMemberships: Map<string, Readonly<Record<string, boolean>> | null> | null = null;
  /** The user profile: undefined until looked up. */
  profile: UserProfile | null | undefined = undefined;
  profileChanged = false;
  defaultValue: JsonValue = null;
  wantsReasons = false;
  wantsTrace = false;

  constructor(
    public compiled: CompiledState,
    public context: Context,
    public options: EvaluateOptions,
    /** Evaluates a flag this one depends on (see {@link DependencyEvaluator}). */
    public nested: DependencyEvaluator,
  ) {
    this.setOptions(options);
  }

  private setOptions(options: EvaluateOptions): void {
    const d = options.defaultValue;
    this.defaultValue = d === undefined ? null : d;
    this.wantsReasons = options.includeReasons === true;
    this.wantsTrace = options.trace === true;
  }

  /** Starts a top-level flag: clears per-flag fields. */
  begin(flagKey: string): void {
    this.rootKey = flagKey;
    this.visiting = null;
    this.depth = 0;
    this.segmentDepth = 0;
    this.error = null;
    this.errorMessage = '';
    this.reasons = this.wantsReasons ? [] : null;
    this.trace = this.wantsTrace ? [] : null;
    this.conditions = null;
    this.profileChanged = false;
    this.bigSegmentsStatus = null;
  }

  /** Records an error found deep inside; the first one wins. */
  fail(kind: ErrorKind, message: string): void {
    if (this.error === null) {
      this.error = kind;
      this.errorMessage = message;
    }
  }
}

// One spare state for the common, non-reentrant case: an evaluation takes it and gives it back, so the hot path
// allocates no state object. A nested call (a port calling the evaluator) finds none and allocates its own.
let spare: EvalState | null = null;
const EMPTY_CONTEXT = Object.freeze({ kind: 'user', key: '-' }) as Context;

/**
 * A state for one call: the spare one when free, else a new one. Give it back with {@link releaseState}. The spare
 * state was cleared when it was given back, so only the inputs are set here (`begin` clears the per-flag fields).
 */
export function takeState(compiled: CompiledState, context: Context, options: EvaluateOptions, nested: DependencyEvaluator): EvalState {
  const state = spare;
  if (state === null) return new EvalState(compiled, context, options, nested);
  spare = null;
  state.nested = nested;
  state.compiled = compiled;
  state.context = context;
  state.options = options;
  const d = options.defaultValue;
  state.defaultValue = d === undefined ? null : d;
  state.wantsReasons = options.includeReasons === true;
  state.wantsTrace = options.trace === true;
  return state;
}

/** Gives a state back, dropping its references to the caller's objects. */
export function releaseState(state: EvalState): void {
  // The spare state must not keep the caller's datafile, context, options or results alive.
  state.compiled = null as unknown as CompiledState;
  state.context = EMPTY_CONTEXT;
  state.options = NO_OPTIONS;
  state.defaultValue = null;
  state.memo = null;
  state.prereqLog = null;
  state.prereqsInside = null;
  state.done = null;
  state.visiting = null;
  state.bigMemberships = null;
  state.profile = undefined;
  state.reasons = null;
  state.trace = null;
  state.conditions = null;
  state.bucketValue = 0;
  state.inExperiment = false;
  spare = state;
}
