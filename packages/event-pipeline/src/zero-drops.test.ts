// "Zero drops at the default settings": summaries and index events are bounded by construction, so a million
// summary-only evaluations fit the default queue.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

describe('zero drops at the default settings', () => {
  it('takes 1 000 000 summary-only evaluations of 1 000 users without dropping anything', async () => {
    const scheduler = createFakeScheduler(createFakeClock(0));
    const dispatcher = createFakeDispatcher({ retain: false });
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock });
    const users: Context[] = Array.from({ length: 1_000 }, (_, i) => ({ kind: 'user', key: `user-${i}`, plan: i % 2 ? 'pro' : 'free' }));
    const flags = ['checkout', 'search', 'pricing', 'banner'];
    for (let i = 0; i < 1_000_000; i++) {
      const on = i % 3 !== 0;
      pipeline.recordDecision({
        context: users[i % 1_000] as Context,
        flagKey: flags[i & 3] as string,
        flagVersion: 3,
        variationKey: on ? 'on' : 'off',
        variationIndex: on ? 1 : 0,
        value: on,
        defaultValue: false,
        track: false,
      });
    }
    expect(pipeline.stats()).toMatchObject({ dropped: 0, queued: 1_000 });
    expect(await pipeline.close()).toEqual({ delivered: 1_001, pending: 0, failed: 0, dropped: 0 });
    expect(pipeline.stats()).toMatchObject({ recorded: 1_001, queued: 0, queuedBytes: 0, sent: 1_001, retried: 0, failed: 0, dropped: 0 });
  });

  it('takes 100 000 distinct users, yielding now and then, without dropping and with a bounded queue', async () => {
    const scheduler = createFakeScheduler(createFakeClock(0));
    const dispatcher = createFakeDispatcher({ retain: false });
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock });
    let maxQueued = 0;
    for (let i = 0; i < 100_000; i++) {
      pipeline.recordDecision({ context: { kind: 'user', key: `u${i}` }, flagKey: 'f', flagVersion: 1, variationKey: 'on', value: true, track: false });
      if (i % 1_000 === 999) {
        maxQueued = Math.max(maxQueued, pipeline.stats().queued);
        await scheduler.advanceAsync(1);
      }
    }
    await pipeline.close();
    expect(pipeline.stats()).toMatchObject({ dropped: 0, sent: 100_001 });
    expect(maxQueued).toBeLessThanOrEqual(2_000);
  });
});
