// The lean form of a flag: the common shape (on, no prerequisites, targets, holdouts, experiments or groups; rules
// of plain attribute leaves of one context kind; fixed variations or Ensign-mode rollouts) laid out so that an
// evaluation without per-call options reads a few fields and returns a result built once here. Anything the lean
// form does not cover (another shape, a hole in a rollout, a missing bucketing attribute, a context of another kind)
// goes to the general evaluator, which gives the same results for the shapes covered here.
import type { JsonValue } from '@ensign/datafile-schema';
import type { EnsignRollout } from '../bucketing/ensign-rollout.js';
import type { CompiledRollout } from '../bucketing/strategies.js';
import { packPrefixState } from '../bucketing/hash/murmur3-x86.js';
import type { LeafMatcher } from '../conditions/matcher.js';
import { makeResult } from '../evaluate/result.js';
import type { EvaluationReason, EvaluationResult } from '../types.js';
import { NODE, type AttributePath, type CompiledFlag, type CompiledRule, type CompiledServe, type ConditionNode } from './compiled-types.js';

/** One plain attribute leaf: an own property of the context, by name, and its matcher. */
export interface LeanLeaf {
  readonly name: string;
  readonly match: LeafMatcher;
  /** See `AttributeLeaf.strings`: string values compared inline, else null. */
  readonly strings: readonly string[] | null;
  readonly invert: boolean;
  /** The leaf's answer for a missing attribute (`match(undefined) === true`), decided once. */
  readonly absent: boolean;
  /**
   * Whether `Object.prototype` had a property of this name when the leaf was compiled (`constructor`, `toString`,
   * `__proto__`...): such a name is read only after `hasOwnProperty`, never through the prototype chain.
   */
  readonly inherited: boolean;
  /** Where the attribute is read (see `LEAN_READ_SITES`): 0 to `LEAN_READ_SITES - 1`, or -1 for the shared read. */
  readonly site: number;
  /**
   * The leaf's number within its datafile: identical leaves of different flags are one compiled leaf, so
   * `evaluateFlags` answers each at most once per call (see {@link LeanLeaves}).
   */
  readonly slot: number;
}

/** The lean leaves of one datafile, by compiled leaf: identical conditions across flags share one slot. */
export type LeanLeaves = Map<ConditionNode, LeanLeaf>;

/** An Ensign-mode rollout and the result of each slice (null: a hole, left to the general evaluator). */
export interface LeanRollout {
  readonly rollout: EnsignRollout;
  /** The murmur state after the seed's `${seed}/` prefix, packed (see `packPrefixState`). */
  readonly hash: Int32Array;
  /**
   * For slices laid end to end: each slice's end (the cumulative weights as `ensignChooseWeighted` sums them), so a
   * bucket's slice is the first end above it. Null for explicit ranges.
   */
  readonly ends: Float64Array | null;
  readonly results: readonly (EvaluationResult | null)[];
}

/** What a lean rule or the fallthrough serves: a fixed result, or a rollout. */
export interface LeanServe {
  readonly result: EvaluationResult | null;
  readonly rollout: LeanRollout | null;
}

export interface LeanRule {
  /** The rule matches when every leaf answers true (an `and` of leaves, one leaf, or none). */
  readonly leaves: readonly LeanLeaf[];
  readonly serve: LeanServe;
}

/** A flag in its lean form (see the module comment). */
export interface LeanFlag {
  /** The context kind every read is of; null when the flag reads nothing from the context. */
  readonly kind: string | null;
  readonly rules: readonly LeanRule[];
  readonly fallthrough: LeanServe;
}

/** The parts of a compiled flag the lean form is built from (everything but the lean form itself). */
export type LeanSource = Omit<CompiledFlag, 'lean'>;

/**
 * How many attribute names get a read site of their own in the lean evaluator (../evaluate/lean-read.ts, which has
 * one `case` per site): a property read whose name is always the same one is compiled by V8 into a map check and a
 * field load, while one read of many names is a megamorphic lookup (~110 instructions, measured with callgrind).
 * Names get sites in the order they are first compiled, process-wide; later names share one site (still correct,
 * only slower).
 */
export const LEAN_READ_SITES = 8;
const readSites = new Map<string, number>();

function readSite(name: string): number {
  let site = readSites.get(name);
  if (site === undefined) {
    if (readSites.size >= LEAN_READ_SITES) return -1;
    site = readSites.size;
    readSites.set(name, site);
  }
  return site;
}

/** Collects the kinds read; false when a read is of a shape the lean form does not cover. */
class Kinds {
  kind: string | null = null;
  ok = true;
  use(kind: string): void {
    if (this.kind === null) this.kind = kind;
    else if (this.kind !== kind) this.ok = false;
  }
}

function leanLeaves(node: ConditionNode | null, kinds: Kinds, shared: LeanLeaves): LeanLeaf[] | null {
  if (node === null) return [];
  const nodes = node.t === NODE.AND ? node.children : [node];
  const leaves: LeanLeaf[] = [];
  for (const child of nodes) {
    if (child.t !== NODE.ATTRIBUTE || child.name === null || child.contextKind === 'multi') return null;
    kinds.use(child.contextKind);
    let lean = shared.get(child);
    if (lean === undefined) {
      const name = child.name;
      lean = { name, match: child.match, strings: child.strings, invert: child.invert, absent: child.match(undefined) === true, inherited: name in Object.prototype, site: readSite(name), slot: shared.size };
      shared.set(child, lean);
    }
    leaves.push(lean);
  }
  return leaves;
}

/** The result `serve` gives for a variation index and reason without per-call options, frozen; null if it has none. */
function fixedResult(flag: LeanSource, index: number, reason: EvaluationReason, rule: CompiledRule | null, revision: string): EvaluationResult | null {
  const v = flag.variations[index];
  if (index < 0 || v === undefined) return null;
  const enabled = v.enabled && reason.kind !== 'OFF' && reason.kind !== 'PREREQUISITE_FAILED';
  const ruleKey = rule === null || rule.key === '' ? null : rule.key;
  const ruleId = rule === null || rule.id === '' ? null : rule.id;
  const experimentKey = rule === null ? null : rule.experimentKey;
  const result = makeResult(flag.key, v.value as JsonValue, v.key, index, enabled, enabled ? v.variables : flag.defaults, ruleKey, ruleId, experimentKey, reason, revision);
  return Object.freeze(result);
}

function isEnsign(r: CompiledRollout): r is EnsignRollout {
  return r.mode === 'ensign';
}

function plainPath(path: AttributePath | null): boolean {
  return path === null || (path.components.length === 1 && path.special === null);
}

/** A lean serve; null when not covered. `reasons` gives the reason of a slice (in an experiment or not). */
function leanServe(
  flag: LeanSource,
  serve: CompiledServe | null,
  reasons: (inExperiment: boolean) => EvaluationReason,
  rule: CompiledRule | null,
  revision: string,
  kinds: Kinds,
): LeanServe | null {
  if (serve === null) return null;
  if (serve.rollout === null) {
    const result = fixedResult(flag, serve.variationIndex, reasons(false), rule, revision);
    return result === null ? null : { result, rollout: null };
  }
  const r = serve.rollout;
  if (!isEnsign(r) || !plainPath(r.bucketBy) || r.contextKind === 'multi' || r.seed.variation.state === null) return null;
  kinds.use(r.contextKind);
  const results = r.slices.map((s) => (s.index < 0 ? null : fixedResult(flag, s.index, reasons(r.isExperiment && !s.untracked), rule, revision)));
  // A slice naming a variation the flag lacks is MALFORMED_FLAG: the general evaluator answers it.
  for (let i = 0; i < results.length; i++) if (results[i] === null && (r.slices[i]?.index ?? -1) !== -1) return null;
  let ends: Float64Array | null = null;
  if (r.contiguous) {
    ends = new Float64Array(r.weights.length);
    let end = 0;
    for (let i = 0; i < r.weights.length; i++) {
      const w = r.weights[i];
      if (typeof w === 'number' && w > 0 && Number.isFinite(w)) end += w;
      ends[i] = end;
    }
  }
  return { result: null, rollout: { rollout: r, hash: packPrefixState(r.seed.variation.state), ends, results } };
}

/**
 * The lean form of a compiled flag, or null when its shape is not covered (see the module comment).
 *
 * @param revision the datafile's revision, echoed by every result.
 * @param shared the lean leaves of the datafile so far (one map per datafile).
 */
export function compileLean(flag: LeanSource, revision: string, shared: LeanLeaves = new Map()): LeanFlag | null {
  if (flag.malformed !== null || !flag.on || flag.prerequisites.length > 0 || flag.targets.length > 0 || flag.holdouts.length > 0) return null;
  const kinds = new Kinds();
  const rules: LeanRule[] = [];
  for (const rule of flag.rules) {
    if (rule.holdouts.length > 0) return null;
    // A rule that is not running is skipped (what it would say only shows in reasons and traces, which are not lean).
    if (!rule.running) continue;
    if (rule.targets.length > 0 || rule.isExperiment || rule.gate !== null || rule.cmab || rule.groupKey !== null) return null;
    const leaves = leanLeaves(rule.conditions, kinds, shared);
    if (leaves === null) return null;
    const serve = leanServe(flag, rule.serve, (inExperiment) => (inExperiment ? rule.experimentReason : rule.reason), rule, revision, kinds);
    if (serve === null) return null;
    rules.push({ leaves, serve });
  }
  const fallthrough = leanServe(
    flag,
    flag.fallthrough,
    (inExperiment) => (inExperiment ? flag.fallthroughExperimentReason : flag.fallthroughReason),
    null,
    revision,
    kinds,
  );
  if (fallthrough === null || !kinds.ok) return null;
  return { kind: kinds.kind, rules, fallthrough };
}
