// The evaluator's public contract: what `evaluateFlag` takes and returns. Plain types, no logic.
import type { JsonValue } from '@ensign/datafile-schema';

/** Why a decision came out as it did (LaunchDarkly's reason kinds). */
export type ReasonKind = 'OFF' | 'TARGET_MATCH' | 'RULE_MATCH' | 'FALLTHROUGH' | 'PREREQUISITE_FAILED' | 'ERROR';

/** The reason kinds as run-time values. */
export const REASON_KINDS = Object.freeze({
  OFF: 'OFF',
  TARGET_MATCH: 'TARGET_MATCH',
  RULE_MATCH: 'RULE_MATCH',
  FALLTHROUGH: 'FALLTHROUGH',
  PREREQUISITE_FAILED: 'PREREQUISITE_FAILED',
  ERROR: 'ERROR',
} as const satisfies Record<ReasonKind, ReasonKind>);

/** What went wrong when `reason.kind` is `ERROR`. */
export type ErrorKind = 'CLIENT_NOT_READY' | 'FLAG_NOT_FOUND' | 'MALFORMED_FLAG' | 'USER_NOT_SPECIFIED' | 'WRONG_TYPE' | 'EXCEPTION';

/** The error kinds as run-time values. */
export const ERROR_KINDS = Object.freeze({
  CLIENT_NOT_READY: 'CLIENT_NOT_READY',
  FLAG_NOT_FOUND: 'FLAG_NOT_FOUND',
  MALFORMED_FLAG: 'MALFORMED_FLAG',
  USER_NOT_SPECIFIED: 'USER_NOT_SPECIFIED',
  WRONG_TYPE: 'WRONG_TYPE',
  EXCEPTION: 'EXCEPTION',
} as const satisfies Record<ErrorKind, ErrorKind>);

/** The reason of a decision. */
export interface EvaluationReason {
  kind: ReasonKind;
  /** RULE_MATCH: index of the rule in the flag's rules. */
  ruleIndex?: number;
  /** RULE_MATCH: id of the rule. */
  ruleId?: string;
  /** PREREQUISITE_FAILED: key of the first prerequisite that failed. */
  prerequisiteKey?: string;
  /** The decision came from an experiment's traffic split (LaunchDarkly `inExperiment`). */
  inExperiment?: boolean;
  /** ERROR: what went wrong. */
  errorKind?: ErrorKind;
  /** The decision was forced by the caller (Optimizely forced decisions). */
  forced?: boolean;
  /** The context was held out by this holdout. */
  holdoutKey?: string;
  /** Set when a big (unbounded) segment was queried: how the big-segment store answered (LaunchDarkly). */
  bigSegmentsStatus?: BigSegmentsStatus;
}

/** Health of the big-segment store as seen by one evaluation (LaunchDarkly `bigSegmentsStatus`). */
export type BigSegmentsStatus = 'HEALTHY' | 'STALE' | 'STORE_ERROR' | 'NOT_CONFIGURED';

/** One condition as the trace saw it. */
export interface TraceCondition {
  /** The attribute reference, or the referenced segment/audience/flag. */
  attribute: string;
  contextKind?: string;
  op: string;
  /** The value read from the context; the string `"[redacted]"` when the attribute is private. */
  value: JsonValue | '[redacted]' | undefined;
  /** true, false or null (unknown, Optimizely's three-valued logic). */
  result: boolean | null;
}

/** One step of an evaluation trace. */
export interface TraceStep {
  step: 'forced' | 'off' | 'prerequisite' | 'target' | 'rule' | 'holdout' | 'group' | 'fallthrough' | 'user-profile';
  /** Rule id, prerequisite key, holdout key, group key ... */
  id?: string;
  index?: number;
  matched: boolean;
  conditions?: TraceCondition[];
  /** The bucket value, in the hash mode's space, and the `[start, end)` slice it fell in. */
  bucket?: { hash: string; value: number; range?: [number, number]; variation?: string | null };
  note?: string;
}

/** An evaluation trace, on request: each rule tried, each condition with the value seen, each bucket. */
export interface EvaluationTrace {
  flagKey: string;
  steps: TraceStep[];
}

/** The result of evaluating one flag. It is always well formed; errors are reported in `reason`. */
export interface EvaluationResult {
  flagKey: string;
  /** The served value, or the caller's `defaultValue` when no variation was served. */
  value: JsonValue;
  variationKey: string | null;
  variationIndex: number | null;
  /** Optimizely `enabled`: false when off, errored, not served or the variation is disabled. */
  enabled: boolean;
  /** Variable values by key (defaults overridden by an enabled variation). */
  variables: Record<string, JsonValue>;
  ruleKey: string | null;
  ruleId: string | null;
  experimentKey: string | null;
  reason: EvaluationReason;
  /** The datafile revision the decision was made with. */
  revision: string;
  /** Optimizely-style reason messages, when `includeReasons` was asked. */
  reasons?: string[];
  trace?: EvaluationTrace;
  /** Set when the decision added a sticky bucket: the profile to save (the caller saves it to an asynchronous store). */
  userProfileUpdate?: UserProfile;
  /**
   * `MALFORMED_FLAG`: what is wrong, e.g. the quarantine message of a flag `parseDatafile` quarantined
   * (`flags[3].offVariation: unknown variation "gone" (known: "off", "on")`). Absent on every other result.
   */
  errorMessage?: string;
}

/** A decision forced by the caller (Optimizely `setForcedDecision`). */
export interface ForcedDecision {
  flagKey: string;
  /** Absent: the whole flag is forced; present: forced when that rule is reached. */
  ruleKey?: string;
  variationKey: string;
}

/** Optimizely's user profile: experiment id (or rule id) → the variation id (or key) saved for the user. */
export interface UserProfile {
  user_id: string;
  experiment_bucket_map: Record<string, { variation_id: string }>;
}

/** Sticky bucketing port (Optimizely `UserProfileService`). The evaluator is synchronous: pass a profile looked up in advance for async stores. */
export interface UserProfileStore {
  lookup(userId: string): UserProfile | null | undefined;
  save(profile: UserProfile): void;
}

/**
 * Big-segment port (LaunchDarkly unbounded segments): the memberships of one context key. Synchronous; an SDK backs
 * it with a cache of its (asynchronous) store and hashes keys as its store requires.
 */
export interface BigSegmentStore {
  /**
   * Memberships of a context key: big-segment reference (`${segmentKey}.g${generation}`) → included (true) or
   * excluded (false). Null or undefined: nothing known (the segment's rules still apply). Throwing: STORE_ERROR.
   */
  getMembership(contextKey: string): Readonly<Record<string, boolean>> | null | undefined;
  /** Freshness of the store's data. Default `HEALTHY`. */
  status?(): 'HEALTHY' | 'STALE';
}

/** Cohort membership port: is this context key a member of the cohort? */
export interface CohortMembership {
  isMember(cohortId: string, contextKind: string, key: string): boolean;
}

/** Options of one evaluation. */
export interface EvaluateOptions {
  /** Value returned when no variation is served. Default null. */
  defaultValue?: JsonValue;
  forcedDecisions?: readonly ForcedDecision[];
  /** Qualified ODP segments of the user (Optimizely `qualified` conditions). */
  qualifiedSegments?: readonly string[];
  cohorts?: CohortMembership;
  /** Sticky bucketing store (synchronous), or a profile looked up in advance. */
  userProfileStore?: UserProfileStore;
  userProfile?: UserProfile | null;
  /** Skip the user profile (Optimizely `IGNORE_USER_PROFILE_SERVICE`). */
  ignoreUserProfile?: boolean;
  /** Fill `reasons` with Optimizely-style messages. */
  includeReasons?: boolean;
  /** Fill `trace`. */
  trace?: boolean;
  /** Private attribute references whose values a trace must not show (besides each context's own). */
  privateAttributes?: readonly string[];
  allAttributesPrivate?: boolean;
  /** Leave `variables` empty (Optimizely `EXCLUDE_VARIABLES`). */
  excludeVariables?: boolean;
  /**
   * GrowthBook saved groups (group id → member values) for `$inGroup` / `$notInGroup` in `mongo` conditions.
   * Default: the datafile's `savedGroups`.
   */
  savedGroups?: Readonly<Record<string, readonly JsonValue[]>>;
  /** Big-segment memberships for unbounded segments. None: such segments report NOT_CONFIGURED and match by rules only. */
  bigSegments?: BigSegmentStore;
  /**
   * Told of every prerequisite evaluation, in LaunchDarkly's order, for its events: each time a flag's prerequisite is
   * evaluated (a prerequisite's own prerequisites first): its key, its result, and `prereqOf`, the flag that
   * requires it. As LaunchDarkly's evaluator, a prerequisite required twice in one evaluation is told twice (its
   * result is computed once), and the prerequisites after a failed one are not evaluated. Must not throw.
   */
  onPrerequisite?: (evaluation: PrerequisiteEvaluation) => void;
}

/** One prerequisite evaluation, as `EvaluateOptions.onPrerequisite` is told it. */
export interface PrerequisiteEvaluation {
  /** The prerequisite flag. */
  readonly flagKey: string;
  /** Its result (default value null). */
  readonly result: EvaluationResult;
  /** The flag that requires it. */
  readonly prereqOf: string;
}
