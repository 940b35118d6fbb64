// The compiled form of a datafile: everything the hot path reads, precomputed once. Internal: the public surface is
// the opaque `CompiledDatafile` (see compile-datafile.ts).
import type {
  Audience,
  Cohort,
  Datafile,
  ExclusionGroup,
  Flag,
  Holdout,
  JsonObject,
  JsonValue,
  Operator,
  QuarantinedEntity,
  Rule,
  RuleStatus,
  Segment,
  Semantics,
  Variation,
} from '@ensign/datafile-schema';
import type { CompiledRollout } from '../bucketing/strategies.js';
import type { LeanFlag } from './compile-lean.js';
import type { LeafMatcher } from '../conditions/matcher.js';
import type { RegexCache } from '../conditions/mongo.js';
import type { EvaluationReason } from '../types.js';

/** Condition node tags (numbers, for a fast switch). */
export const NODE = Object.freeze({
  AND: 0,
  OR: 1,
  NOT: 2,
  ATTRIBUTE: 3,
  FLAG: 4,
  AUDIENCE: 5,
  MONGO: 6,
  SEGMENT: 7,
  QUALIFIED: 8,
  COHORT: 9,
  MALFORMED: 10,
  CONSTANT: 11,
} as const);

/** An attribute read, parsed once. */
export interface AttributePath {
  /** The reference as written. */
  readonly raw: string;
  readonly components: readonly string[];
  /** `kind` (the list of kinds) or `anonymous` (a boolean under LaunchDarkly semantics), else null. */
  readonly special: 'kind' | 'anonymous' | null;
  /**
   * Whether a component after the first also reads an own property of an array (an index such as `0`), as
   * Amplitude's selectors do (`/user_properties/list/0`). Set at compile time for `amplitude` semantics only:
   * LaunchDarkly's attribute references never index arrays, and Optimizely's attributes are flat.
   */
  readonly indexArrays?: true;
}

export type ConditionNode =
  | { readonly t: 0 | 1; readonly children: readonly ConditionNode[] }
  | { readonly t: 2; readonly child: ConditionNode }
  | AttributeLeaf
  | FlagLeaf
  | { readonly t: 5; readonly audienceId: string }
  | { readonly t: 6; readonly contextKind: string; readonly condition: JsonObject; readonly regexes: RegexCache; readonly flag: string | null }
  | { readonly t: 7; readonly segmentKeys: readonly string[]; readonly negate: boolean }
  | { readonly t: 8; readonly names: readonly string[]; readonly negate: boolean }
  | { readonly t: 9; readonly cohortIds: readonly string[]; readonly contextKind: string | null; readonly negate: boolean }
  | { readonly t: 10; readonly message: string }
  | { readonly t: 11; readonly value: boolean };

export interface AttributeLeaf {
  readonly t: 3;
  readonly contextKind: string;
  readonly path: AttributePath;
  /** The attribute name when the path is one ordinary component (not `kind` or `anonymous`), else null: read inline. */
  readonly name: string | null;
  readonly op: Operator;
  readonly semantics: Semantics;
  readonly match: LeafMatcher;
  /**
   * For `in` / `notIn` under strict (`===`) semantics: the string values. A string attribute value then matches when
   * it is one of them, `!==` {@link invert}, exactly as `match` answers it (read without calling `match`). Else null.
   */
  readonly strings: readonly string[] | null;
  readonly invert: boolean;
}

export interface FlagLeaf {
  readonly t: 4;
  readonly flagKey: string;
  readonly select: 'variationKey' | 'value';
  readonly op: Operator;
  readonly match: LeafMatcher;
}

/** One slice of a compiled rollout: `[start, end)` in the mode's bucket space, and what it serves. */
export interface CompiledSlice {
  /** Index into the served list (flag variations, holdout variations or group members); -1 for a hole. */
  readonly index: number;
  /** The variation key (or member rule id) as written, null for a hole. */
  readonly key: string | null;
  readonly start: number;
  readonly end: number;
  readonly untracked: boolean;
}

/** A rollout, a holdout's allocation or a group's split: a union discriminated by the hash mode. */
export type { CompiledRollout } from '../bucketing/strategies.js';

/** A GrowthBook hash filter, compiled. */
export interface CompiledHashFilter {
  readonly seed: string;
  readonly ranges: readonly (readonly [number, number])[];
  readonly version: number;
  /** null: the rollout's own bucketing attribute. */
  readonly attribute: AttributePath | null;
}

export interface CompiledVariation {
  readonly key: string;
  readonly index: number;
  readonly id: string | null;
  readonly value: JsonValue;
  readonly enabled: boolean;
  /** Variable values when this variation is served and enabled (frozen). */
  readonly variables: Readonly<Record<string, JsonValue>>;
  readonly raw: Variation;
}

/** A target hit: the variation index (-2: a variation the flag lacks) and the target's position (first wins). */
export interface TargetHit {
  readonly variation: number;
  readonly variationKey: string;
  readonly order: number;
}

/** The individual targets of one context kind, merged (the earliest target wins for a key). */
export interface CompiledTargets {
  readonly contextKind: string;
  readonly keys: ReadonlyMap<string, TargetHit>;
}

/** What a rule or the fallthrough serves. */
export type CompiledServe = { readonly variationIndex: number; readonly variationKey: string; readonly rollout: null } | { readonly variationIndex: -1; readonly variationKey: null; readonly rollout: CompiledRollout };

export interface CompiledHoldout {
  readonly key: string;
  /** Why the holdout cannot be applied (the flag then evaluates to MALFORMED_FLAG), or null. */
  readonly malformed: string | null;
  readonly id: string;
  readonly running: boolean;
  readonly conditions: ConditionNode | null;
  readonly variations: readonly CompiledVariation[];
  readonly rollout: CompiledRollout | null;
  readonly raw: Holdout;
}

export interface CompiledGroup {
  readonly key: string;
  readonly malformed: string | null;
  /** One slice per member; `index` is the member's position, -1 for a hole. Null when malformed. */
  readonly rollout: CompiledRollout | null;
  readonly members: readonly { readonly flag: string | null; readonly rule: string | null }[];
  readonly raw: ExclusionGroup;
}

export interface CompiledRule {
  readonly index: number;
  readonly id: string;
  /** `key`, else `id`. */
  readonly key: string;
  readonly running: boolean;
  readonly status: RuleStatus;
  readonly conditions: ConditionNode | null;
  readonly serve: CompiledServe;
  /** 'next', 'last', or a variation index to serve on a miss (-2: a variation the flag lacks). */
  readonly onMiss: 'next' | 'last' | number;
  readonly isExperiment: boolean;
  readonly experimentKey: string | null;
  /** The user-profile key: the experiment id, else the rule id. */
  readonly profileKey: string;
  readonly targets: readonly CompiledTargets[];
  readonly groupKey: string | null;
  readonly holdouts: readonly CompiledHoldout[];
  /** GrowthBook gating parent conditions; when they do not match, the flag serves nothing (PREREQUISITE_FAILED). */
  readonly gate: ConditionNode | null;
  /** The reason of a closed gate (its `prerequisiteKey`: the first flag the gate reads, else the rule id). */
  readonly gateReason: EvaluationReason;
  /** An Optimizely contextual-bandit experiment (skipped: its variation comes from a remote service). */
  readonly cmab: boolean;
  /** Frozen reasons, shared by every decision of this rule. */
  readonly reason: EvaluationReason;
  readonly experimentReason: EvaluationReason;
  readonly raw: Rule;
}

export interface CompiledFlag {
  readonly key: string;
  readonly raw: Flag;
  /** Why the flag cannot be evaluated (MALFORMED_FLAG), or null. */
  readonly malformed: string | null;
  /**
   * The flag was quarantined by `parseDatafile`: it answers MALFORMED_FLAG with `malformed` as its message, and flags
   * that depend on it see it as missing (a prerequisite on it fails, a condition on its value reads nothing).
   */
  readonly quarantined: boolean;
  readonly on: boolean;
  readonly variations: readonly CompiledVariation[];
  /** -1: none; -2: names a variation the flag lacks. */
  readonly offVariation: number;
  readonly prerequisites: readonly { readonly flagKey: string; readonly variation: string }[];
  readonly targets: readonly CompiledTargets[];
  readonly rules: readonly CompiledRule[];
  readonly fallthrough: CompiledServe | null;
  /** Global and flag-scoped holdouts, in datafile order. */
  readonly holdouts: readonly CompiledHoldout[];
  /** Variable defaults (frozen). */
  readonly defaults: Readonly<Record<string, JsonValue>>;
  readonly fallthroughReason: EvaluationReason;
  readonly fallthroughExperimentReason: EvaluationReason;
  /** The flag's lean form, for evaluations without per-call options (see compile-lean.ts), or null. */
  readonly lean: LeanFlag | null;
}

export interface CompiledSegment {
  readonly key: string;
  readonly included: readonly { readonly contextKind: string; readonly keys: ReadonlySet<string> }[];
  readonly excluded: readonly { readonly contextKind: string; readonly keys: ReadonlySet<string> }[];
  readonly rules: readonly {
    readonly conditions: ConditionNode | null;
    /** null: no percentage; else the weight in 1/100000. */
    readonly weight: number | null;
    readonly bucketBy: AttributePath;
    readonly contextKind: string;
  }[];
  readonly salt: string;
  /** Big segment: its store reference (`${key}.g${generation}`), null when the generation is missing. */
  readonly unbounded: boolean;
  readonly bigSegmentRef: string | null;
  readonly unboundedContextKind: string;
  readonly raw: Segment;
}

/** Compiled entries by key (built on first use, then kept). */
export interface CompiledIndex<T> {
  get(key: string): T | undefined;
}

/** The internal compiled datafile. */
export interface CompiledState {
  readonly datafile: Datafile;
  readonly quarantined: readonly QuarantinedEntity[];
  readonly revision: string;
  readonly flagKeys: readonly string[];
  readonly flags: CompiledIndex<CompiledFlag>;
  readonly segments: CompiledIndex<CompiledSegment>;
  readonly audiences: ReadonlyMap<string, { readonly raw: Audience; readonly conditions: ConditionNode }>;
  readonly cohorts: ReadonlyMap<string, Cohort>;
  readonly groups: ReadonlyMap<string, CompiledGroup>;
  /** The datafile's GrowthBook saved groups. */
  readonly savedGroups: Readonly<Record<string, readonly JsonValue[]>> | undefined;
}
