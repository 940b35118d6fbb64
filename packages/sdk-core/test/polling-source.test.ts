import { silentLogger } from '@ensign/common';
import type { HttpResponse } from '@ensign/common';
import { createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createDatafileVerifier, createPollingSource } from '../src/index.js';
import { createFakeHttp, createRecordingSink } from './fake-http.js';

const URL = 'http://flags.test/v1/datafiles/sdk-1.json';

function setup(intervalMs = 5_000) {
  const fake = createFakeHttp();
  const scheduler = createFakeScheduler();
  const source = createPollingSource({ url: URL, http: fake.http, scheduler, clock: scheduler.clock, logger: silentLogger, random: () => 0, intervalMs });
  const sink = createRecordingSink();
  return { fake, scheduler, source, sink };
}

describe('createPollingSource', () => {
  it('polls at start and every interval, asks If-None-Match with the ETag, and pushes only a 200', async () => {
    const { fake, scheduler, source, sink } = setup();
    let version = 1;
    fake.onRequest = (request): HttpResponse =>
      request.headers?.['if-none-match'] === `"v${version}"` ? { status: 304, headers: {}, body: '' } : { status: 200, headers: { etag: `"v${version}"` }, body: `{"v":${version}}` };
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(sink.updates).toEqual([{ document: '{"v":1}', revision: '"v1"' }]);
    await scheduler.advanceAsync(5_000);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.headers?.['if-none-match']).toBe('"v1"');
    expect(sink.updates).toHaveLength(1);
    version = 2;
    await scheduler.advanceAsync(5_000);
    expect(sink.updates.map((u) => u.document)).toEqual(['{"v":1}', '{"v":2}']);
    source.close();
    await scheduler.advanceAsync(60_000);
    expect(fake.requests).toHaveLength(3);
    expect(scheduler.pending()).toBe(0);
  });

  it('reports a failure and retries after a backoff (1 s, 2 s, 4 s... capped at the interval), then recovers', async () => {
    const { fake, scheduler, source, sink } = setup(5_000);
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(sink.errors[0]).toMatchObject({ retrying: true });
    expect(sink.errors[0]?.message).toContain('ECONNREFUSED');
    const times: number[] = [];
    fake.onRequest = () => {
      times.push(scheduler.clock.now());
      throw Object.assign(new Error('x'), { name: 'TimeoutError' });
    };
    await scheduler.advanceAsync(20_000);
    // random() = 0: each delay is half its step: 500, 1 000, 2 000, 2 500 (half of the 5 s cap)...
    expect(times.slice(0, 4)).toEqual([500, 1_500, 3_500, 6_000]);
    const okTimes: number[] = [];
    fake.onRequest = () => {
      okTimes.push(scheduler.clock.now());
      return { status: 200, headers: { etag: '"a"' }, body: '{}' };
    };
    await scheduler.advanceAsync(20_000);
    expect(sink.updates).toHaveLength(1);
    // Back to the interval once it works.
    expect(okTimes.slice(1, 4).map((t, i) => t - (okTimes[i] as number))).toEqual([5_000, 5_000, 5_000]);
    source.close();
  });

  it('pushes the datafile in use again on the first 304 after failures, so the store can end the run of failures', async () => {
    const { fake, scheduler, source, sink } = setup(5_000);
    let down = false;
    fake.onRequest = (request): HttpResponse => {
      if (down) return { status: 502, headers: {}, body: '' };
      return request.headers?.['if-none-match'] === '"a"' ? { status: 304, headers: {}, body: '' } : { status: 200, headers: { etag: '"a"' }, body: 'text' };
    };
    source.start(sink);
    await scheduler.advanceAsync(5_000);
    expect(sink.updates).toHaveLength(1);
    down = true;
    await scheduler.advanceAsync(5_000);
    expect(sink.errors).toHaveLength(1);
    down = false;
    await scheduler.advanceAsync(5_000);
    expect(sink.updates.map((u) => u.document)).toEqual(['text', 'text']);
    await scheduler.advanceAsync(10_000);
    expect(sink.updates).toHaveLength(2);
    source.close();
  });

  it('honours Retry-After on a 503 and names the status', async () => {
    const { fake, scheduler, source, sink } = setup(60_000);
    fake.onRequest = () => ({ status: 503, headers: { 'retry-after': '30' }, body: '' });
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(sink.errors[0]).toMatchObject({ status: 503, retrying: true });
    await scheduler.advanceAsync(29_999);
    expect(fake.requests).toHaveLength(1);
    await scheduler.advanceAsync(1);
    expect(fake.requests).toHaveLength(2);
    source.close();
  });

  it('refuses a datafile whose signature does not verify, and does not remember its ETag', async () => {
    const { fake, scheduler, sink } = setup();
    const verifier = createDatafileVerifier({ k1: '-----BEGIN PUBLIC KEY-----\nX\n-----END PUBLIC KEY-----' }, { verifyEd25519: (_d, s) => s[0] === 1 });
    const source = createPollingSource({ url: URL, http: fake.http, scheduler, clock: scheduler.clock, logger: silentLogger, intervalMs: 5_000, verifier });
    fake.onRequest = () => ({ status: 200, headers: { etag: '"e"', 'x-ensign-signature': 'k1=Ag==' }, body: '{}' });
    source.start(sink);
    await scheduler.advanceAsync(0);
    expect(sink.updates).toHaveLength(0);
    expect(sink.errors[0]?.message).toContain('does not verify');
    await scheduler.advanceAsync(5_000);
    expect(fake.requests[1]?.headers?.['if-none-match']).toBeUndefined();
    fake.onRequest = () => ({ status: 200, headers: { etag: '"e"', 'x-ensign-signature': 'k1=AQ==' }, body: '{}' });
    await scheduler.advanceAsync(5_000);
    expect(sink.updates).toHaveLength(1);
    source.close();
  });

  it('aborts a request in flight on close and pushes nothing from it', async () => {
    const { fake, scheduler, source, sink } = setup();
    let release: () => void = () => undefined;
    fake.onRequest = (request) =>
      new Promise((resolve, reject) => {
        request.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        release = () => resolve({ status: 200, headers: {}, body: '{}' });
      });
    source.start(sink);
    await scheduler.advanceAsync(0);
    source.close();
    release();
    await scheduler.advanceAsync(60_000);
    expect(sink.updates).toHaveLength(0);
    expect(sink.errors).toHaveLength(0);
    expect(fake.requests).toHaveLength(1);
  });
});
