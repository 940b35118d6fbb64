// @amplitude/experiment-core's EvaluationEngine on the neutral workload (the flag configs of ../../peers/amplitude.ts,
// topologically sorted once at setup: the engine's best case). The user carries the seven attributes.
import { EvaluationEngine, topologicalSort, type EvaluationFlag } from '@amplitude/experiment-core';
import { amplitudeFlags } from '../../peers/amplitude.js';
import { FLAG_COUNT, flagKey } from '../../workload/spec.js';
import type { NeutralOp } from '../op.js';
import type { NeutralPool } from '../users.js';

function byKey(flags: EvaluationFlag[]): Record<string, EvaluationFlag> {
  const out: Record<string, EvaluationFlag> = {};
  for (const f of flags) out[f.key] = f;
  return out;
}

function contextOf(pool: NeutralPool): (i: number) => Record<string, unknown> {
  const { ids, countries, plans, emails, versions, ages, betas } = pool;
  return (i) => ({
    user: { user_id: ids[i], country: countries[i], user_properties: { plan: plans[i], email: emails[i], app_version: versions[i], age: ages[i], beta: betas[i] } },
  });
}

/** W1: `engine.evaluate(context, [flag])`. */
export async function amplitudeW1(pool: NeutralPool): Promise<NeutralOp> {
  const engine = new EvaluationEngine();
  const flags = byKey(amplitudeFlags(FLAG_COUNT));
  const sorted = Array.from({ length: FLAG_COUNT }, (_, i) => topologicalSort(flags, [flagKey(i)]));
  const context = contextOf(pool);
  return { evaluations: 1, run: (i) => engine.evaluate(context(i), sorted[i % FLAG_COUNT] as EvaluationFlag[]) };
}

/** W2: `engine.evaluate(context, allFlags)`. */
export async function amplitudeW2(pool: NeutralPool): Promise<NeutralOp> {
  const engine = new EvaluationEngine();
  const sorted = topologicalSort(byKey(amplitudeFlags(FLAG_COUNT)));
  const context = contextOf(pool);
  return { evaluations: FLAG_COUNT, run: (i) => engine.evaluate(context(i), sorted) };
}
