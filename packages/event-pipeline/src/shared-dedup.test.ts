// `sharedDedup`: index, assignment and exposure events sent once across pipelines sharing a store, with the local
// caches answering first (recording never waits on the port) and a failing or silent port letting batches go.
import type { SharedDedup } from '@ensign/common';
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { EventPipelineOptions } from './options.js';
import { SHARED_DEDUP_TIMEOUT_MS } from './shared-dedup-gate.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

/** An in-memory store with SET NX semantics, shared by the pipelines of one test; it records every call. */
function memoryStore() {
  const claimed = new Map<string, number>();
  const calls: { keys: string[]; ttlMs: number }[] = [];
  const port: SharedDedup = {
    claimKeys(keys, ttlMs) {
      calls.push({ keys: [...keys], ttlMs });
      return Promise.resolve(keys.map((key) => (claimed.has(key) ? false : (claimed.set(key, ttlMs), true))));
    },
  };
  return { port, calls, claimed };
}

function pipelineOn(sharedDedup: SharedDedup, extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(1_000));
  const dispatcher = createFakeDispatcher();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, sharedDedup, contextKeysFlushIntervalMs: 300_000, ...extra });
  return { scheduler, dispatcher, pipeline };
}

const user = (key: string): Context => ({ kind: 'user', key, email: `${key}@example.com` });
const kinds = (events: readonly { kind: string }[]) => events.map((e) => e.kind);

function recordAll(pipeline: ReturnType<typeof pipelineOn>['pipeline'], key: string) {
  const context = user(key);
  pipeline.recordDecision({ context, flagKey: 'f', flagVersion: 1, variationKey: 'on', variationIndex: 1, value: true, defaultValue: false, track: false });
  pipeline.recordAssignment({ context, userId: key, deviceId: null, flags: [{ flagKey: 'f', variantKey: 'on' }] });
  pipeline.recordExposure({ context, userId: key, deviceId: null, flagKey: 'f', variantKey: 'on' });
}

describe('sharedDedup', () => {
  it('sends the index, assignment and exposure events of a user once across two pipelines', async () => {
    const store = memoryStore();
    const a = pipelineOn(store.port);
    const b = pipelineOn(store.port);
    recordAll(a.pipeline, 'u1');
    recordAll(b.pipeline, 'u1');
    recordAll(b.pipeline, 'u2');
    expect(store.calls).toEqual([]); // recording never reaches the port
    await a.pipeline.flush();
    await b.pipeline.flush();
    expect(kinds(a.dispatcher.delivered())).toEqual(['index', 'assignment', 'exposure', 'summary']);
    expect(kinds(b.dispatcher.delivered())).toEqual(['index', 'assignment', 'exposure', 'summary']);
    expect(b.dispatcher.delivered().filter((e) => e.kind === 'index')).toMatchObject([{ context: { key: 'u2' } }]);
    const stats = b.pipeline.stats();
    expect(stats.dropReasons['shared-duplicate']).toBe(3);
    expect(stats.recorded).toBe(stats.sent + stats.dropped + stats.failed + stats.queued);
    // One call per kind and batch, each with its window; the email never reaches the port.
    expect(store.calls.map((c) => [c.keys[0]?.split(':')[0], c.ttlMs]).sort()).toEqual(
      [['assignment', 86_400_000], ['assignment', 86_400_000], ['exposure', 86_400_000], ['exposure', 86_400_000], ['index', 300_000], ['index', 300_000]].sort(),
    );
    expect(JSON.stringify(store.calls)).not.toContain('example.com');
  });

  it('asks nothing for a key the local cache has seen, and settles a batch emptied by the store as sent', async () => {
    const store = memoryStore();
    const a = pipelineOn(store.port);
    const b = pipelineOn(store.port);
    a.pipeline.recordExposure({ context: user('u1'), userId: 'u1', deviceId: null, flagKey: 'f', variantKey: 'on' });
    await a.pipeline.flush();
    b.pipeline.recordExposure({ context: user('u1'), userId: 'u1', deviceId: null, flagKey: 'f', variantKey: 'on' });
    expect(await b.pipeline.flush()).toEqual({ delivered: 0, pending: 0, failed: 0, dropped: 0 });
    expect(b.dispatcher.attempts()).toBe(0);
    expect(b.pipeline.recordExposure({ context: user('u1'), userId: 'u1', deviceId: null, flagKey: 'f', variantKey: 'on' })).toBe('deduplicated');
    expect(store.calls).toHaveLength(2);
  });

  it('checks a batch once: its retries are not asked again', async () => {
    const store = memoryStore();
    let attempts = 0;
    const scheduler = createFakeScheduler(createFakeClock(1_000));
    const dispatcher = createFakeDispatcher({ respond: () => (++attempts === 1 ? { delivered: false, status: 503 } : { delivered: true }) });
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, sharedDedup: store.port, retryBaseDelayMs: 10, retryMaxDelayMs: 10 });
    pipeline.recordExposure({ context: user('u1'), userId: 'u1', deviceId: null, flagKey: 'f', variantKey: 'on' });
    void pipeline.flush();
    for (let i = 0; i < 10 && dispatcher.deliveredCount() === 0; i++) await scheduler.advanceAsync(20);
    expect(kinds(dispatcher.delivered())).toEqual(['exposure']);
    expect(store.calls).toHaveLength(1);
  });

  it('sends the whole batch, with one log line, when the store rejects, throws or never answers', async () => {
    const ports: SharedDedup[] = [
      { claimKeys: () => Promise.reject(new Error('connection refused')) },
      {
        claimKeys: () => {
          throw new Error('broken');
        },
      },
      { claimKeys: () => Promise.resolve([]) },
      { claimKeys: () => new Promise<readonly boolean[]>(() => {}) },
    ];
    for (const port of ports) {
      const logger = createRecordingLogger();
      const { pipeline, dispatcher, scheduler } = pipelineOn(port, { logger });
      recordAll(pipeline, 'u1');
      recordAll(pipeline, 'u2');
      const flushed = pipeline.flush();
      await scheduler.advanceAsync(SHARED_DEDUP_TIMEOUT_MS);
      await flushed;
      expect(kinds(dispatcher.delivered()).filter((k) => k !== 'summary')).toHaveLength(6);
      expect(logger.lines.filter((l) => l.message.includes('sharedDedup'))).toHaveLength(1);
    }
  });

  it('refuses a sharedDedup without claimKeys', () => {
    expect(() => pipelineOn({} as SharedDedup)).toThrow(/sharedDedup must have a claimKeys/);
  });
});
