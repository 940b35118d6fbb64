// Issue 15, item 5: evaluations of unknown flag keys must not grow the summary (nor memory, nor logs) without
// bound. Unknown keys are counted together; distinct flags per summary are capped, the rest counted as overflow.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { SummaryEvent } from './events.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

const context = { kind: 'user', key: 'u' };
const NOT_FOUND = { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' } as const;

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(0));
  const dispatcher = createFakeDispatcher();
  const logger = createRecordingLogger();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, logger, ...extra });
  const summaries = () => dispatcher.delivered().filter((e): e is SummaryEvent => e.kind === 'summary');
  return { pipeline, dispatcher, logger, summaries };
}

describe('summary bounds', () => {
  it('counts 200 000 distinct unknown flag keys together, in a summary of bounded size', async () => {
    const s = setup();
    for (let i = 0; i < 200_000; i++) {
      s.pipeline.recordDecision({ context, flagKey: `missing-${i}`, variationKey: null, value: false, defaultValue: false, reason: NOT_FOUND, track: false });
    }
    s.pipeline.recordDecision({ context, flagKey: 'known', flagVersion: 2, variationKey: 'on', value: true, track: false });
    expect(await s.pipeline.close()).toMatchObject({ pending: 0, failed: 0, dropped: 0 });
    const [summary, ...rest] = s.summaries();
    expect(rest).toHaveLength(0);
    expect(summary?.unknownFlagEvaluations).toBe(200_000);
    expect(summary?.overflowEvaluations).toBe(0);
    expect(summary?.flags.map((f) => f.flagKey)).toEqual(['known']);
    expect(JSON.stringify(s.dispatcher.batches).length).toBeLessThan(10_000);
  });

  it('itemizes at most summaryMaxFlags flags and counts the other evaluations as overflow', async () => {
    const s = setup({ summaryMaxFlags: 100 });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 250; i++) s.pipeline.recordDecision({ context, flagKey: `flag-${i}`, flagVersion: 1, variationKey: 'on', value: true, track: false });
    }
    await s.pipeline.close();
    const [summary] = s.summaries();
    expect(summary?.flags).toHaveLength(100);
    expect(summary?.flags.every((f) => f.counters[0]?.count === 2)).toBe(true);
    expect(summary?.overflowEvaluations).toBe(300);
    expect(summary?.unknownFlagEvaluations).toBe(0);
    expect(s.logger.lines.filter((l) => l.message.includes('summary'))).toHaveLength(1);
  });

  it('bounds the counters and context kinds of one flag', async () => {
    const s = setup();
    for (let v = 0; v < 1_000; v++) s.pipeline.recordDecision({ context, flagKey: 'f', flagVersion: v, variationKey: `var-${v}`, value: v, track: false });
    for (let k = 0; k < 100; k++) s.pipeline.recordDecision({ context: { kind: `kind${k}`, key: 'x' }, flagKey: 'f', flagVersion: 0, variationKey: 'var-0', value: 0, track: false });
    await s.pipeline.close();
    const [summary] = s.summaries();
    const flag = summary?.flags[0];
    expect(flag?.counters.length).toBeLessThanOrEqual(100);
    expect(flag?.contextKinds.length).toBeLessThanOrEqual(32);
    const itemized = (flag?.counters ?? []).reduce((n, c) => n + c.count, 0);
    expect(itemized + (summary?.overflowEvaluations ?? 0)).toBe(1_100);
  });

  it('logs unknown conversion keys once per minute for the kind of problem, not once per key', () => {
    const s = setup({ knownEvent: () => false });
    for (let i = 0; i < 10_000; i++) expect(s.pipeline.recordConversion({ context, eventKey: `e-${i}` })).toBe('skipped');
    expect(s.logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });
});
