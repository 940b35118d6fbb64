// Issue 15, item 6: after close() resolves nothing is pending. A batch still in flight when the close timeout passes
// can no longer be delivered by the pipeline, so it is counted (failed) before close() resolves.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import type { DispatchOptions, DispatchResult } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import type { EventBatch } from './events.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import type { FakeDispatcherOptions } from './testing/fake-dispatcher.js';

function setup(respond: FakeDispatcherOptions['respond']) {
  const scheduler = createFakeScheduler(createFakeClock(0));
  const dispatcher = createFakeDispatcher({ respond });
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, batchSize: 1, maxConcurrentBatches: 1 });
  for (const key of ['a', 'b', 'c']) pipeline.recordIdentify({ kind: 'user', key });
  return { scheduler, dispatcher, pipeline };
}

describe('close() and events in flight', () => {
  it('counts a batch whose request never settles as failed, so close() reports nothing pending', async () => {
    // a receiver that ignores the abort signal: the dispatcher's promise never settles
    const s = setup(() => new Promise<DispatchResult>(() => {}));
    const closing = s.pipeline.close({ timeoutMs: 250 });
    await s.scheduler.advanceAsync(250);
    const result = await closing;
    expect(result).toEqual({ delivered: 0, pending: 0, failed: 1, dropped: 2 });
    const st = s.pipeline.stats();
    expect(st).toMatchObject({ queued: 0, sent: 0, failed: 1, dropped: 2, recorded: 3 });
    expect(st.sent + st.failed + st.dropped).toBe(st.recorded);
    expect(s.scheduler.pending()).toBe(0);
  });

  it('does not count an aborted batch twice when its request settles after close()', async () => {
    const s = setup(
      (_b: EventBatch, o: DispatchOptions) =>
        new Promise<DispatchResult>((resolve) => o.signal?.addEventListener('abort', () => setTimeout(() => resolve({ delivered: true }), 5))),
    );
    const closing = s.pipeline.close({ timeoutMs: 100 });
    await s.scheduler.advanceAsync(100);
    expect(await closing).toEqual({ delivered: 0, pending: 0, failed: 1, dropped: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(s.pipeline.stats()).toMatchObject({ queued: 0, sent: 0, failed: 1, dropped: 2 });
  });

  it('reports nothing pending from a flush() that close() cut short, and from flush() after close()', async () => {
    const s = setup(() => new Promise<DispatchResult>(() => {}));
    const flushing = s.pipeline.flush({ timeoutMs: 60_000 });
    const closing = s.pipeline.close({ timeoutMs: 10 });
    await s.scheduler.advanceAsync(10);
    expect(await closing).toMatchObject({ pending: 0, failed: 1, dropped: 2 });
    expect(await flushing).toMatchObject({ pending: 0, failed: 1, dropped: 2 });
    expect(await s.pipeline.flush()).toEqual({ delivered: 0, pending: 0, failed: 0, dropped: 0 });
  });
});
