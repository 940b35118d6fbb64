// Optimizely's decision source of a result (the `rule_type` of its impressions) and the ids a holdout decision
// carries, which the event sink writes into decision events.
import type { Flag, Rule } from '@ensign/datafile-schema';
import type { CompiledDatafile, EvaluationResult } from '@ensign/evaluator-core';
import type { RuleType } from '@ensign/event-pipeline';
import { ruleOf } from './flag-rules.js';

/** The ids an Optimizely holdout decision carries: the holdout's, and its served variation's. */
export interface HoldoutIds {
  experimentId: string | null;
  variationId: string | null;
}

/** The ids of the holdout that decided `result` (its `ruleId` is the holdout's id, its `ruleKey` the key). */
export function holdoutIds(compiled: CompiledDatafile, result: EvaluationResult): HoldoutIds {
  const holdout = compiled.datafile.holdouts?.find((h) => (result.ruleId !== null && h.id === result.ruleId) || h.key === result.ruleKey);
  if (holdout === undefined) return { experimentId: result.ruleId, variationId: null };
  return { experimentId: holdout.id ?? result.ruleId, variationId: holdout.variations.find((v) => v.key === result.variationKey)?.id ?? null };
}

/**
 * Optimizely's decision source of a result: a flag-level forced decision, a holdout, an experiment (feature test) or
 * a rollout (delivery) rule; `null` when nothing decided.
 */
export function ruleTypeOf(result: EvaluationResult, flag: Flag | undefined): RuleType | null {
  return ruleTypeFrom(result, ruleOf(flag, result.ruleId));
}

/** {@link ruleTypeOf} with the rule that decided (`ruleOf(flag, result.ruleId)`) already looked up. */
export function ruleTypeFrom(result: EvaluationResult, rule: Rule | undefined): RuleType | null {
  if (result.reason.holdoutKey !== undefined) return 'holdout';
  if (result.reason.forced === true && rule === undefined) return 'forced';
  if (rule?.kind === 'experiment') return 'experiment';
  if (result.variationKey === null && rule === undefined) return null;
  return 'rollout';
}
