// The client's event defaults (CLIENT_EVENT_DEFAULTS): large batches, four requests in flight, a large bounded
// queue, and an index event for a new context even beside a tracked decision event that carries it (as LaunchDarkly).
import type { DispatchResult, EventBatch } from '@ensign/event-pipeline';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENT_DEFAULTS } from './client.js';
import { exampleWith, makeClient } from './helpers.js';

const withSendFlagDecisions = exampleWith((d) => {
  d.settings = { ...d.settings, sendFlagDecisions: true };
});

describe('the client event defaults', () => {
  it("sends an index event beside the decision event of a tracked decision of a new user, as LaunchDarkly's SDK", async () => {
    const { client, events } = makeClient({ datafile: withSendFlagDecisions });
    client.createUserContext('user-1', { country: 'FR' }).decide('checkout-redesign');
    client.createUserContext('user-1', { country: 'FR' }).decide('checkout-redesign');
    const all = await events();
    expect(all.map((e) => e.kind)).toEqual(['index', 'decision', 'decision', 'summary']);
    expect(all[0]).toMatchObject({ context: { kind: 'user', key: 'user-1', country: 'FR' } });
    expect(all[1]).toMatchObject({ context: { kind: 'user', key: 'user-1', country: 'FR' } });
    expect(CLIENT_EVENT_DEFAULTS.indexTrackedContexts).toBe(true);
  });

  it('puts up to 1 000 events in a request and keeps up to four requests in flight', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { client } = makeClient({
      eventDispatcher: {
        async dispatch(batch: EventBatch): Promise<DispatchResult> {
          started.push(batch.events.length);
          inFlight++;
          await gate;
          inFlight--;
          return { delivered: true };
        },
      },
    });
    for (let i = 0; i < 6_000; i++) client.identify({ kind: 'user', key: `u${i}` });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(inFlight).toBe(CLIENT_EVENT_DEFAULTS.concurrentRequests);
    release();
    const result = await client.flush();
    expect(result).toMatchObject({ pending: 0, failed: 0, dropped: 0 });
    expect(started.reduce((a, b) => a + b, 0)).toBe(6_000);
    expect(client.getStatus().events).toMatchObject({ sent: 6_000, dropped: 0 });
  });

  it('holds up to 100 000 events, then drops and counts the rest', async () => {
    const { client, scheduler } = makeClient({
      eventDispatcher: { dispatch: () => new Promise<DispatchResult>(() => {}) }, // a receiver that never answers
    });
    for (let i = 0; i < 100_010; i++) client.track('e', { kind: 'user', key: 'u' });
    // 1 index event + 100 010 conversions: 100 000 are held, 11 dropped
    expect(client.getStatus().events).toMatchObject({ queued: 100_000, dropped: 11 });
    const closing = client.close({ timeoutMs: 0 });
    await scheduler.advanceAsync(1);
    expect(await closing).toMatchObject({ delivered: 0 });
  });
});

