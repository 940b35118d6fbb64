// Evaluation of a flag's lean form (../compile/compile-lean.ts): no state, no allocation, results built at compile
// time. Returns null whenever the general evaluator must answer instead (then nothing here had any effect).
import { ensignBucketOf, ensignInAllocation, ensignTrafficBucketOf, scale } from '../bucketing/ensign.js';
import type { KeyMix } from '../bucketing/hash/murmur3-key-mix.js';
import { murmur3x86AsciiFrom } from '../bucketing/hash/murmur3-x86.js';
import { bucketText, findRange } from '../bucketing/rollout-strategy.js';
import type { LeanFlag, LeanLeaf, LeanRollout, LeanRule } from '../compile/compile-lean.js';
import type { EvaluateOptions, EvaluationResult } from '../types.js';
import { readAt, takeUnsure } from './lean-read.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether options leave a decision to the lean form: nothing forced, no reasons or trace, variables included. (The
 * other options only matter to shapes the lean form does not cover, and `defaultValue` only to holes, which it
 * leaves to the general evaluator.)
 */
export function leanOptions(options: EvaluateOptions): boolean {
  return options.forcedDecisions === undefined && options.includeReasons !== true && options.trace !== true && options.excludeVariables !== true;
}

function bucket(lean: LeanRollout, context: Record<string, unknown>, mix: KeyMix | null): EvaluationResult | null {
  const r = lean.rollout;
  const path = r.bucketBy;
  let raw: unknown;
  if (path === null) raw = context['key'];
  else {
    const name = path.components[0] as string;
    raw = hasOwn.call(context, name) ? context[name] : undefined;
  }
  const value = bucketText(raw);
  if (value === undefined) return null;
  if (r.allocation !== null && !ensignInAllocation(ensignTrafficBucketOf(r.seed, value), r.allocation)) return null;
  const state = lean.hash;
  const h = mix === null ? murmur3x86AsciiFrom(state[0] as number, state[1] as number, state[2] as number, state[3] as number, value) : mix.hash(state, value);
  const b = h >= 0 ? scale(h) : ensignBucketOf(r.seed, value);
  const ends = lean.ends;
  if (ends === null) {
    const slice = findRange(r.slices, b);
    return slice < 0 ? null : (lean.results[slice] ?? null);
  }
  for (let i = 0; i < ends.length; i++) if (b < (ends[i] as number)) return lean.results[i] ?? null;
  return null;
}

/**
 * A leaf's answer for the context's own attribute `leaf.name` (a missing attribute answers `leaf.absent`).
 *
 * The attribute is read at its own site (lean-read.ts), which for a plain object over an unpolluted
 * `Object.prototype` also tells that the value is the context's own. Otherwise own-ness is checked only when it could
 * change the answer: an undefined value (own or not) and a value that answers as a missing attribute would answer
 * `absent` either way, and skip `hasOwnProperty` (a builtin call). So an inherited value (a polluted
 * `Object.prototype`, a class instance's prototype) never decides: it answers as a missing attribute would, or is
 * found not own and answers `absent`. An inherited getter that throws is a missing attribute; an own one that throws
 * still throws (the evaluator answers EXCEPTION). Names `Object.prototype` had when the leaf was compiled
 * (`constructor`, `__proto__`...) are checked first, so its accessors are never called. An inherited getter of
 * another name may be called (its value then answers as a missing attribute). A Proxy whose traps disagree (a `get`
 * answering for a name its `getOwnPropertyDescriptor` denies, under a prototype it reports as `Object.prototype`) is
 * not supported: its `get` answer may be taken as the context's own.
 */
function leafMatches(leaf: LeanLeaf, context: Record<string, unknown>): boolean {
  const name = leaf.name;
  let value: unknown;
  let own = false;
  if (leaf.inherited) {
    if (!hasOwn.call(context, name)) return leaf.absent;
    value = context[name];
    own = true;
  } else {
    try {
      value = readAt(leaf.site, context, name);
    } catch (error) {
      if (hasOwn.call(context, name)) throw error;
      return leaf.absent;
    }
    own = !takeUnsure();
  }
  if (value === undefined) return leaf.absent;
  const strings = leaf.strings;
  let answer: boolean;
  if (strings !== null && typeof value === 'string') {
    // The first two values compared outright (most lists are short): no loop to enter.
    const n = strings.length;
    const found = (n > 0 && strings[0] === value) || (n > 1 && strings[1] === value) || (n > 2 && inRest(strings, value));
    answer = found !== leaf.invert;
  } else answer = leaf.match(value) === true;
  return own || answer === leaf.absent || hasOwn.call(context, name) ? answer : leaf.absent;
}

/** Whether `value` is one of `strings` from the third on. */
function inRest(strings: readonly string[], value: string): boolean {
  for (let j = 2; j < strings.length; j++) if (strings[j] === value) return true;
  return false;
}

/** Whether every leaf matches; `seen` (by slot: 0 not yet, 1 true, 2 false) keeps answers within one call. */
function matches(leaves: readonly LeanLeaf[], context: Record<string, unknown>, seen: Uint8Array | null): boolean {
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as LeanLeaf;
    if (seen === null) {
      // Compared with `true`: a test of the boolean, where `!` tests every falsy value.
      if (leafMatches(leaf, context) !== true) return false;
      continue;
    }
    let known = seen[leaf.slot] as number;
    if (known === 0) known = seen[leaf.slot] = leafMatches(leaf, context) === true ? 1 : 2;
    if (known === 2) return false;
  }
  return true;
}

/**
 * The decision of a lean flag for a usable context, or null when the general evaluator must answer (a context of
 * another kind, a hole in a rollout, a value that cannot be bucketed).
 *
 * @param seen for several flags of one datafile and one context (`evaluateFlags`): leaf answers by slot, all 0 at
 * first and large enough for every slot; each leaf then reads the context once per call.
 * @param mix for several flags and one context: the bucketing text's murmur blocks mixed once (murmur3-key-mix.ts).
 */
export function evaluateLean(lean: LeanFlag, context: Record<string, unknown>, seen: Uint8Array | null = null, mix: KeyMix | null = null): EvaluationResult | null {
  if (lean.kind !== null && context['kind'] !== lean.kind) return null;
  const rules = lean.rules;
  // The serve is chosen first and served at one place, so that the bucketing is compiled once.
  let serve = lean.fallthrough;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as LeanRule;
    if (matches(rule.leaves, context, seen)) {
      serve = rule.serve;
      break;
    }
  }
  const rollout = serve.rollout;
  return rollout === null ? serve.result : bucket(rollout, context, mix);
}

/**
 * {@link evaluateLean} for one flag, without `seen` and `mix`: the entry of `evaluateFlag`, whose compiled code then
 * carries neither.
 */
export function evaluateLeanFlag(lean: LeanFlag, context: Record<string, unknown>): EvaluationResult | null {
  if (lean.kind !== null && context['kind'] !== lean.kind) return null;
  const rules = lean.rules;
  let serve = lean.fallthrough;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as LeanRule;
    if (matches(rule.leaves, context, null)) {
      serve = rule.serve;
      break;
    }
  }
  const rollout = serve.rollout;
  return rollout === null ? serve.result : bucket(rollout, context, null);
}
