import { describe, expect, it } from 'vitest';
import { isLaunchDarklyEvaluationTracked, isOptimizelyDecisionTracked } from './track-policy.js';

describe('isOptimizelyDecisionTracked', () => {
  it('tracks experiment, holdout and flag-level forced decisions', () => {
    expect(isOptimizelyDecisionTracked({ ruleType: 'experiment' })).toBe(true);
    expect(isOptimizelyDecisionTracked({ ruleType: 'holdout' })).toBe(true);
    expect(isOptimizelyDecisionTracked({ ruleType: 'forced' })).toBe(true);
  });

  it('tracks rollout decisions only when the datafile says sendFlagDecisions', () => {
    expect(isOptimizelyDecisionTracked({ ruleType: 'rollout' })).toBe(false);
    expect(isOptimizelyDecisionTracked({ ruleType: 'rollout', sendFlagDecisions: true })).toBe(true);
  });

  it('treats a decision with no rule as a rollout, sent only with sendFlagDecisions', () => {
    expect(isOptimizelyDecisionTracked({ ruleType: null, sendFlagDecisions: false })).toBe(false);
    expect(isOptimizelyDecisionTracked({ ruleType: null, sendFlagDecisions: true })).toBe(true);
  });

  it('tracks nothing with DISABLE_DECISION_EVENT', () => {
    for (const ruleType of ['experiment', 'rollout', 'holdout', 'forced', null] as const) {
      expect(isOptimizelyDecisionTracked({ ruleType, sendFlagDecisions: true, disableDecisionEvent: true })).toBe(false);
    }
  });
});

describe('isLaunchDarklyEvaluationTracked', () => {
  it('tracks every evaluation of a flag with trackEvents', () => {
    expect(isLaunchDarklyEvaluationTracked({ reasonKind: 'OFF', flagTrackEvents: true })).toBe(true);
  });

  it('tracks evaluations in an experiment', () => {
    expect(isLaunchDarklyEvaluationTracked({ reasonKind: 'FALLTHROUGH', inExperiment: true })).toBe(true);
  });

  it('tracks a rule match only when that rule has trackEvents', () => {
    expect(isLaunchDarklyEvaluationTracked({ reasonKind: 'RULE_MATCH', ruleTrackEvents: true })).toBe(true);
    expect(isLaunchDarklyEvaluationTracked({ reasonKind: 'RULE_MATCH', ruleTrackEvents: false, trackEventsFallthrough: true })).toBe(false);
  });

  it('tracks a fallthrough only with trackEventsFallthrough', () => {
    expect(isLaunchDarklyEvaluationTracked({ reasonKind: 'FALLTHROUGH', trackEventsFallthrough: true })).toBe(true);
    expect(isLaunchDarklyEvaluationTracked({ reasonKind: 'FALLTHROUGH', ruleTrackEvents: true })).toBe(false);
  });

  it('summarizes only a plain target match, off or error', () => {
    for (const reasonKind of ['TARGET_MATCH', 'OFF', 'ERROR', 'PREREQUISITE_FAILED']) {
      expect(isLaunchDarklyEvaluationTracked({ reasonKind, ruleTrackEvents: true, trackEventsFallthrough: true })).toBe(false);
    }
  });
});
