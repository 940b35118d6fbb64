// What the events of one evaluation carry: the context is redacted once, at record time, and shared by the index
// and decision events only when both redact it alike.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { EnsignEvent } from './events.js';
import type { DecisionInput } from './inputs.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(1_000));
  const dispatcher = createFakeDispatcher();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, ...extra });
  return { scheduler, dispatcher, pipeline };
}

const tracked = (context: Context, over: Partial<DecisionInput> = {}): DecisionInput => ({
  context,
  flagKey: 'checkout',
  flagVersion: 2,
  variationKey: 'on',
  variationIndex: 1,
  value: true,
  defaultValue: false,
  track: true,
  ...over,
});

const contextOf = (events: EnsignEvent[], kind: string) => (events.find((e) => e.kind === kind) as { context?: unknown } | undefined)?.context;

describe('recordDecision: the context of its events', () => {
  it('gives the index and decision events of a new context the same redacted context and timestamp', async () => {
    const { pipeline, dispatcher, scheduler } = setup({ privateAttributes: ['email'] });
    pipeline.recordDecision(tracked({ kind: 'user', key: 'u1', email: 'e@x', plan: 'pro' }));
    await pipeline.flush();
    const events = dispatcher.delivered();
    const expected = { kind: 'user', key: 'u1', plan: 'pro', _meta: { redactedAttributes: ['email'] } };
    expect(contextOf(events, 'index')).toEqual(expected);
    expect(contextOf(events, 'decision')).toEqual(expected);
    expect(events.filter((e) => e.kind !== 'summary').map((e) => e.timestamp)).toEqual([scheduler.clock.now(), scheduler.clock.now()]);
  });

  it('redacts an anonymous context entirely in the decision event but not in its index event', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(tracked({ kind: 'multi', user: { key: 'anon-1', anonymous: true, plan: 'pro' }, org: { key: 'o', tier: 'gold' } }));
    await pipeline.flush();
    const events = dispatcher.delivered();
    expect(contextOf(events, 'index')).toEqual({ kind: 'multi', user: { key: 'anon-1', anonymous: true, plan: 'pro' }, org: { key: 'o', tier: 'gold' } });
    expect(contextOf(events, 'decision')).toEqual({
      kind: 'multi',
      user: { key: 'anon-1', anonymous: true, _meta: { redactedAttributes: ['plan'] } },
      org: { key: 'o', tier: 'gold' },
    });
  });

  it('shares the redaction of an anonymous context when every event redacts anonymous contexts', async () => {
    const { pipeline, dispatcher } = setup({ redactAnonymousInAllEvents: true });
    pipeline.recordDecision(tracked({ kind: 'user', key: 'anon-2', anonymous: true, plan: 'pro' }));
    await pipeline.flush();
    const events = dispatcher.delivered();
    const expected = { kind: 'user', key: 'anon-2', anonymous: true, _meta: { redactedAttributes: ['plan'] } };
    expect(contextOf(events, 'index')).toEqual(expected);
    expect(contextOf(events, 'decision')).toEqual(expected);
  });

  it('redacts an anonymous context in conversion events with redactAnonymousInConversions, and only there', async () => {
    for (const on of [false, true]) {
      const { pipeline, dispatcher } = setup({ redactAnonymousInConversions: on });
      const context = { kind: 'user', key: 'anon-3', anonymous: true, plan: 'pro' } as Context;
      pipeline.recordConversion({ context, eventKey: 'checkout' });
      pipeline.recordIdentify(context);
      await pipeline.flush();
      const events = dispatcher.delivered();
      const redacted = { kind: 'user', key: 'anon-3', anonymous: true, _meta: { redactedAttributes: ['plan'] } };
      expect(contextOf(events, 'conversion')).toEqual(on ? redacted : context);
      expect(contextOf(events, 'index')).toEqual(context);
      expect(contextOf(events, 'identify')).toEqual(context);
    }
  });

  it('sends what the context held when it was recorded, whatever the caller does to it afterwards', async () => {
    const { pipeline, dispatcher } = setup();
    const meta = { privateAttributes: ['email'] };
    const address = { city: 'Springfield' };
    const context = { kind: 'user', key: 'u2', email: 'e@x', plan: 'pro', address, _meta: meta } as Context;
    pipeline.recordDecision(tracked(context));
    // the caller reuses its objects: a new plan, a private value moved into a nested object, no private list
    context['plan'] = 'free';
    address.city = 'secret-city';
    meta.privateAttributes = [];
    await pipeline.flush();
    const sent = JSON.stringify(dispatcher.batches);
    expect(sent).not.toContain('e@x');
    expect(sent).not.toContain('secret-city');
    expect(sent).not.toContain('free');
    expect(contextOf(dispatcher.delivered(), 'decision')).toEqual({
      kind: 'user',
      key: 'u2',
      plan: 'pro',
      address: { city: 'Springfield' },
      _meta: { redactedAttributes: ['email'] },
    });
  });
});
