import { createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createFakeHttp } from '../test/fake-http.js';
import { createOdpEventDispatcher } from './event-dispatcher.js';
import type { OdpEvent } from './odp-event.js';

const event = (n: number): OdpEvent => ({ type: 'fullstack', action: 'a', identifiers: { fs_user_id: `u${n}` }, data: {} });
const endpoint = () => ({ host: 'https://odp.example', publicKey: 'pk' });

describe('createOdpEventDispatcher', () => {
  it('sends a full batch at once and a partial one after the flush interval', async () => {
    const http = createFakeHttp({ status: 202 });
    const scheduler = createFakeScheduler();
    const dispatcher = createOdpEventDispatcher({ http, scheduler, endpoint, batchSize: 2, flushIntervalMs: 1_000 });
    dispatcher.send(event(1));
    dispatcher.send(event(2));
    dispatcher.send(event(3));
    await scheduler.advanceAsync(0);
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0]?.url).toBe('https://odp.example/v3/events');
    expect(http.requests[0]?.headers?.['x-api-key']).toBe('pk');
    expect(JSON.parse(String(http.requests[0]?.body))).toHaveLength(2);
    await scheduler.advanceAsync(1_000);
    expect(http.requests).toHaveLength(2);
    expect(dispatcher.stats()).toEqual({ queued: 3, sent: 3, failed: 0, dropped: 0 });
  });

  it('retries a 5xx with a doubling delay and counts the batch failed after maxAttempts', async () => {
    const http = createFakeHttp({ status: 503 });
    const scheduler = createFakeScheduler();
    const dispatcher = createOdpEventDispatcher({ http, scheduler, endpoint, batchSize: 1, maxAttempts: 3, retryDelayMs: 100 });
    dispatcher.send(event(1));
    await scheduler.advanceAsync(0);
    expect(http.requests).toHaveLength(1);
    await scheduler.advanceAsync(100);
    expect(http.requests).toHaveLength(2);
    await scheduler.advanceAsync(200);
    expect(http.requests).toHaveLength(3);
    expect(dispatcher.stats()).toMatchObject({ sent: 0, failed: 1 });
  });

  it('does not retry a 4xx, drops past the capacity, without an endpoint and after close', async () => {
    const http = createFakeHttp({ status: 400 });
    const scheduler = createFakeScheduler();
    let where: { host: string; publicKey: string } | null = null;
    const dispatcher = createOdpEventDispatcher({ http, scheduler, endpoint: () => where, batchSize: 10, queueCapacity: 2 });
    expect([dispatcher.send(event(1)), dispatcher.send(event(2)), dispatcher.send(event(3))]).toEqual([true, true, false]);
    await dispatcher.flush();
    expect(http.requests).toHaveLength(0);
    where = endpoint();
    dispatcher.send(event(4));
    await dispatcher.close();
    expect(http.requests).toHaveLength(1);
    expect(dispatcher.send(event(5))).toBe(false);
    expect(dispatcher.stats()).toEqual({ queued: 3, sent: 0, failed: 1, dropped: 4 });
    expect(scheduler.pending()).toBe(0);
  });
});

describe('closing', () => {
  it('tries each queued batch once and does not wait for retry timers', async () => {
    const http = createFakeHttp({ status: 503 });
    const scheduler = createFakeScheduler();
    const dispatcher = createOdpEventDispatcher({ http, scheduler, endpoint, batchSize: 5, maxAttempts: 3 });
    dispatcher.send(event(1));
    await dispatcher.close(); // would never end if it waited for the fake scheduler
    expect(http.requests).toHaveLength(1);
    expect(dispatcher.stats()).toMatchObject({ failed: 1 });
  });
});

describe('closing during a retry wait', () => {
  it('ends the wait, tries once more and stops', async () => {
    const http = createFakeHttp({ status: 503 });
    const scheduler = createFakeScheduler();
    const dispatcher = createOdpEventDispatcher({ http, scheduler, endpoint, batchSize: 1, maxAttempts: 5, retryDelayMs: 10_000 });
    dispatcher.send(event(1));
    await scheduler.advanceAsync(0); // first try failed; a 10 s retry wait is scheduled
    await dispatcher.close();
    expect(http.requests).toHaveLength(2);
    expect(dispatcher.stats()).toMatchObject({ failed: 1 });
    expect(scheduler.pending()).toBe(0);
  });
});
