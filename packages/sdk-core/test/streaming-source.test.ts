import { silentLogger } from '@ensign/common';
import { createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createPollingSource, createStreamingSource } from '../src/index.js';
import { createFakeHttp, createRecordingSink, refused } from './fake-http.js';

const message = (event: string, revision: string, datafile: string) => `event: ${event}\ndata: ${JSON.stringify({ revision, datafile })}\n\n`;

function setup() {
  const fake = createFakeHttp();
  const scheduler = createFakeScheduler();
  const common = { http: fake.http, scheduler, logger: silentLogger, random: () => 0 };
  const fallback = createPollingSource({ ...common, clock: scheduler.clock, url: 'http://flags.test/v1/datafiles/k.json', intervalMs: 5_000 });
  const source = createStreamingSource({ ...common, url: 'http://flags.test/v1/stream/k', fallback, idleTimeoutMs: 60_000 });
  const sink = createRecordingSink();
  fake.onRequest = () => ({ status: 200, headers: { etag: '"p1"' }, body: 'polled' });
  return { fake, scheduler, source, sink };
}

describe('createStreamingSource', () => {
  it('pushes the datafile of put and patch events and never polls while the stream works', async () => {
    const { fake, scheduler, source, sink } = setup();
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(fake.streams[0]?.request.headers?.['accept']).toBe('text/event-stream');
    fake.streams[0]?.push('retry: 1000\n\n' + message('put', 'r1', 'one').slice(0, 20));
    fake.streams[0]?.push(message('put', 'r1', 'one').slice(20) + ':\n\n' + message('patch', 'r2', 'two'));
    await scheduler.advanceAsync(30_000);
    expect(sink.updates).toEqual([
      { document: 'one', revision: 'r1' },
      { document: 'two', revision: 'r2' },
    ]);
    expect(fake.requests).toHaveLength(0);
    source.close();
    await scheduler.advanceAsync(0);
    expect(fake.streams[0]?.closed).toBe(true);
  });

  it('polls while the stream cannot connect, reconnects with backoff, and stops polling once the stream delivers', async () => {
    const { fake, scheduler, source, sink } = setup();
    fake.onStream = () => refused();
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(sink.errors[0]?.message).toMatch(/ECONNREFUSED.*reconnecting in 500 ms, polling meanwhile/);
    expect(sink.updates).toEqual([{ document: 'polled', revision: '"p1"' }]);
    await scheduler.advanceAsync(5_000);
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    fake.onStream = () => 200;
    await scheduler.advanceAsync(10_000);
    const stream = fake.streams[0];
    expect(stream).toBeDefined();
    stream?.push(message('put', 'r9', 'streamed'));
    await scheduler.advanceAsync(0);
    expect(sink.updates.at(-1)).toEqual({ document: 'streamed', revision: 'r9' });
    const polls = fake.requests.length;
    await scheduler.advanceAsync(30_000);
    expect(fake.requests).toHaveLength(polls);
    source.close();
  });

  it('drops a half-received event when the connection breaks, reconnects, and applies the next put', async () => {
    const { fake, scheduler, source, sink } = setup();
    source.start(sink);
    await scheduler.advanceAsync(0);
    const full = message('patch', 'r2', 'two');
    fake.streams[0]?.push(message('put', 'r1', 'one') + full.slice(0, full.length - 5));
    fake.streams[0]?.fail();
    await scheduler.advanceAsync(0);
    expect(sink.updates.map((u) => u.document)).toEqual(['one', 'polled']);
    expect(sink.errors[0]?.message).toContain('ECONNRESET');
    await scheduler.advanceAsync(1_000);
    expect(fake.streams).toHaveLength(2);
    fake.streams[1]?.push(message('put', 'r2', 'two'));
    await scheduler.advanceAsync(0);
    expect(sink.updates.at(-1)?.document).toBe('two');
    source.close();
  });

  it('reconnects on a malformed event, on a stream that ends, on an error status and after a silence', async () => {
    const { fake, scheduler, source, sink } = setup();
    source.start(sink);
    await scheduler.advanceAsync(0);
    fake.streams[0]?.push('event: put\ndata: {not json\n\n');
    await scheduler.advanceAsync(0);
    expect(sink.errors.at(-1)?.message).toContain('malformed "put" event');
    await scheduler.advanceAsync(1_000);
    fake.streams[1]?.end();
    await scheduler.advanceAsync(0);
    expect(sink.errors.at(-1)?.message).toContain('the stream ended');
    fake.onStream = () => 401;
    await scheduler.advanceAsync(2_000);
    expect(sink.errors.at(-1)).toMatchObject({ status: 401 });
    fake.onStream = () => 200;
    await scheduler.advanceAsync(4_000);
    const last = fake.streams.at(-1);
    last?.push(': heartbeat\n\n');
    await scheduler.advanceAsync(59_999);
    expect(last?.closed).toBe(false);
    await scheduler.advanceAsync(1);
    expect(last?.closed).toBe(true);
    expect(sink.errors.at(-1)?.message).toContain('silent for 60000 ms');
    source.close();
  });

  it('backs off more and more from a server that accepts and drops at once, even though it sends retry: each time', async () => {
    const { fake, scheduler, source, sink } = setup();
    const opened: number[] = [];
    fake.onStream = () => {
      opened.push(scheduler.clock.now());
      return 200;
    };
    source.start(sink);
    for (let i = 0; i < 5; i++) {
      await scheduler.advanceAsync(0);
      fake.streams.at(-1)?.push('retry: 200\n\n');
      fake.streams.at(-1)?.end();
      await scheduler.advanceAsync(0);
      await scheduler.advanceAsync(30_000 - (scheduler.clock.now() % 30_000));
    }
    const gaps = opened.slice(1).map((t, i) => t - (opened[i] as number));
    expect(gaps.length).toBeGreaterThanOrEqual(4);
    source.close();
    // random() = 0: half of 200, 400, 800, 1 600 ms...: reconnections come later each time.
    const delays = sink.errors.map((e) => Number(/reconnecting in (\d+) ms/.exec(e.message)?.[1]));
    expect(delays.slice(0, 4)).toEqual([100, 200, 400, 800]);
  });

  it('polls only, with one warning, when the HttpClient cannot stream', async () => {
    const { fake, scheduler, sink } = setup();
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    const noStream = { request: fake.http.request };
    const fallback = createPollingSource({ url: 'http://x/d.json', http: noStream, scheduler, clock: scheduler.clock, logger, intervalMs: 1_000 });
    const source = createStreamingSource({ url: 'http://x/s', http: noStream, scheduler, logger, fallback });
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(warnings).toEqual(['this platform cannot stream: polling instead']);
    expect(sink.updates).toHaveLength(1);
    source.close();
  });
});
