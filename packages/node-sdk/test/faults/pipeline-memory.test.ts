// Issue 15's memory test: a million distinct users and 200 000 distinct unknown flag keys through the event
// pipeline, on Node timers, leave the heap bounded: nothing is kept per context or per unknown key.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEventPipeline } from '@ensign/event-pipeline';
import type { EventDispatcher, SummaryEvent } from '@ensign/event-pipeline';
import { createNodeScheduler } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';

// A full GC before each reading makes the heap comparable; vitest workers run without --expose-gc, so expose it
// here. Should that fail, readings are taken without it and the bound below is generous enough for both.
function collector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
}

const MB = 1024 * 1024;
const NOT_FOUND = { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' } as const;

describe('memory under a million distinct users and 200 000 unknown flag keys', () => {
  it('keeps the heap within a bound and accounts for every event', async () => {
    const gc = collector();
    let summary: SummaryEvent | undefined;
    let delivered = 0;
    const dispatcher: EventDispatcher = {
      async dispatch(batch) {
        delivered += batch.events.length;
        for (const e of batch.events) if (e.kind === 'summary') summary = e;
        return { delivered: true, status: 202 };
      },
    };
    const scheduler = createNodeScheduler();
    const pipeline = createEventPipeline({ dispatcher, scheduler, flushIntervalMs: 600_000 });
    const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

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
    expect(grown).toBeLessThan(48 * MB);
    expect(peakHeld).toBeLessThanOrEqual(2_000);

    const result = await pipeline.close({ timeoutMs: 5_000 });
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
