// Ensign's raw evaluator rows: `evaluateFlag` / `evaluateFlags` of @ensign/evaluator-core on a compiled datafile;
// W3 times the whole path to ready (text → parseDatafile → compileDatafile → the first evaluation); W4 feeds every decision to
// @ensign/event-pipeline at its defaults with a counting discard dispatcher.
import type { EventBatch, EventDispatcher } from '@ensign/event-pipeline';
import { requireExports } from '../harness/missing.js';
import type { EventSession, Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, type Decision } from '../workload/spec.js';
import { compiledDatafile, datafileText, loadEvaluator, loadSchema, parseOrThrow, type BenchContext, type BenchResult } from './api.js';
import type { BenchHashMode } from './datafile.js';
import { createUnrefScheduler } from './node-scheduler.js';

type PipelineApi = typeof import('@ensign/event-pipeline');

function keys(): string[] {
  return Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
}

/** A dispatcher that counts decision events (and the rest) and discards every batch. */
export function countingDispatcher(): { dispatcher: EventDispatcher; decisions: () => number; others: () => number } {
  let decisions = 0;
  let others = 0;
  return {
    dispatcher: {
      dispatch(batch: EventBatch) {
        for (const event of batch.events) {
          if (event.kind === 'decision') decisions++;
          else others++;
        }
        return Promise.resolve({ delivered: true, status: 202 });
      },
    },
    decisions: () => decisions,
    others: () => others,
  };
}

/** The decision of the cross-check, from an evaluation result (each benchmark flag has one rule, index 0). */
export function toDecision(r: BenchResult): Decision {
  const variation = r.variationKey === 'on' ? 'on' : r.variationKey === 'off' ? 'off' : null;
  const branch = r.reason.kind === 'RULE_MATCH' && r.reason.ruleIndex === 0 ? 'rule' : r.reason.kind === 'FALLTHROUGH' ? 'rollout' : null;
  return { variation, branch };
}

/**
 * Ensign's decisions on the benchmark datafile in a hash mode (the smoke test's cross-check). `writer: 'bench'`
 * forces the bench's own datafile writer, whose hash inputs match the baseline's in Ensign's mode.
 */
export async function ensignDecisions(
  mode: BenchHashMode,
  writer: 'auto' | 'bench' = 'auto',
): Promise<(flag: number, id: string, country: string, plan: string) => Decision> {
  const { evaluator, compiled } = await compiledDatafile(FLAG_COUNT, mode, writer);
  return (flag, id, country, plan) => toDecision(evaluator.evaluateFlag(compiled, { kind: 'user', key: id, country, plan }, flagKey(flag)));
}

/** Ensign's raw evaluator: W1 `evaluateFlag`, W2 `evaluateFlags`, W3 parse + compile, W4 with the event pipeline. */
export const ensignEvaluator: Subject = {
  name: 'ensign',
  async w1() {
    const { evaluator, compiled } = await compiledDatafile(FLAG_COUNT);
    const k = keys();
    const options = { defaultValue: false };
    return {
      async: false,
      evaluationsPerCall: 1,
      run: (flag, id, country, plan) => evaluator.evaluateFlag(compiled, { kind: 'user', key: id, country, plan }, k[flag] as string, options),
    };
  },
  async w2() {
    const { evaluator, compiled } = await compiledDatafile(FLAG_COUNT);
    return {
      async: false,
      evaluationsPerCall: FLAG_COUNT,
      run: (id, country, plan) => evaluator.evaluateFlags(compiled, { kind: 'user', key: id, country, plan }),
    };
  },
  async w3(flags) {
    const [schema, evaluator] = await Promise.all([loadSchema(), loadEvaluator()]);
    const text = await datafileText(flags);
    const context: BenchContext = { kind: 'user', key: 'user-0', country: 'US', plan: 'pro' };
    const options = { defaultValue: false };
    return {
      async: false,
      evaluationsPerCall: 1,
      // Text to ready, and the first evaluation (compilation is lazy), as GrowthBook's row.
      run: () => evaluator.evaluateFlag(evaluator.compileDatafile(parseOrThrow(schema, text)), context, flagKey(0), options),
    };
  },
  async w4(): Promise<EventSession> {
    const { evaluator, compiled } = await compiledDatafile(FLAG_COUNT);
    const { createEventPipeline } = await requireExports<PipelineApi>('@ensign/event-pipeline', ['createEventPipeline']);
    const counting = countingDispatcher();
    const pipeline = createEventPipeline({ dispatcher: counting.dispatcher, scheduler: createUnrefScheduler() });
    const k = keys();
    const options = { defaultValue: false };
    let expected = 0;
    return {
      async: false,
      decide: (flag, id, country, plan) => {
        const context: BenchContext = { kind: 'user', key: id, country, plan };
        const key = k[flag] as string;
        const r = evaluator.evaluateFlag(compiled, context, key, options);
        expected++;
        pipeline.recordDecision({
          context,
          flagKey: key,
          variationKey: r.variationKey,
          variationIndex: r.variationIndex,
          value: r.value as boolean,
          defaultValue: false,
          ruleId: r.ruleId,
          ruleKey: r.ruleKey,
          revision: r.revision,
          reason: r.reason,
          track: true,
        });
        return r;
      },
      close: async () => {
        await pipeline.close();
      },
      closeNote: 'pipeline.close() (flushes, bounded by its 2 s close timeout)',
      counts: async () => {
        const stats = pipeline.stats();
        return {
          expected,
          delivered: counting.decisions(),
          other: counting.others(),
          note: `decision events handed to a counting EventDispatcher (other = index + summary; pipeline stats: sent ${stats.sent}, dropped ${stats.dropped}, failed ${stats.failed})`,
        };
      },
    };
  },
  async decisions() {
    const decide = await ensignDecisions('ensign');
    return { decide: async (flag, id, country, plan) => decide(flag, id, country, plan), close: async () => {} };
  },
};
