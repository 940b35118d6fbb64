// Issue 15, item 8: the queue is bounded in bytes too (`maxQueueBytes`), each event's serialized size estimated
// once, when it is recorded; drops are counted with their reason.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import type { DispatchResult } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import { EVENT_PIPELINE_DEFAULTS } from './options.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

const big = (i: number) => ({ kind: 'user', key: `user-${i}`, blob: 'x'.repeat(5_000) });

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(0));
  // a receiver that does not answer until close() gives up
  const dispatcher = createFakeDispatcher({ retain: false, respond: () => new Promise<DispatchResult>(() => {}) });
  const logger = createRecordingLogger();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, logger, ...extra });
  return { pipeline, logger, scheduler };
}

describe('the queue bounded in bytes', () => {
  it('has a default of 64 MiB', () => {
    expect(EVENT_PIPELINE_DEFAULTS.maxQueueBytes).toBe(64 * 1024 * 1024);
  });

  it('holds no more than maxQueueBytes of 5 KB events, and counts the rest as dropped for that reason', async () => {
    const s = setup({ maxQueueBytes: 1_000_000, maxQueueSize: 100_000 });
    const outcomes = Array.from({ length: 1_000 }, (_, i) => s.pipeline.recordIdentify(big(i)));
    const st = s.pipeline.stats();
    expect(st.queuedBytes).toBeLessThanOrEqual(1_000_000);
    expect(st.queuedBytes).toBeGreaterThan(900_000);
    const queued = outcomes.filter((o) => o === 'queued').length;
    expect(queued).toBe(st.queued);
    expect(queued).toBeGreaterThan(150);
    expect(queued).toBeLessThan(201);
    expect(st.dropReasons['queue-bytes']).toBe(1_000 - queued);
    expect(st.queued + st.sent + st.failed + st.dropped).toBe(st.recorded);
    expect(s.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    const closing = s.pipeline.close({ timeoutMs: 10 });
    await s.scheduler.advanceAsync(10);
    await closing;
    expect(s.pipeline.stats()).toMatchObject({ queued: 0, queuedBytes: 0 });
  });

  it('under drop-oldest, makes room by dropping the oldest unbatched events', () => {
    const s = setup({ maxQueueBytes: 100_000, overflow: 'drop-oldest', batchSize: 1_000 });
    const outcomes = Array.from({ length: 100 }, (_, i) => s.pipeline.recordIdentify(big(i)));
    expect(outcomes.every((o) => o === 'queued')).toBe(true);
    const st = s.pipeline.stats();
    expect(st.queuedBytes).toBeLessThanOrEqual(100_000);
    expect(st.dropReasons['queue-bytes']).toBe(100 - st.queued);
  });

  it('drops an event larger than the whole budget', () => {
    const s = setup({ maxQueueBytes: 4_096 });
    expect(s.pipeline.recordIdentify(big(1))).toBe('dropped');
    expect(s.pipeline.recordIdentify({ kind: 'user', key: 'small' })).toBe('queued');
    expect(s.pipeline.stats().dropReasons['queue-bytes']).toBe(1);
  });

  it('rejects a maxQueueBytes below 1 KiB', () => {
    const scheduler = createFakeScheduler(createFakeClock(0));
    expect(() => createEventPipeline({ dispatcher: createFakeDispatcher(), scheduler, maxQueueBytes: 10 })).toThrow(/maxQueueBytes/);
  });
});

describe('the summary and the bytes bound', () => {
  it('waits while the queue is more than half full in bytes, is never dropped for room, and goes at close', async () => {
    const s = setup({ maxQueueBytes: 100_000, batchSize: 1_000 });
    for (let i = 0; i < 12; i++) s.pipeline.recordIdentify(big(i)); // about 60 KB
    s.pipeline.recordDecision({ context: { kind: 'user', key: 'user-0' }, flagKey: 'f', flagVersion: 1, variationKey: 'on', value: true, track: false });
    const before = s.pipeline.stats().recorded;
    void s.pipeline.flush({ timeoutMs: 0 });
    await s.scheduler.advanceAsync(0);
    expect(s.pipeline.stats().recorded).toBe(before); // no summary yet: it waits
    const closing = s.pipeline.close({ timeoutMs: 10 });
    await s.scheduler.advanceAsync(10);
    await closing;
    const st = s.pipeline.stats();
    expect(st.recorded).toBe(before + 1); // the summary, queued at close
    expect(st.dropReasons['queue-bytes']).toBe(0);
    expect(st.sent + st.failed + st.dropped).toBe(st.recorded);
  });
});
