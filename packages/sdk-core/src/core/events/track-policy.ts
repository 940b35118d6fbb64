// When a decision deserves a full event, per face. Pure functions: the faces compute `track` and pass it to
// `recordDecision`; every evaluation is summarized either way.
import type { RuleType } from '@ensign/event-pipeline';

/** What the Optimizely face knows about one `decide`. */
export interface OptimizelyTrackInput {
  /** The decision source; `null` (nothing decided) counts as a rollout, as in Optimizely. */
  ruleType: RuleType | null;
  /** The datafile's `sendFlagDecisions`. Default false. */
  sendFlagDecisions?: boolean;
  /** The decide option `DISABLE_DECISION_EVENT` was given. Default false. */
  disableDecisionEvent?: boolean;
}

/**
 * Whether Optimizely sends a decision event for a `decide` (vendor-formats 1.9): never with
 * `DISABLE_DECISION_EVENT`; always for experiment (feature test), holdout and flag-level forced decisions; for
 * rollout decisions, including those that served nothing, only when the datafile's `sendFlagDecisions` is on.
 *
 * @example
 * isOptimizelyDecisionTracked({ ruleType: 'experiment' }); // true
 * isOptimizelyDecisionTracked({ ruleType: 'rollout', sendFlagDecisions: false }); // false
 */
export function isOptimizelyDecisionTracked(input: OptimizelyTrackInput): boolean {
  if (input.disableDecisionEvent === true) return false;
  switch (input.ruleType) {
    case 'experiment':
    case 'holdout':
    case 'forced':
      return true;
    default:
      return input.sendFlagDecisions === true;
  }
}

/** What the LaunchDarkly face knows about one evaluation. */
export interface LaunchDarklyTrackInput {
  /** The flag's `trackEvents`. */
  flagTrackEvents?: boolean;
  /** The reason's `inExperiment`. */
  inExperiment?: boolean;
  /** The matched rule's `trackEvents` (only read for `RULE_MATCH`). */
  ruleTrackEvents?: boolean;
  /** The flag's `trackEventsFallthrough` (only read for `FALLTHROUGH`). */
  trackEventsFallthrough?: boolean;
  /** The reason's kind: `OFF`, `TARGET_MATCH`, `RULE_MATCH`, `FALLTHROUGH`, `PREREQUISITE_FAILED` or `ERROR`. */
  reasonKind: string;
}

/**
 * Whether LaunchDarkly emits a full `feature` event for an evaluation (vendor-formats 2.7): when the flag has
 * `trackEvents`, when the evaluation is in an experiment, when a matched rule has `trackEvents`, or on fallthrough
 * with `trackEventsFallthrough`. (`debugEventsUntilDate` debug events are not modelled.)
 *
 * @example
 * isLaunchDarklyEvaluationTracked({ reasonKind: 'FALLTHROUGH', trackEventsFallthrough: true }); // true
 * isLaunchDarklyEvaluationTracked({ reasonKind: 'RULE_MATCH', trackEventsFallthrough: true }); // false
 */
export function isLaunchDarklyEvaluationTracked(input: LaunchDarklyTrackInput): boolean {
  if (input.flagTrackEvents === true || input.inExperiment === true) return true;
  if (input.reasonKind === 'RULE_MATCH') return input.ruleTrackEvents === true;
  if (input.reasonKind === 'FALLTHROUGH') return input.trackEventsFallthrough === true;
  return false;
}
