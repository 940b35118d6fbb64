// `indexTrackedContexts: false`: a tracked decision event that carries its context, redacted as an index event
// would carry it, stands in for that index event.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { DecisionInput } from './inputs.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(1_000));
  const dispatcher = createFakeDispatcher();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, indexTrackedContexts: false, ...extra });
  return { scheduler, dispatcher, pipeline };
}

const decision = (context: Context, track: boolean): DecisionInput => ({
  context,
  flagKey: 'checkout',
  flagVersion: 2,
  variationKey: 'on',
  variationIndex: 1,
  value: true,
  defaultValue: false,
  track,
});

const kinds = (events: readonly { kind: string }[]) => events.map((e) => e.kind);

describe('indexTrackedContexts: false', () => {
  it('sends one decision event, and no index event, for a tracked evaluation of a new context', async () => {
    const { pipeline, dispatcher } = setup({ privateAttributes: ['email'] });
    expect(pipeline.recordDecision(decision({ kind: 'user', key: 'u1', email: 'e@x', plan: 'pro' }, true))).toBe('queued');
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['decision', 'summary']);
    expect(dispatcher.delivered()[0]).toMatchObject({ context: { kind: 'user', key: 'u1', plan: 'pro', _meta: { redactedAttributes: ['email'] } } });
  });

  it('remembers the context as indexed, so a later untracked evaluation of it sends no index event', async () => {
    const { pipeline, dispatcher } = setup();
    const context: Context = { kind: 'user', key: 'u2' };
    pipeline.recordDecision(decision(context, true));
    pipeline.recordDecision(decision(context, false));
    pipeline.recordConversion({ context, eventKey: 'purchase' });
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['decision', 'conversion', 'summary']);
  });

  it('still indexes a new context on an untracked evaluation', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(decision({ kind: 'user', key: 'u3' }, false));
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['index', 'summary']);
  });

  it('still indexes an anonymous context, whose decision event redacts every attribute', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(decision({ kind: 'user', key: 'anon', anonymous: true, plan: 'pro' }, true));
    await pipeline.flush();
    const events = dispatcher.delivered();
    expect(kinds(events)).toEqual(['index', 'decision', 'summary']);
    expect(events[0]).toMatchObject({ context: { key: 'anon', plan: 'pro' } });
  });

  it('lets the decision event stand in for an anonymous context when every event redacts anonymous contexts', async () => {
    const { pipeline, dispatcher } = setup({ redactAnonymousInAllEvents: true });
    pipeline.recordDecision(decision({ kind: 'user', key: 'anon', anonymous: true, plan: 'pro' }, true));
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['decision', 'summary']);
  });

  it('forgets the context again when its decision event is dropped, so its next evaluation indexes it', async () => {
    const { pipeline, dispatcher } = setup({ maxQueueSize: 1 });
    pipeline.recordIdentify({ kind: 'user', key: 'someone-else' }); // fills the queue
    expect(pipeline.recordDecision(decision({ kind: 'user', key: 'u4' }, true))).toBe('dropped');
    await pipeline.flush();
    expect(pipeline.recordDecision(decision({ kind: 'user', key: 'u4' }, false))).toBe('summarized');
    await pipeline.flush();
    // the index event fills the queue again, so the summary waits for a later flush
    expect(kinds(dispatcher.delivered())).toEqual(['identify', 'index']);
    expect(pipeline.stats()).toMatchObject({ dropped: 1 });
  });

  it('sends both events by default, as LaunchDarkly does', async () => {
    const { pipeline, dispatcher } = setup({ indexTrackedContexts: true });
    pipeline.recordDecision(decision({ kind: 'user', key: 'u5' }, true));
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['index', 'decision', 'summary']);
  });
});
