// Issue 15's memory test: a million distinct users and 200 000 distinct unknown flag keys through the event
// pipeline leave the heap bounded: nothing is kept per context or per unknown key.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import type { EventDispatcher } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import type { SummaryEvent } from './events.js';

// With `node --expose-gc` a full GC before each reading makes them exact; vitest workers usually run without it, so
// the readings then include garbage not yet collected, and the bound below is generous enough for both.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const MB = 1024 * 1024;
const NOT_FOUND = { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' } as const;

describe('memory under a million distinct users and 200 000 unknown flag keys', () => {
  it('keeps the heap within a bound and accounts for every event', async () => {
    let summary: SummaryEvent | undefined;
    let delivered = 0;
    const dispatcher: EventDispatcher = {
      async dispatch(batch) {
        delivered += batch.events.length;
        for (const e of batch.events) if (e.kind === 'summary') summary = e;
        return { delivered: true, status: 202 };
      },
    };
    const scheduler = createFakeScheduler(createFakeClock(0));
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, flushIntervalMs: 600_000 });
    const yieldNow = () => scheduler.advanceAsync(1);

    gc();
    const before = process.memoryUsage().heapUsed;
    let peakHeld = 0;
    for (let i = 0; i < 1_000_000; i++) {
      pipeline.recordDecision({ context: { kind: 'user', key: `user-${i}`, plan: 'pro' }, flagKey: 'checkout', flagVersion: 3, variationKey: 'on', variationIndex: 1, value: true, defaultValue: false, track: false });
      if (i < 200_000) pipeline.recordDecision({ context: { kind: 'user', key: 'user-0' }, flagKey: `missing-${i}`, variationKey: null, value: false, defaultValue: false, reason: NOT_FOUND, track: false });
      if (i % 1_000 === 999) {
        peakHeld = Math.max(peakHeld, pipeline.stats().queued);
        await yieldNow();
      }
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Before the summary was capped, 200 000 unknown keys alone held over 100 MB until the next flush.
    expect(grown).toBeLessThan(64 * MB);
    expect(peakHeld).toBeLessThanOrEqual(2_000);

    const closing = pipeline.close({ timeoutMs: 5_000 });
    await scheduler.advanceAsync(5_000);
    const result = await closing;
    expect(result.pending).toBe(0);
    const st = pipeline.stats();
    expect(st).toMatchObject({ queued: 0, queuedBytes: 0, failed: 0, dropped: 0 });
    expect(st.sent).toBe(st.recorded);
    expect(st.sent).toBe(delivered);
    expect(summary?.unknownFlagEvaluations).toBe(200_000);
    expect(summary?.flags.map((f) => f.flagKey)).toEqual(['checkout']);
    expect(scheduler.pending()).toBe(0);
  });
});
