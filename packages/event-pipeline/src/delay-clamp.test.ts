// Issue 15, item 7: a huge flush or close timeout (3e9, Infinity) must not reach a timer as is. Node warns
// (TimeoutOverflowWarning) and fires such a timer after 1 ms, so every delay the pipeline schedules is clamped to
// [0, 2^31 - 1] ms, and an infinite timeout still ends.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Scheduler } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import type { DispatchResult } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import type { FakeDispatcherOptions } from './testing/fake-dispatcher.js';

const MAX = 2 ** 31 - 1;

function setup(respond: FakeDispatcherOptions['respond'], extra: Partial<EventPipelineOptions> = {}) {
  const fake = createFakeScheduler(createFakeClock(0));
  const delays: number[] = [];
  // Records every delay handed to the scheduler, as Node's timers would receive it.
  const scheduler: Scheduler = {
    setTimeout: (cb, ms) => (delays.push(ms), fake.setTimeout(cb, ms)),
    setInterval: (cb, ms) => (delays.push(ms), fake.setInterval(cb, ms)),
  };
  const dispatcher = createFakeDispatcher({ respond });
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: fake.clock, random: () => 0.999, ...extra });
  pipeline.recordIdentify({ kind: 'user', key: 'a' });
  const inRange = () => delays.every((d) => Number.isFinite(d) && d >= 0 && d <= MAX);
  return { fake, delays, pipeline, dispatcher, inRange };
}

async function closeNow(s: ReturnType<typeof setup>) {
  const closing = s.pipeline.close({ timeoutMs: 0 });
  await s.fake.advanceAsync(0);
  await closing;
}

const hang = () => new Promise<DispatchResult>(() => {});

describe('delays handed to the scheduler', () => {
  it.each([3e9, Infinity, Number.MAX_VALUE])('clamps flush({ timeoutMs: %d }) to 2^31 - 1 ms, and the flush still ends', async (timeoutMs) => {
    const s = setup(hang, { flushIntervalMs: 1e12 });
    let result: unknown = null;
    void s.pipeline.flush({ timeoutMs }).then((r) => (result = r));
    await s.fake.advanceAsync(0);
    expect(s.inRange()).toBe(true);
    expect(s.delays[1]).toBe(MAX); // [0] is the flush interval
    await s.fake.advanceAsync(MAX);
    expect(result).toEqual({ delivered: 0, pending: 1, failed: 0, dropped: 0 });
    await closeNow(s);
  });

  it.each([3e9, Infinity])('clamps close({ timeoutMs: %d }) and counts every event before it resolves', async (timeoutMs) => {
    const s = setup(hang, { flushIntervalMs: 1e12 });
    const closing = s.pipeline.close({ timeoutMs });
    await s.fake.advanceAsync(0);
    expect(s.inRange()).toBe(true);
    await s.fake.advanceAsync(MAX);
    expect(await closing).toEqual({ delivered: 0, pending: 0, failed: 1, dropped: 0 });
    expect(s.fake.pending()).toBe(0);
  });

  it('treats a negative timeout as 0 and a NaN timeout as the default', async () => {
    const s = setup(hang);
    void s.pipeline.flush({ timeoutMs: -5 });
    void s.pipeline.flush({ timeoutMs: Number.NaN });
    await s.fake.advanceAsync(0);
    expect(s.delays.slice(1)).toEqual([0, 5_000]);
    await closeNow(s);
  });

  it('clamps a huge flush interval and huge retry delays', async () => {
    const answers: DispatchResult[] = [{ delivered: false, status: 503 }];
    const s = setup(() => answers.shift() ?? { delivered: true }, { flushIntervalMs: 3e9, retryBaseDelayMs: 1e12, retryMaxDelayMs: Infinity });
    void s.pipeline.flush({ timeoutMs: 10 });
    await s.fake.advanceAsync(10);
    expect(s.dispatcher.attempts()).toBe(1);
    expect(s.delays.length).toBeGreaterThanOrEqual(3); // interval, flush timeout, retry
    expect(s.inRange()).toBe(true);
    expect(await s.pipeline.close({ timeoutMs: 100 })).toEqual({ delivered: 1, pending: 0, failed: 0, dropped: 0 });
  });
});
