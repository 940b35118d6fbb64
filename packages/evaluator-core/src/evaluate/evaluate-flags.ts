// evaluateFlags: many flags for one context in one call. Each flag is evaluated once: prerequisites and
// dependencies evaluated along the way are memoised and reused, and only the requested keys (with what they depend
// on) are evaluated.
import type { Context } from '@ensign/context';
import { stateOf, type CompiledDatafile } from '../compile/compile-datafile.js';
import { isUsableContext } from '../context/context-access.js';
import type { EvaluateOptions, EvaluationResult } from '../types.js';
import { NO_OPTIONS, releaseState, takeState, type EvalState } from './eval-state.js';
import { KeyMix } from '../bucketing/hash/murmur3-key-mix.js';
import { allFlags, recordOf } from './all-flags.js';
import { evaluateLean, leanOptions } from './evaluate-lean.js';
import { evaluateCompiled, evaluateNested } from './evaluate-flag.js';
import { errorResult } from './result.js';
import type { CompiledFlag } from '../compile/compiled-types.js';
import type { LeanFlag } from '../compile/compile-lean.js';

/**
 * The bucketing text's murmur blocks, mixed once per call for every flag (murmur3-key-mix.ts). One for the module:
 * each `hash` call runs no caller code, so a nested call (a context getter evaluating flags) cannot disturb it.
 */
const keyMix = new KeyMix();

/** Which flags {@link evaluateFlags} evaluates. */
export interface EvaluateFlagsSelection {
  /** The keys to evaluate; unknown ones come back as FLAG_NOT_FOUND. Default: every flag, in datafile order. */
  flagKeys?: readonly string[];
  /** Keep only results with `enabled: true`. Default false. */
  enabledOnly?: boolean;
}

function put(out: Record<string, EvaluationResult>, key: string, result: EvaluationResult): void {
  // A flag key `__proto__` stays plain data instead of replacing the prototype.
  if (key === '__proto__') Object.defineProperty(out, key, { value: result, enumerable: true, writable: true, configurable: true });
  else out[key] = result;
}

/**
 * Evaluates several flags for one context: a record of results by flag key. Never throws (see `evaluateFlag` for
 * the error results; with a context that cannot be used every entry is USER_NOT_SPECIFIED).
 *
 * @param selection the keys to evaluate (default all) and whether to keep only enabled results.
 * @param options as for `evaluateFlag`, applied to every flag.
 * @example
 * const all = evaluateFlags(compiled, { kind: 'user', key: 'user-42' }, { enabledOnly: true });
 * Object.keys(all); // the enabled flags
 */
export function evaluateFlags(
  compiled: CompiledDatafile,
  context: Context,
  selection?: EvaluateFlagsSelection,
  options?: EvaluateOptions,
): Record<string, EvaluationResult> {
  return evaluateInto(compiled, context, selection, options, false) as Record<string, EvaluationResult>;
}

/** Every flag's result, in datafile order: what {@link evaluateAllFlagsInOrder} returns. */
export interface FlagResultsInOrder {
  /** The flag keys, in datafile order (the compiled datafile's own list: do not change it). */
  readonly keys: readonly string[];
  /** `results[i]` is the result of `keys[i]`, as `evaluateFlags(compiled, context)[keys[i]]` would give it. */
  readonly results: readonly EvaluationResult[];
}

const NO_FLAGS: FlagResultsInOrder = Object.freeze({ keys: Object.freeze([]) as readonly string[], results: Object.freeze([]) as readonly EvaluationResult[] });

/**
 * Every flag for one context, as a list in datafile order instead of a record by key: the same results as
 * `evaluateFlags(compiled, context, undefined, options)`, without building a record of every key (a keyed store per
 * flag, about a third of that call's cost over 100 flags). For callers that walk all flags anyway, or build their
 * own shape later (the LaunchDarkly face's `allFlagsState`). Never throws.
 *
 * @example
 * const { keys, results } = evaluateAllFlagsInOrder(compiled, { kind: 'user', key: 'user-42' });
 * keys.forEach((key, i) => console.log(key, results[i]?.value));
 */
export function evaluateAllFlagsInOrder(compiled: CompiledDatafile, context: Context, options?: EvaluateOptions): FlagResultsInOrder {
  const data = stateOf(compiled);
  if (data === null) return NO_FLAGS;
  const results = evaluateInto(compiled, context, undefined, options, true) as EvaluationResult[];
  return { keys: data.flagKeys, results };
}

/**
 * The body of `evaluateFlags` (a record by key) and of `evaluateAllFlagsInOrder` (`inOrder`: a list of every flag's
 * result in datafile order, no record built).
 */
function evaluateInto(
  compiled: CompiledDatafile,
  context: Context,
  selection: EvaluateFlagsSelection | undefined,
  options: EvaluateOptions | undefined,
  inOrder: boolean,
): Record<string, EvaluationResult> | EvaluationResult[] {
  let out: Record<string, EvaluationResult> = {};
  let list: EvaluationResult[] | null = inOrder ? [] : null;
  const opts = options !== null && typeof options === 'object' ? options : NO_OPTIONS;
  let state: EvalState | null = null;
  // With every flag asked for: the compiled flags in order and a record that already holds every key (all-flags.ts).
  let all: ReturnType<typeof allFlags> | null = null;
  let filled = 0;
  // Lean leaf answers of this call, by slot (evaluate-lean.ts): flags sharing a condition read the context once.
  let seen: Uint8Array | null = null;
  try {
    const data = stateOf(compiled);
    const sel = selection !== null && typeof selection === 'object' ? selection : {};
    const selected = Array.isArray(sel.flagKeys);
    let keys: readonly unknown[] = selected ? (sel.flagKeys as readonly unknown[]) : (data?.flagKeys ?? []);
    const enabledOnly = sel.enabledOnly === true;
    const revision = data?.revision ?? '';
    const usable = data !== null && isUsableContext(context);
    state = usable ? takeState(data, context, opts, evaluateNested) : null;
    // Results of flags evaluated as dependencies can be reused as they are when they carry nothing per-call.
    const reusable = opts.includeReasons !== true && opts.trace !== true && (opts.defaultValue === undefined || opts.defaultValue === null);
    // Top-level results are kept for the flags after them (as prerequisites or dependencies): none after a single key.
    let keep = reusable && keys.length > 1;
    // Without per-call options, flags of the common shape answer from their lean form (see compile-lean.ts).
    const plain = leanOptions(opts);
    if (state !== null && !selected && !enabledOnly) {
      all = allFlags(state.compiled);
      if (list === null) out = recordOf(all);
      // A list of every key's length, packed (see all-flags.ts): each result is stored in place, none pushed.
      else list = all.nulls.slice() as unknown as EvaluationResult[];
      if (plain && all.slots > 0) seen = new Uint8Array(all.slots);
      // The common case (every flag lean, in order, without per-call options): each flag's lean answer, or its own
      // general path where the lean form leaves it (which reads no other flag): nothing to keep, select or filter.
      if (list !== null && plain && all.independent) {
        // Written here, not in a function of its own: this loop is what makes this function hot enough to be
        // optimized early (one call per `allFlagsState`); a throwing context read ends the list at `filled` below.
        const flags = all.flags;
        for (let i = 0; i < flags.length; i++) {
          filled = i;
          const flag = flags[i] as CompiledFlag;
          list[i] = evaluateLean(flag.lean as LeanFlag, context as Record<string, unknown>, seen, keyMix) ?? generalResult(state, flag, all.keys[i] as string, opts, revision);
        }
        releaseState(state);
        return list;
      }
      // Lean flags read no other flag (and fall back only to a general path that reads none): nothing to keep.
      if (all.independent) keep = false;
      // The same keys, from an array that is not frozen (read inline; see all-flags.ts).
      keys = all.keys;
    }
    // The datafile's own keys are distinct, so until a flag reads another, its results only need a list (see EvalState).
    if (state !== null && keep && !selected) state.done = [];
    for (let i = 0; i < keys.length; i++) {
      filled = i;
      const k = keys[i];
      if (typeof k !== 'string') continue;
      let result: EvaluationResult;
      if (data === null) result = errorResult(k, 'EXCEPTION', opts, revision);
      else if (state === null) result = errorResult(k, 'USER_NOT_SPECIFIED', opts, revision);
      else {
        const flag = all !== null ? all.flags[i] : data.flags.get(k);
        if (flag === undefined) result = errorResult(k, 'FLAG_NOT_FOUND', opts, revision);
        else {
          const known = reusable && state.memo !== null ? state.memo.get(k) : undefined;
          const lean = known === undefined && plain && flag.lean !== null ? evaluateLean(flag.lean, context as Record<string, unknown>, seen, all !== null ? keyMix : null) : null;
          if (known !== undefined && !(opts.excludeVariables === true)) result = known;
          else {
            result = lean ?? generalResult(state, flag, k, opts, revision);
            if (keep && (lean !== null || !state.profileChanged)) {
              if (state.memo === null && state.done !== null) state.done.push(result);
              else (state.memo ?? (state.memo = new Map())).set(k, result);
            }
          }
        }
      }
      if (list !== null) list[i] = result;
      else if (!enabledOnly || result.enabled) put(out, k, result);
    }
    filled = keys.length;
  } catch {
    // Only a hostile selection could get here; what was evaluated so far is returned.
    if (all !== null && list === null) {
      const keys = state?.compiled.flagKeys ?? [];
      for (let i = filled; i < keys.length; i++) delete out[keys[i] as string];
    }
    if (list !== null) list.length = filled;
  }
  if (state !== null) releaseState(state);
  return list ?? out;
}

/** A flag's result from the general evaluator (EXCEPTION if it throws). */
function generalResult(state: EvalState, flag: CompiledFlag, key: string, opts: EvaluateOptions, revision: string): EvaluationResult {
  state.begin(key);
  try {
    return evaluateCompiled(state, flag, state.defaultValue);
  } catch {
    return errorResult(key, 'EXCEPTION', opts, revision);
  }
}
