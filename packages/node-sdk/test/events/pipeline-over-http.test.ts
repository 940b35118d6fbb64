// The event pipeline delivering to a real loopback server through the HTTP dispatcher and Node timers.
import type { Context } from '@ensign/context';
import { createEventPipeline } from '@ensign/event-pipeline';
import type { EventPipeline, EventPipelineOptions } from '@ensign/event-pipeline';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeDispatcher as createHttpDispatcher } from './node-dispatcher.js';
import { createNodeScheduler } from '../../src/platform/node-scheduler.js';
import type { NodeScheduler } from '../../src/platform/node-scheduler.js';
import { closedPort, startLoopbackServer } from './loopback-server.js';
import type { Answer, LoopbackServer } from './loopback-server.js';

const SDK_KEY = 'sdk-live-abcdef0123456789';

let server: LoopbackServer | undefined;
let pipeline: EventPipeline | undefined;
afterEach(async () => {
  await pipeline?.close({ timeoutMs: 0 });
  pipeline = undefined;
  await server?.close();
  server = undefined;
});

function start(url: string, extra: Partial<EventPipelineOptions> = {}, dispatcherTimeoutMs = 2_000) {
  const scheduler: NodeScheduler = createNodeScheduler();
  const logger = createRecordingLogger();
  const dispatcher = createHttpDispatcher({ url, sdkKey: SDK_KEY, timeoutMs: dispatcherTimeoutMs, gzipThresholdBytes: 512, logger });
  pipeline = createEventPipeline({ dispatcher, scheduler, logger, retryBaseDelayMs: 10, retryMaxDelayMs: 50, ...extra });
  return { scheduler, logger, pipeline };
}

const userWithSecret = (i: number): Context => ({ kind: 'user', key: `user-${i}`, email: `private-${i}@example.com`, plan: 'pro', _meta: { privateAttributes: ['email'] } });

describe('the event pipeline over HTTP', () => {
  it('delivers every event exactly once (by id) through a server that answers 503 for a while, then recovers', async () => {
    server = await startLoopbackServer((n): Answer => ({ status: n <= 5 ? 503 : 202 }));
    const { pipeline: p, scheduler } = start(server.url, { batchSize: 10, maxRetries: 10 });
    const recorded = 57;
    for (let i = 0; i < recorded; i++) p.recordIdentify(userWithSecret(i));
    const result = await p.flush({ timeoutMs: 10_000 });
    expect(result).toEqual({ delivered: recorded, pending: 0, failed: 0, dropped: 0 });
    const ids = server.acceptedIds();
    expect(ids).toHaveLength(recorded);
    expect(new Set(ids).size).toBe(recorded);
    expect(server.requests.filter((r) => r.status === 503)).toHaveLength(5);
    // the retried batches kept their payload id
    const payloadIds = server.requests.map((r) => r.headers['x-ensign-payload-id']);
    expect(new Set(payloadIds).size).toBe(Math.ceil(recorded / 10));
    expect(p.stats()).toMatchObject({ sent: recorded, failed: 0, dropped: 0 });
    expect(p.stats().retried).toBeGreaterThan(0);
    // private attributes never travelled
    expect(JSON.stringify(server.requests.map((r) => r.batch))).not.toContain('private-');
    await p.close();
    expect(scheduler.pending()).toBe(0);
  });

  it('reports pending events when a slow server outlasts flush({ timeoutMs })', async () => {
    server = await startLoopbackServer(() => ({ status: 200, delayMs: 600 }));
    const { pipeline: p } = start(server.url);
    p.recordIdentify(userWithSecret(1));
    p.recordIdentify(userWithSecret(2));
    const started = Date.now();
    expect(await p.flush({ timeoutMs: 100 })).toEqual({ delivered: 0, pending: 2, failed: 0, dropped: 0 });
    expect(Date.now() - started).toBeLessThan(1_000);
    // the request goes on; a longer flush sees it delivered
    expect(await p.flush({ timeoutMs: 5_000 })).toMatchObject({ delivered: 2, pending: 0 });
  });

  it('retries against a closed port and then counts the events as failed', async () => {
    const port = await closedPort();
    const { pipeline: p, logger } = start(`http://127.0.0.1:${port}/events`, { maxRetries: 2 });
    p.recordIdentify(userWithSecret(1));
    p.recordIdentify(userWithSecret(2));
    expect(await p.flush({ timeoutMs: 5_000 })).toEqual({ delivered: 0, pending: 0, failed: 2, dropped: 0 });
    expect(p.stats()).toMatchObject({ sent: 0, retried: 4, failed: 2 });
    const warn = logger.lines.filter((l) => l.level === 'warn');
    expect(warn).toHaveLength(1);
    expect(warn[0]?.message).toContain('ECONNREFUSED');
    expect(logger.text()).not.toContain(SDK_KEY);
    expect(logger.text()).not.toContain('private-');
  });

  it('counts the drops of a full queue and delivers the rest', async () => {
    server = await startLoopbackServer();
    const { pipeline: p } = start(server.url, { maxQueueSize: 20, batchSize: 100 });
    const outcomes = Array.from({ length: 50 }, (_, i) => p.recordIdentify(userWithSecret(i)));
    expect(outcomes.filter((o) => o === 'dropped')).toHaveLength(30);
    expect(p.stats()).toMatchObject({ queued: 20, dropped: 30 });
    expect(await p.flush({ timeoutMs: 5_000 })).toMatchObject({ delivered: 20 });
    expect(server.acceptedIds()).toHaveLength(20);
  });

  it('delivers what was queued on close(), gzipped when large, and leaves no timer behind', async () => {
    server = await startLoopbackServer();
    const { pipeline: p, scheduler } = start(server.url, { flushIntervalMs: 60_000 });
    for (let i = 0; i < 30; i++) p.recordIdentify(userWithSecret(i));
    p.recordDecision({ context: userWithSecret(0), flagKey: 'checkout', flagVersion: 2, variationKey: 'on', value: true, defaultValue: false, track: true });
    expect(server.requests).toHaveLength(0);
    expect(scheduler.pending()).toBeGreaterThan(0);
    const started = Date.now();
    expect(await p.close()).toEqual({ delivered: 32, pending: 0, failed: 0, dropped: 0 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.acceptedIds()).toHaveLength(32);
    expect(server.requests[0]?.headers['content-encoding']).toBe('gzip');
    expect(server.requests.flatMap((r) => r.batch.events.map((e) => e.kind)).sort()).toEqual([...Array(30).fill('identify'), 'decision', 'summary'].sort());
    expect(scheduler.pending()).toBe(0);
    expect(p.recordIdentify(userWithSecret(99))).toBe('dropped');
  });

  it('leaves no timer behind even when close() gives up on a server that never answers', async () => {
    server = await startLoopbackServer(() => ({ status: 200, delayMs: 10_000 }));
    const { pipeline: p, scheduler } = start(server.url, {}, 30_000);
    p.recordIdentify(userWithSecret(1));
    const started = Date.now();
    expect(await p.close({ timeoutMs: 200 })).toEqual({ delivered: 0, pending: 0, failed: 1, dropped: 0 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(scheduler.pending()).toBe(0);
    // the aborted request settles as failed
    for (let i = 0; i < 50 && p.stats().queued > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(p.stats()).toMatchObject({ queued: 0, failed: 1 });
  });
});
