// Evaluation of a flag's lean form (../compile/compile-lean.ts): no state, no allocation, results built at compile
// time. Returns null whenever the general evaluator must answer instead (then nothing here had any effect).
import { ensignBucketOf, ensignInAllocation, ensignTrafficBucketOf, scale } from '../bucketing/ensign.js';
import type { KeyMix } from '../bucketing/hash/murmur3-key-mix.js';
import { murmur3x86AsciiPacked } from '../bucketing/hash/murmur3-x86.js';
import { bucketText, findRange } from '../bucketing/rollout-strategy.js';
import type { LeanFlag, LeanLeaf, LeanRollout, LeanRule, LeanServe } from '../compile/compile-lean.js';
import type { EvaluateOptions, EvaluationResult } from '../types.js';

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
  const h = mix === null ? murmur3x86AsciiPacked(lean.hash, value) : mix.hash(lean.hash, value);
  const b = h >= 0 ? scale(h) : ensignBucketOf(r.seed, value);
  const ends = lean.ends;
  if (ends === null) {
    const slice = findRange(r.slices, b);
    return slice < 0 ? null : (lean.results[slice] ?? null);
  }
  for (let i = 0; i < ends.length; i++) if (b < (ends[i] as number)) return lean.results[i] ?? null;
  return null;
}

function served(serve: LeanServe, context: Record<string, unknown>, mix: KeyMix | null): EvaluationResult | null {
  return serve.rollout === null ? serve.result : bucket(serve.rollout, context, mix);
}

function leafMatches(leaf: LeanLeaf, context: Record<string, unknown>): boolean {
  const name = leaf.name;
  const value = hasOwn.call(context, name) ? context[name] : undefined;
  const strings = leaf.strings;
  if (strings !== null && typeof value === 'string') {
    for (let j = 0; j < strings.length; j++) if (strings[j] === value) return !leaf.invert;
    return leaf.invert;
  }
  return leaf.match(value) === true;
}

/** Whether every leaf matches; `seen` (by slot: 0 not yet, 1 true, 2 false) keeps answers within one call. */
function matches(leaves: readonly LeanLeaf[], context: Record<string, unknown>, seen: Uint8Array | null): boolean {
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as LeanLeaf;
    if (seen === null) {
      if (!leafMatches(leaf, context)) return false;
      continue;
    }
    let known = seen[leaf.slot] as number;
    if (known === 0) known = seen[leaf.slot] = leafMatches(leaf, context) ? 1 : 2;
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
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as LeanRule;
    if (matches(rule.leaves, context, seen)) return served(rule.serve, context, mix);
  }
  return served(lean.fallthrough, context, mix);
}
