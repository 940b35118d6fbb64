import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DispatchOptions, DispatchResult } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import type { EventBatch } from './events.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import type { FakeDispatcherOptions } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

function setup(respond?: FakeDispatcherOptions['respond'], extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(0));
  const dispatcher = createFakeDispatcher(respond ? { respond } : {});
  const logger = createRecordingLogger();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, logger, random: () => 0.5, ...extra });
  const record = (...keys: string[]) => keys.map((key) => pipeline.recordIdentify({ kind: 'user', key }));
  return { scheduler, dispatcher, logger, pipeline, record };
}

const status = (s: number): DispatchResult => ({ delivered: s >= 200 && s < 300, status: s });

describe('close()', () => {
  it('delivers what was queued, with the last summary, then leaves no timer', async () => {
    const s = setup();
    s.record('a', 'b', 'c');
    s.pipeline.recordDecision({ context: { kind: 'user', key: 'a' }, flagKey: 'f', variationKey: 'on', value: true, track: false });
    expect(s.scheduler.pending()).toBeGreaterThan(0);
    expect(await s.pipeline.close()).toEqual({ delivered: 4, pending: 0, failed: 0, dropped: 0 });
    expect(s.dispatcher.delivered().map((e) => e.kind)).toEqual(['identify', 'identify', 'identify', 'summary']);
    expect(s.scheduler.pending()).toBe(0);
    expect(s.pipeline.isClosed()).toBe(true);
  });

  it('turns later record calls into counted no-ops', async () => {
    const s = setup();
    await s.pipeline.close();
    const ctx = { kind: 'user', key: 'late' };
    expect(s.pipeline.recordIdentify(ctx)).toBe('dropped');
    expect(s.pipeline.recordDecision({ context: ctx, flagKey: 'f', variationKey: 'on', value: true, track: false })).toBe('dropped');
    expect(s.pipeline.recordConversion({ context: ctx, eventKey: 'e' })).toBe('dropped');
    expect(s.pipeline.recordAssignment({ context: ctx, flags: [{ flagKey: 'f', variantKey: 'on' }] })).toBe('dropped');
    expect(s.pipeline.recordExposure({ context: ctx, flagKey: 'f', variantKey: 'on' })).toBe('dropped');
    expect(s.pipeline.stats()).toMatchObject({ queued: 0, dropped: 5 });
    expect(await s.pipeline.flush()).toEqual({ delivered: 0, pending: 0, failed: 0, dropped: 0 });
    expect(s.dispatcher.attempts()).toBe(0);
    expect(s.scheduler.pending()).toBe(0);
  });

  it('is idempotent', async () => {
    const s = setup();
    s.record('a');
    const first = s.pipeline.close();
    expect(s.pipeline.close()).toBe(first);
    await first;
    expect(s.dispatcher.attempts()).toBe(1);
  });

  it('gives a batch waiting on a backoff its next attempt at once', async () => {
    const answers = [503, 200];
    const s = setup(() => status(answers.shift() ?? 200), { retryBaseDelayMs: 20_000 });
    s.record('a');
    void s.pipeline.flush();
    await s.scheduler.advanceAsync(0);
    expect(s.dispatcher.attempts()).toBe(1);
    expect(await s.pipeline.close()).toEqual({ delivered: 1, pending: 0, failed: 0, dropped: 0 });
    expect(s.scheduler.clock.now()).toBe(0);
    expect(s.scheduler.pending()).toBe(0);
  });

  it('stops at its timeout: aborts and fails what is in flight, drops what waits, and leaves no timer', async () => {
    const signals: AbortSignal[] = [];
    const s = setup(
      (_b: EventBatch, o: DispatchOptions) =>
        new Promise<DispatchResult>((resolve) => {
          if (o.signal) signals.push(o.signal);
          o.signal?.addEventListener('abort', () => resolve({ delivered: false, error: new Error('aborted') }));
        }),
      { batchSize: 1, maxConcurrentBatches: 1 },
    );
    s.record('a', 'b', 'c');
    const closing = s.pipeline.close({ timeoutMs: 250 });
    await s.scheduler.advanceAsync(250);
    expect(await closing).toEqual({ delivered: 0, pending: 0, failed: 1, dropped: 2 });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    await s.scheduler.advanceAsync(0);
    expect(s.pipeline.stats()).toMatchObject({ recorded: 3, queued: 0, sent: 0, retried: 0, failed: 1, dropped: 2 });
    expect(s.pipeline.stats().dropReasons['close-timeout']).toBe(2);
    expect(s.scheduler.pending()).toBe(0);
    expect(s.logger.lines.some((l) => l.level === 'warn' && l.message.includes('2 event(s)'))).toBe(true);
  });

  it('settles a flush that is still waiting when close stops', async () => {
    const s = setup(() => new Promise<DispatchResult>(() => {}), { batchSize: 1, maxConcurrentBatches: 1 });
    s.record('a', 'b');
    const flushing = s.pipeline.flush({ timeoutMs: 60_000 });
    const closing = s.pipeline.close({ timeoutMs: 10 });
    await s.scheduler.advanceAsync(10);
    expect(await closing).toMatchObject({ pending: 0, failed: 1, dropped: 1 });
    expect(await flushing).toMatchObject({ pending: 0, failed: 1, dropped: 1 });
    expect(s.scheduler.pending()).toBe(0);
  });
});

describe('accounting', () => {
  it('ends every event sent, failed or dropped, whatever the receiver answers', async () => {
    const answer = fc.oneof(
      fc.constant<DispatchResult | 'throw' | 'hang'>(status(200)),
      fc.constant<DispatchResult | 'throw' | 'hang'>(status(503)),
      fc.constant<DispatchResult | 'throw' | 'hang'>(status(429)),
      fc.constant<DispatchResult | 'throw' | 'hang'>(status(400)),
      fc.constant<DispatchResult | 'throw' | 'hang'>('throw'),
      fc.constant<DispatchResult | 'throw' | 'hang'>('hang'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom<'drop-newest' | 'drop-oldest'>('drop-newest', 'drop-oldest'),
        async (answers, events, batchSize, maxQueueSize, maxRetries, overflow) => {
          let i = 0;
          const respond = (_b: EventBatch, o: DispatchOptions): DispatchResult | Promise<DispatchResult> => {
            const a = answers[i++ % answers.length];
            if (a === 'throw') throw new Error('boom');
            if (a === 'hang') return new Promise((resolve) => o.signal?.addEventListener('abort', () => resolve({ delivered: false })));
            return a as DispatchResult;
          };
          const s = setup(respond, { batchSize, maxQueueSize, maxRetries, overflow, retryBaseDelayMs: 100, closeTimeoutMs: 1_000 });
          const keys = Array.from({ length: events }, (_, k) => `k${k}`);
          for (const key of keys) {
            s.record(key);
            await s.scheduler.advanceAsync(37);
          }
          const closing = s.pipeline.close();
          await s.scheduler.advanceAsync(1_000);
          await closing;
          await s.scheduler.advanceAsync(0);
          const st = s.pipeline.stats();
          expect(st.queued).toBe(0);
          expect(st.sent + st.failed + st.dropped).toBe(events);
          expect(st.recorded).toBe(events);
          const delivered = s.dispatcher.delivered().map((e) => e.id);
          expect(new Set(delivered).size).toBe(delivered.length);
          expect(delivered).toHaveLength(st.sent);
          expect(s.scheduler.pending()).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
