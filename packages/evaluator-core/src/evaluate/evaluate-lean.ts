// Evaluation of a flag's lean form (../compile/compile-lean.ts): no state, no allocation, results built at compile
// time. Returns null whenever the general evaluator must answer instead (then nothing here had any effect).
import { ensignBucketOf, ensignChooseWeighted, ensignInAllocation, ensignTrafficBucketOf, scale } from '../bucketing/ensign.js';
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

function bucket(lean: LeanRollout, context: Record<string, unknown>): EvaluationResult | null {
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
  const h = murmur3x86AsciiPacked(lean.hash, value);
  const b = h >= 0 ? scale(h) : ensignBucketOf(r.seed, value);
  const slice = r.contiguous ? ensignChooseWeighted(b, r.weights) : findRange(r.slices, b);
  return slice < 0 ? null : (lean.results[slice] ?? null);
}

function served(serve: LeanServe, context: Record<string, unknown>): EvaluationResult | null {
  return serve.rollout === null ? serve.result : bucket(serve.rollout, context);
}

function matches(leaves: readonly LeanLeaf[], context: Record<string, unknown>): boolean {
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as LeanLeaf;
    const name = leaf.name;
    const value = hasOwn.call(context, name) ? context[name] : undefined;
    const strings = leaf.strings;
    if (strings !== null && typeof value === 'string') {
      let hit = false;
      for (let j = 0; j < strings.length; j++) {
        if (strings[j] === value) {
          hit = true;
          break;
        }
      }
      if (hit === leaf.invert) return false;
    } else if (leaf.match(value) !== true) return false;
  }
  return true;
}

/**
 * The decision of a lean flag for a usable context, or null when the general evaluator must answer (a context of
 * another kind, a hole in a rollout, a value that cannot be bucketed).
 */
export function evaluateLean(lean: LeanFlag, context: Record<string, unknown>): EvaluationResult | null {
  if (lean.kind !== null && context['kind'] !== lean.kind) return null;
  const rules = lean.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as LeanRule;
    if (matches(rule.leaves, context)) return served(rule.serve, context);
  }
  return served(lean.fallthrough, context);
}
