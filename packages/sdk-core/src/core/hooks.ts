import type { Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { Context } from '@ensign/context';
import type { JsonValue } from '@ensign/datafile-schema';
import type { EvaluationReason } from '@ensign/evaluator-core';
import type { DecisionFace } from './emitter.js';
import { messageOf } from './records.js';

/** What every hook stage is told about the evaluation it wraps (LaunchDarkly's `EvaluationSeriesContext`). */
export interface EvaluationSeriesContext {
  readonly flagKey: string;
  /** The context, redacted (private attributes removed): hooks often export what they see. Null when none was valid. */
  readonly context: Context | null;
  readonly defaultValue: JsonValue;
  /** The face's method, e.g. `LDClient.variation`, `LDClient.variationDetail` (LaunchDarkly's names), `decide`, `evaluate`. */
  readonly method: string;
  readonly face: DecisionFace;
}

/** Data passed from one stage of a hook to the next: what `beforeEvaluation` returns, `afterEvaluation` gets. */
export type EvaluationSeriesData = Readonly<Record<string, unknown>>;

/** The result an `afterEvaluation` stage sees (LaunchDarkly's `LDEvaluationDetail`, plus the variation key and revision). */
export interface EvaluationDetail {
  readonly value: JsonValue;
  readonly variationIndex: number | null;
  readonly variationKey: string | null;
  readonly reason: EvaluationReason;
  /** The datafile revision that decided; empty before the first datafile. */
  readonly revision: string;
}

/**
 * An evaluation hook, in the shape of LaunchDarkly's Node SDK: `getMetadata()` names it; `beforeEvaluation` runs
 * before each flag is decided and returns the data `afterEvaluation` receives. Both stages are optional. A stage
 * that throws is logged (rate-limited) and skipped; the evaluation goes on.
 *
 * @example
 * const timing: Hook = {
 *   getMetadata: () => ({ name: 'timing' }),
 *   beforeEvaluation: (_ctx, data) => ({ ...data, start: performance.now() }),
 *   afterEvaluation: (ctx, data, detail) => { console.log(ctx.flagKey, detail.value, performance.now() - (data.start as number)); return data; },
 * };
 * createClient({ datafile, hooks: [timing] });
 */
export interface Hook {
  getMetadata(): { readonly name: string };
  beforeEvaluation?(seriesContext: EvaluationSeriesContext, data: EvaluationSeriesData): EvaluationSeriesData;
  afterEvaluation?(seriesContext: EvaluationSeriesContext, data: EvaluationSeriesData, detail: EvaluationDetail): EvaluationSeriesData;
}

const EMPTY: EvaluationSeriesData = Object.freeze({});

/** The client's hooks: a list that `addHook` grows, run around every decision. */
export interface HookRunner {
  readonly count: number;
  add(hook: unknown): void;
  /** Runs every `beforeEvaluation`, in order; returns the data of each hook. */
  before(seriesContext: EvaluationSeriesContext): EvaluationSeriesData[];
  /** Runs every `afterEvaluation`, in reverse order (as LaunchDarkly), with the data its `before` returned. */
  after(seriesContext: EvaluationSeriesContext, data: readonly EvaluationSeriesData[], detail: EvaluationDetail): void;
}

function nameOf(hook: Hook): string {
  try {
    const name = hook.getMetadata()?.name;
    return typeof name === 'string' && name !== '' ? name : 'unnamed hook';
  } catch {
    return 'unnamed hook';
  }
}

const isHook = (value: unknown): value is Hook =>
  typeof value === 'object' && value !== null && typeof (value as Hook).getMetadata === 'function';

/**
 * Creates the hook runner of a client. A value that is not a hook is logged and ignored (this runs after
 * construction, so it never throws).
 *
 * @example
 * const hooks = createHookRunner([timing], logger, (key, line) => limited.log('error', key, line));
 */
export function createHookRunner(initial: readonly unknown[], logger: Logger, report: (key: string, line: string) => void): HookRunner {
  let hooks: Hook[] = [];
  // `count` is a plain field, kept equal to `hooks.length`: every evaluation reads it (a getter cost ~30 instructions).
  const runner: HookRunner & { count: number } = {
    count: 0,
    add(hook) {
      if (!isHook(hook)) {
        safeLog(logger, 'warn', 'addHook: a hook needs a getMetadata function; ignored');
        return;
      }
      hooks = [...hooks, hook];
      runner.count = hooks.length;
    },
    before(seriesContext) {
      const out: EvaluationSeriesData[] = [];
      for (const hook of hooks) {
        let data = EMPTY;
        if (typeof hook.beforeEvaluation === 'function') {
          try {
            data = hook.beforeEvaluation(seriesContext, EMPTY) ?? EMPTY;
          } catch (error) {
            const name = nameOf(hook);
            report(`hook-before:${name}`, `hook "${name}" failed in beforeEvaluation of ${seriesContext.flagKey}: ${messageOf(error)}`);
          }
        }
        out.push(data);
      }
      return out;
    },
    after(seriesContext, data, detail) {
      for (let i = hooks.length - 1; i >= 0; i--) {
        const hook = hooks[i] as Hook;
        if (typeof hook.afterEvaluation !== 'function') continue;
        try {
          hook.afterEvaluation(seriesContext, data[i] ?? EMPTY, detail);
        } catch (error) {
          const name = nameOf(hook);
          report(`hook-after:${name}`, `hook "${name}" failed in afterEvaluation of ${seriesContext.flagKey}: ${messageOf(error)}`);
        }
      }
    },
  };
  for (const hook of initial) runner.add(hook);
  return runner;
}
