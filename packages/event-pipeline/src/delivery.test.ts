import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
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
  // identify events: one event per call, no index or summary, so counts are exact
  const record = (...keys: string[]) => keys.map((key) => pipeline.recordIdentify({ kind: 'user', key }));
  const keysSent = () => dispatcher.delivered().map((e) => (e as unknown as { context: { key: string } }).context.key);
  return { scheduler, dispatcher, logger, pipeline, record, keysSent };
}

const status = (s: number): DispatchResult => ({ delivered: s >= 200 && s < 300, status: s });

// A receiver that answers only when the test says so.
function gate() {
  const waiting: { resolve: (r: DispatchResult) => void; options: DispatchOptions }[] = [];
  return {
    waiting,
    respond: (_batch: EventBatch, options: DispatchOptions) => new Promise<DispatchResult>((resolve) => waiting.push({ resolve, options })),
    release: (result: DispatchResult = status(200)) => waiting.shift()?.resolve(result),
  };
}

describe('delivery: batching and flushing', () => {
  it('flushes every flushIntervalMs', async () => {
    const { scheduler, dispatcher, record } = setup(undefined, { flushIntervalMs: 1_000 });
    record('a');
    await scheduler.advanceAsync(999);
    expect(dispatcher.attempts()).toBe(0);
    await scheduler.advanceAsync(1);
    expect(dispatcher.attempts()).toBe(1);
  });

  it('sends a full batch as soon as it is queued, and a partial one at the next flush', async () => {
    const { scheduler, dispatcher, record } = setup(undefined, { batchSize: 3 });
    record('a', 'b', 'c', 'd');
    await scheduler.advanceAsync(0);
    expect(dispatcher.batches.map((b) => b.events.length)).toEqual([3]);
    await scheduler.advanceAsync(5_000);
    expect(dispatcher.batches.map((b) => b.events.length)).toEqual([3, 1]);
  });

  it('splits a flush into batches of batchSize', async () => {
    const { pipeline, dispatcher, record } = setup(undefined, { batchSize: 2 });
    record('a', 'b', 'c', 'd', 'e');
    expect(await pipeline.flush()).toEqual({ delivered: 5, pending: 0, failed: 0, dropped: 0 });
    expect(dispatcher.batches.map((b) => b.events.length)).toEqual([2, 2, 1]);
  });

  it('keeps at most maxConcurrentBatches batches in flight', async () => {
    const g = gate();
    const { pipeline, scheduler, record } = setup(g.respond, { batchSize: 1, maxConcurrentBatches: 2 });
    record('a', 'b', 'c', 'd', 'e');
    void pipeline.flush();
    await scheduler.advanceAsync(0);
    expect(g.waiting).toHaveLength(2);
    g.release();
    await scheduler.advanceAsync(0);
    expect(g.waiting).toHaveLength(2);
    expect(pipeline.stats()).toMatchObject({ queued: 4, sent: 1 });
  });

  it('reports what is still pending when flush times out, and never rejects', async () => {
    const g = gate();
    const { pipeline, scheduler, record } = setup(g.respond);
    record('a', 'b');
    const result = pipeline.flush({ timeoutMs: 100 });
    await scheduler.advanceAsync(100);
    expect(await result).toEqual({ delivered: 0, pending: 2, failed: 0, dropped: 0 });
    g.release();
    await scheduler.advanceAsync(0);
    expect(pipeline.stats()).toMatchObject({ queued: 0, sent: 2 });
  });
});

describe('delivery: retries', () => {
  it('retries a 503 with exponential backoff and full jitter, then counts the batch as failed after maxRetries', async () => {
    const times: number[] = [];
    const attempts: number[] = [];
    let scheduler!: ReturnType<typeof setup>['scheduler'];
    const s = setup((_b, o) => {
      times.push(scheduler.clock.now());
      attempts.push(o.attempt);
      return status(503);
    }, { maxRetries: 3, retryBaseDelayMs: 1_000, retryMaxDelayMs: 30_000 });
    scheduler = s.scheduler;
    s.record('a', 'b');
    const result = s.pipeline.flush({ timeoutMs: 60_000 });
    await scheduler.advanceAsync(60_000);
    // random() = 0.5: delays of 500, 1 000 and 2 000 ms
    expect(times).toEqual([0, 500, 1_500, 3_500]);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(await result).toEqual({ delivered: 0, pending: 0, failed: 2, dropped: 0 });
    expect(s.pipeline.stats()).toMatchObject({ recorded: 2, queued: 0, sent: 0, retried: 6, failed: 2, dropped: 0 });
    expect(s.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(s.logger.lines.filter((l) => l.level === 'debug')).toHaveLength(3);
  });

  it('caps each delay at retryMaxDelayMs', async () => {
    const times: number[] = [];
    let scheduler!: ReturnType<typeof setup>['scheduler'];
    const s = setup(() => {
      times.push(scheduler.clock.now());
      return status(500);
    }, { maxRetries: 4, retryBaseDelayMs: 1_000, retryMaxDelayMs: 1_500, random: () => 0.999 });
    scheduler = s.scheduler;
    s.record('a');
    void s.pipeline.flush({ timeoutMs: 60_000 });
    await scheduler.advanceAsync(60_000);
    expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual([999, 1_498, 1_498, 1_498]);
  });

  it('keeps the batch id and every event id across retries, and delivers each event once', async () => {
    const answers = [503, 503, 200];
    const s = setup(() => status(answers.shift() ?? 200));
    s.record('a', 'b', 'c');
    const result = s.pipeline.flush({ timeoutMs: 60_000 });
    await s.scheduler.advanceAsync(60_000);
    expect(await result).toEqual({ delivered: 3, pending: 0, failed: 0, dropped: 0 });
    const [first, ...retries] = s.dispatcher.batches;
    expect(retries).toHaveLength(2);
    for (const retry of retries) {
      expect(retry.batchId).toBe(first?.batchId);
      expect(retry.events.map((e) => e.id)).toEqual(first?.events.map((e) => e.id));
    }
    expect(s.keysSent()).toEqual(['a', 'b', 'c']);
    expect(s.pipeline.stats()).toMatchObject({ sent: 3, retried: 6, failed: 0 });
  });

  it('retries 429s and network errors (a rejected or throwing dispatcher) too', async () => {
    const answers: (() => DispatchResult)[] = [
      () => status(429),
      () => ({ delivered: false, error: new Error('ECONNREFUSED') }),
      () => {
        throw new Error('socket hang up');
      },
      () => status(204),
    ];
    const s = setup(() => (answers.shift() ?? (() => status(200)))(), { maxRetries: 3 });
    s.record('a');
    const result = s.pipeline.flush({ timeoutMs: 60_000 });
    await s.scheduler.advanceAsync(60_000);
    expect(await result).toMatchObject({ delivered: 1 });
    expect(s.dispatcher.attempts()).toBe(4);
  });

  it('waits at least a Retry-After hint', async () => {
    const times: number[] = [];
    let scheduler!: ReturnType<typeof setup>['scheduler'];
    const answers = [{ delivered: false, status: 429, retryAfterMs: 7_000 }, status(200)];
    const s = setup(() => {
      times.push(scheduler.clock.now());
      return answers.shift() ?? status(200);
    }, { random: () => 0 });
    scheduler = s.scheduler;
    s.record('a');
    void s.pipeline.flush({ timeoutMs: 60_000 });
    await scheduler.advanceAsync(60_000);
    expect(times).toEqual([0, 7_000]);
  });

  it('drops a batch rejected with a 4xx other than 429 after one log line, without retrying', async () => {
    const s = setup(() => status(400), { maxRetries: 5 });
    s.record('a', 'b');
    expect(await s.pipeline.flush()).toEqual({ delivered: 0, pending: 0, failed: 2, dropped: 0 });
    expect(s.dispatcher.attempts()).toBe(1);
    expect(s.logger.lines).toHaveLength(1);
    expect(s.logger.lines[0]).toMatchObject({ level: 'error', message: expect.stringContaining('HTTP 400') });
  });

  it('does not retry when a dispatcher says retryable: false', async () => {
    const s = setup(() => ({ delivered: false, retryable: false, error: new Error('payload too large') }));
    s.record('a');
    expect(await s.pipeline.flush()).toMatchObject({ failed: 1 });
    expect(s.dispatcher.attempts()).toBe(1);
  });
});

describe('delivery: a bounded queue', () => {
  it('drops the newest events when full (drop-newest), counts them and logs once per flush interval', async () => {
    const s = setup(undefined, { maxQueueSize: 5 });
    const outcomes = s.record('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(outcomes.filter((o) => o === 'dropped')).toHaveLength(3);
    expect(s.pipeline.stats()).toMatchObject({ queued: 5, dropped: 3 });
    expect(s.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    await s.pipeline.flush();
    expect(s.keysSent()).toEqual(['a', 'b', 'c', 'd', 'e']);
    s.record('1', '2', '3', '4', '5', '6');
    expect(s.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    await s.scheduler.advanceAsync(5_000);
    s.record('7', '8', '9', '10', '11', '12');
    expect(s.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('drops the oldest queued events when full (drop-oldest)', async () => {
    const s = setup(undefined, { maxQueueSize: 5, overflow: 'drop-oldest' });
    const outcomes = s.record('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(outcomes.every((o) => o === 'queued')).toBe(true);
    expect(s.pipeline.stats()).toMatchObject({ queued: 5, dropped: 3 });
    await s.pipeline.flush();
    expect(s.keysSent()).toEqual(['d', 'e', 'f', 'g', 'h']);
  });

  it('counts events in flight and waiting for a retry against the bound', async () => {
    const g = gate();
    const s = setup(g.respond, { maxQueueSize: 3 });
    s.record('a', 'b');
    void s.pipeline.flush();
    await s.scheduler.advanceAsync(0);
    expect(s.record('c', 'd')).toEqual(['queued', 'dropped']);
  });

  it('defers the summary rather than dropping it when the queue is full', async () => {
    const s = setup(undefined, { maxQueueSize: 1 });
    s.pipeline.recordDecision({ context: { kind: 'user', key: 'u' }, flagKey: 'f', variationKey: 'on', value: true, track: false });
    s.pipeline.recordDecision({ context: { kind: 'user', key: 'u' }, flagKey: 'f', variationKey: 'on', value: true, track: false });
    await s.pipeline.flush(); // the index event filled the queue: the summary waits
    await s.pipeline.flush();
    const summaries = s.dispatcher.delivered().filter((e) => e.kind === 'summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ flags: [{ counters: [{ count: 2 }] }] });
  });

  it('queues the last summary at close even when the queue is full', async () => {
    const s = setup(undefined, { maxQueueSize: 1 });
    s.pipeline.recordDecision({ context: { kind: 'user', key: 'u' }, flagKey: 'f', variationKey: 'on', value: true, track: false });
    expect(await s.pipeline.close()).toEqual({ delivered: 2, pending: 0, failed: 0, dropped: 0 });
    expect(s.dispatcher.delivered().map((e) => e.kind)).toEqual(['index', 'summary']);
  });
});
