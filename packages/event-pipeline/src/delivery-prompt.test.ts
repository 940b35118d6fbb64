// Full batches leave as soon as the caller's synchronous work ends (a microtask, not a timer), so a loop that only
// awaits now and then (no turn of the event loop, no timer) still drains the queue.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(0));
  const dispatcher = createFakeDispatcher({ retain: false });
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, ...extra });
  const identify = (key: string) => pipeline.recordIdentify({ kind: 'user', key });
  return { scheduler, dispatcher, pipeline, identify };
}

describe('delivery: prompt hand-off of full batches', () => {
  it('hands a full batch to the dispatcher after a single await, with no timer of its own', async () => {
    const s = setup({ batchSize: 3 });
    ['a', 'b', 'c', 'd'].forEach(s.identify);
    expect(s.dispatcher.attempts()).toBe(0); // never inside the record call itself
    expect(s.scheduler.pending()).toBe(1); // the flush interval only
    await Promise.resolve();
    expect(s.dispatcher.attempts()).toBe(1);
    for (let i = 0; i < 5; i++) await Promise.resolve(); // the dispatcher's answer
    expect(s.pipeline.stats()).toMatchObject({ queued: 1, sent: 3 });
    expect(s.scheduler.pending()).toBe(1);
  });

  it('drops nothing for 100 000 distinct users when the loop awaits a resolved promise every 100 evaluations', async () => {
    const s = setup();
    let maxQueued = 0;
    for (let i = 0; i < 100_000; i++) {
      s.pipeline.recordDecision({ context: { kind: 'user', key: `user-${i}` }, flagKey: 'f', flagVersion: 1, variationKey: 'on', value: true, track: false });
      if (i % 100 === 99) {
        maxQueued = Math.max(maxQueued, s.pipeline.stats().queued);
        await Promise.resolve(); // microtasks only: the fake scheduler's timers never run in this loop
      }
    }
    expect(s.pipeline.stats()).toMatchObject({ dropped: 0 });
    expect(maxQueued).toBeLessThanOrEqual(300);
    expect(await s.pipeline.close()).toMatchObject({ dropped: 0, pending: 0 });
    expect(s.pipeline.stats()).toMatchObject({ dropped: 0, sent: 100_001, queued: 0 });
  });

  it('keeps the events queued and counted when the idGenerator throws while a batch is made', async () => {
    let broken = false;
    let n = 0;
    const s = setup({
      batchSize: 2,
      idGenerator: () => {
        if (broken) throw new Error('no ids');
        return `id-${++n}`;
      },
    });
    s.identify('a');
    broken = true;
    expect(s.identify('b')).toBe('dropped'); // its own id could not be made
    broken = false;
    s.identify('c');
    broken = true; // now the batch id fails
    await Promise.resolve();
    expect(await s.pipeline.flush()).toEqual({ delivered: 0, pending: 0, failed: 0, dropped: 0 });
    expect(s.pipeline.stats()).toMatchObject({ queued: 2, sent: 0, dropped: 1 });
    broken = false;
    expect(await s.pipeline.flush()).toEqual({ delivered: 2, pending: 0, failed: 0, dropped: 0 });
    expect(s.pipeline.stats()).toMatchObject({ recorded: 3, queued: 0, sent: 2, retried: 0, failed: 0, dropped: 1 });
  });
});
