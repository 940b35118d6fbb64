// Ensign's rows of the neutral workload: the node-sdk client's LaunchDarkly face (`variation`, `allFlagsState`),
// beside the raw evaluator (`evaluateFlag`, `evaluateFlags`) for where the time goes. W4 turns events on at the
// client's defaults, delivered to a dispatcher that counts and discards each batch.
import { parseDatafile } from '@ensign/datafile-schema';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { compileDatafile, evaluateFlag, evaluateFlags, type CompiledDatafile } from '@ensign/evaluator-core';
import type { EventBatch, EventDispatcher } from '@ensign/event-pipeline';
import { createClient, type EnsignClient } from '@ensign/node-sdk';
import { FLAG_COUNT, flagKey } from '../../workload/spec.js';
import type { NeutralOp } from '../op.js';
import type { NeutralPool } from '../users.js';
import { createLeastRecorder } from './least-events.js';

const noop = () => {};
const quietLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** Builds the context of call `i`: `{ kind: 'user', key, ...six attributes }`, as a request handler would. */
export function ensignContextOf(pool: NeutralPool): (i: number) => Record<string, unknown> {
  const { ids, countries, plans, emails, versions, ages, betas } = pool;
  return (i) => ({ kind: 'user', key: ids[i], country: countries[i], plan: plans[i], email: emails[i], appVersion: versions[i], age: ages[i], beta: betas[i] });
}

/** The datafile of the main bench: `generateDatafile({ flags: 100 })` (seed = flag key, so the baseline's buckets match). */
const datafileText = (): string => JSON.stringify(generateDatafile({ flags: FLAG_COUNT }));

function compiled(): CompiledDatafile {
  const parsed = parseDatafile(datafileText());
  if (!parsed.ok) throw new Error('parseDatafile rejected the benchmark datafile');
  return compileDatafile(parsed.datafile);
}

async function client(extra: Record<string, unknown> = {}): Promise<EnsignClient> {
  const c = createClient({ datafile: datafileText(), logger: quietLogger, ...extra });
  const ready = await c.onReady({ timeout: 10_000 });
  if (!ready.success) throw new Error(`the node-sdk client did not become ready: ${ready.reason ?? ''}`);
  return c;
}

function keys(): string[] {
  return Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
}

/** W1's context alone: the literal every SDK row builds per call, returned (no SDK work). */
export async function ensignContextOnly(pool: NeutralPool): Promise<NeutralOp> {
  const contextOf = ensignContextOf(pool);
  return { evaluations: 1, run: (i) => contextOf(i) };
}

/** W1 through node-sdk: `client.variation(key, context, false)`. */
export async function ensignVariation(pool: NeutralPool): Promise<NeutralOp> {
  const c = await client();
  const k = keys();
  const contextOf = ensignContextOf(pool);
  return {
    evaluations: 1,
    run: (i) => c.variation(k[i % FLAG_COUNT] as string, contextOf(i), false),
    finish: async () => {
      await c.close();
      return {};
    },
  };
}

/** W1 on the raw evaluator: `evaluateFlag(compiled, context, key, { defaultValue: false })`. */
export async function ensignEvaluateFlag(pool: NeutralPool): Promise<NeutralOp> {
  const data = compiled();
  const k = keys();
  const options = { defaultValue: false };
  const contextOf = ensignContextOf(pool);
  return { evaluations: 1, run: (i) => evaluateFlag(data, contextOf(i) as never, k[i % FLAG_COUNT] as string, options) };
}

/** W2 through node-sdk: `client.allFlagsState(context)`. */
export async function ensignAllFlagsState(pool: NeutralPool): Promise<NeutralOp> {
  const c = await client();
  const contextOf = ensignContextOf(pool);
  return {
    evaluations: FLAG_COUNT,
    run: (i) => c.allFlagsState(contextOf(i)),
    finish: async () => {
      await c.close();
      return {};
    },
  };
}

/**
 * W2 through node-sdk, read: `client.allFlagsState(context).toJSON()`. The state's values and metadata are built when
 * first read, so the row above pays only for the evaluation; this one also pays for what a bootstrap would read.
 */
export async function ensignAllFlagsStateJson(pool: NeutralPool): Promise<NeutralOp> {
  const c = await client();
  const contextOf = ensignContextOf(pool);
  return {
    evaluations: FLAG_COUNT,
    run: (i) => c.allFlagsState(contextOf(i)).toJSON(),
    finish: async () => {
      await c.close();
      return {};
    },
  };
}

/** W2 on the raw evaluator: `evaluateFlags(compiled, context)`. */
export async function ensignEvaluateFlags(pool: NeutralPool): Promise<NeutralOp> {
  const data = compiled();
  const contextOf = ensignContextOf(pool);
  return { evaluations: FLAG_COUNT, run: (i) => evaluateFlags(data, contextOf(i) as never) };
}

/** A dispatcher that counts the events of each batch and discards it. */
export function discardingDispatcher(): { dispatcher: EventDispatcher; events: () => number; batches: () => number } {
  let events = 0;
  let batches = 0;
  return {
    dispatcher: {
      dispatch(batch: EventBatch) {
        batches++;
        events += batch.events.length;
        return Promise.resolve({ delivered: true, status: 202 });
      },
    },
    events: () => events,
    batches: () => batches,
  };
}

/** W4: `variation` with the client's events on at its defaults, to a discarding dispatcher; then `close()`. */
export async function ensignVariationEvents(pool: NeutralPool): Promise<NeutralOp> {
  const discard = discardingDispatcher();
  const c = await client({ sdkKey: 'bench-sdk-key', eventDispatcher: discard.dispatcher });
  const k = keys();
  const contextOf = ensignContextOf(pool);
  return {
    evaluations: 1,
    run: (i) => c.variation(k[i % FLAG_COUNT] as string, contextOf(i), false),
    finish: async () => {
      const before = c.getStatus().events;
      const start = performance.now();
      const closed = await c.close();
      const closeMs = performance.now() - start;
      return {
        closeMs: Math.round(closeMs * 10) / 10,
        events: discard.events(),
        batches: discard.batches(),
        dropped: (before?.dropped ?? 0) + closed.dropped,
        failed: (before?.failed ?? 0) + closed.failed,
      };
    },
  };
}

/**
 * W4's floor: `variation` with events off, then the least a recorder of LaunchDarkly-shaped events does with its
 * result (least-events.ts). Its overhead over `ensign-variation` is what such events cost at the least.
 */
export async function ensignVariationLeastEvents(pool: NeutralPool): Promise<NeutralOp> {
  const c = await client();
  const k = keys();
  const recorder = createLeastRecorder(k);
  const contextOf = ensignContextOf(pool);
  return {
    evaluations: 1,
    run: (i) => {
      const flag = i % FLAG_COUNT;
      const context = contextOf(i);
      const value = c.variation(k[flag] as string, context, false) === true;
      recorder.record(flag, context, value);
      return value;
    },
    finish: async () => {
      recorder.flush();
      await c.close();
      return { events: recorder.events() };
    },
  };
}
