// Index events of flat contexts are queued as compact records (a snapshot, a reserved id, the time) and built when
// their batch is made: what is sent must be what building them at once would have sent.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { EnsignEvent } from './events.js';
import type { DecisionInput } from './inputs.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(1_000));
  const dispatcher = createFakeDispatcher();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, ...extra });
  return { scheduler, dispatcher, pipeline };
}

const decision = (context: Context, track = false): DecisionInput => ({
  context,
  flagKey: 'checkout',
  flagVersion: 2,
  variationKey: 'on',
  variationIndex: 1,
  value: true,
  defaultValue: false,
  track,
});

const indexes = (events: readonly EnsignEvent[]) => events.filter((e) => e.kind === 'index');

describe('compact index records', () => {
  it('sends the context as it was when recorded, even when the caller changes it afterwards', async () => {
    const { pipeline, dispatcher, scheduler } = setup();
    const context: Record<string, unknown> = { kind: 'user', key: 'u-1', plan: 'pro', age: 42, beta: true };
    expect(pipeline.recordDecision(decision(context as Context))).toBe('summarized');
    context['plan'] = 'free';
    context['email'] = 'late@example.com';
    delete context['age'];
    scheduler.clock.advance(5);
    await pipeline.flush();
    expect(indexes(dispatcher.delivered())).toEqual([
      { kind: 'index', id: expect.stringMatching(UUID_V4), timestamp: 1_000, context: { kind: 'user', key: 'u-1', plan: 'pro', age: 42, beta: true } },
    ]);
  });

  it('gives index events distinct ids in the order they were recorded, between the ids of other events', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(decision({ kind: 'user', key: 'a' }));
    pipeline.recordIdentify({ kind: 'user', key: 'b' });
    pipeline.recordDecision(decision({ kind: 'user', key: 'c' }));
    pipeline.recordDecision(decision({ kind: 'user', key: 'd', address: { city: 'Oslo' } } as Context)); // redacted at once
    await pipeline.flush();
    const events = dispatcher.delivered().filter((e) => e.kind !== 'summary');
    expect(events.map((e) => e.kind)).toEqual(['index', 'identify', 'index', 'index']);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids); // one prefix, a counter in the last 12 hex digits
  });

  it('still redacts through the redactor when private attributes are configured', async () => {
    const { pipeline, dispatcher } = setup({ privateAttributes: ['email'] });
    pipeline.recordDecision(decision({ kind: 'user', key: 'u-2', email: 'e@example.com', plan: 'pro' }));
    await pipeline.flush();
    expect(indexes(dispatcher.delivered())[0]?.context).toEqual({ kind: 'user', key: 'u-2', plan: 'pro', _meta: { redactedAttributes: ['email'] } });
  });

  it('never sends an attribute named private in the context itself', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(decision({ kind: 'user', key: 'u-3', email: 'e@example.com', _meta: { privateAttributes: ['email'] } } as Context));
    await pipeline.flush();
    expect(JSON.stringify(dispatcher.delivered())).not.toContain('e@example.com');
  });

  it('counts a context whose getter throws as an invalid drop, and keeps the accounting whole', async () => {
    const { pipeline } = setup();
    const hostile = { kind: 'user', key: 'u-4' } as Record<string, unknown>;
    Object.defineProperty(hostile, 'plan', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(pipeline.recordDecision(decision(hostile as Context))).toBe('summarized');
    expect(pipeline.stats().dropReasons.invalid).toBe(1);
    const closed = await pipeline.close();
    const stats = pipeline.stats();
    expect(closed.dropped).toBe(0);
    expect(stats.recorded).toBe(stats.sent + stats.failed + stats.dropped);
  });

  it('drops the newest compact records when the queue is full, and the oldest under drop-oldest', async () => {
    for (const overflow of ['drop-newest', 'drop-oldest'] as const) {
      const { pipeline, dispatcher } = setup({ maxQueueSize: 2, batchSize: 10, overflow });
      for (const key of ['a', 'b', 'c']) pipeline.recordDecision(decision({ kind: 'user', key }));
      expect(pipeline.stats().dropReasons['queue-full']).toBe(1);
      await pipeline.flush();
      const keys = indexes(dispatcher.delivered()).map((e) => (e.context as { key: string }).key);
      expect(keys).toEqual(overflow === 'drop-newest' ? ['a', 'b'] : ['b', 'c']);
    }
  });
});
