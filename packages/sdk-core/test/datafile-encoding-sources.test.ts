import { silentLogger } from '@ensign/common';
import { createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import type { DatafileEncoding } from '../src/index.js';
import { createPollingSource, createStreamingSource } from '../src/index.js';
import { createFakeHttp, createRecordingSink, refused } from './fake-http.js';

const DATAFILE_URL = 'http://flags.test/v1/datafiles/k.json';
const STREAM_URL = 'http://flags.test/v1/stream/k';
const PRESIGNED_URL = 'https://bucket.s3.example/df.json?X-Amz-Signature=abc&X-Amz-Expires=600';

interface Setup {
  polling?: DatafileEncoding;
  streaming?: DatafileEncoding;
  pollingUrl?: string;
}

function setup({ polling: pollingEncoding, streaming: streamingEncoding, pollingUrl = DATAFILE_URL }: Setup = {}) {
  const fake = createFakeHttp();
  const scheduler = createFakeScheduler();
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
  const common = { http: fake.http, scheduler, logger, random: () => 0 };
  const polling = createPollingSource({ ...common, clock: scheduler.clock, url: pollingUrl, intervalMs: 5_000, ...(pollingEncoding ? { datafileEncoding: pollingEncoding } : {}) });
  const streaming = createStreamingSource({ ...common, url: STREAM_URL, fallback: polling, ...(streamingEncoding ? { datafileEncoding: streamingEncoding } : {}) });
  return { fake, scheduler, polling, streaming, warnings, sink: createRecordingSink() };
}

const put = (revision: string, datafile: string) => `event: put\ndata: ${JSON.stringify({ revision, datafile })}\n\n`;

/** Streams one put, drops the stream (the fall-back polls) and returns the If-None-Match of that poll. */
async function ifNoneMatchAfterOutage(s: ReturnType<typeof setup>): Promise<string | undefined> {
  const { fake, scheduler, streaming, sink } = s;
  fake.onRequest = () => ({ status: 304, headers: {}, body: '' });
  streaming.start(sink);
  await scheduler.advanceAsync(0);
  fake.streams[0]?.push(put('rev-1', 'streamed'));
  await scheduler.advanceAsync(0);
  expect(sink.updates).toEqual([{ document: 'streamed', revision: 'rev-1' }]);
  fake.onStream = () => refused();
  fake.streams[0]?.fail();
  await scheduler.advanceAsync(0);
  expect(fake.requests).toHaveLength(1);
  return fake.requests[0]?.headers?.['if-none-match'];
}

describe('the datafile encoding the sources ask for', () => {
  it('polls the URL as given by default (a presigned URL keeps its exact query)', async () => {
    const { fake, scheduler, polling, sink } = setup({ pollingUrl: PRESIGNED_URL });
    fake.onRequest = () => ({ status: 200, headers: { etag: '"plain-1"' }, body: '{"plain":true}' });
    polling.start(sink);
    await scheduler.advanceAsync(0);
    expect(fake.requests[0]?.url).toBe(PRESIGNED_URL);
    expect(polling.datafileEncoding).toBe('plain');
    expect(sink.updates).toEqual([{ document: '{"plain":true}', revision: '"plain-1"' }]);
    polling.close();
  });

  it('polls with ?encoding=compact when asked, and takes whatever the server answers (here a plain text)', async () => {
    const { fake, scheduler, polling, sink } = setup({ polling: 'compact' });
    fake.onRequest = () => ({ status: 200, headers: { etag: '"plain-1"' }, body: '{"plain":true}' });
    polling.start(sink);
    await scheduler.advanceAsync(0);
    expect(fake.requests[0]?.url).toBe(`${DATAFILE_URL}?encoding=compact`);
    expect(sink.updates).toEqual([{ document: '{"plain":true}', revision: '"plain-1"' }]);
    polling.close();
  });

  it('streams the URL as given by default, and its default fall-back polls its URL as given', async () => {
    const { fake, scheduler, streaming, sink } = setup();
    const streamUrls: string[] = [];
    fake.onStream = (request) => {
      streamUrls.push(request.url);
      return refused();
    };
    fake.onRequest = () => ({ status: 200, headers: { etag: '"p1"' }, body: 'polled' });
    streaming.start(sink);
    await scheduler.advanceAsync(0);
    expect(streamUrls[0]).toBe(STREAM_URL);
    expect(fake.requests[0]?.url).toBe(DATAFILE_URL);
    streaming.close();
  });

  it('streams with ?encoding=compact when asked, and a compact fall-back asks the same', async () => {
    const { fake, scheduler, streaming, sink, warnings } = setup({ polling: 'compact', streaming: 'compact' });
    const streamUrls: string[] = [];
    fake.onStream = (request) => {
      streamUrls.push(request.url);
      return refused();
    };
    fake.onRequest = () => ({ status: 200, headers: { etag: '"c1"' }, body: 'polled' });
    streaming.start(sink);
    await scheduler.advanceAsync(0);
    expect(streamUrls[0]).toBe(`${STREAM_URL}?encoding=compact`);
    expect(fake.requests[0]?.url).toBe(`${DATAFILE_URL}?encoding=compact`);
    expect(warnings).toEqual([]);
    streaming.close();
  });

  it.each([['plain'], ['compact']] as const)('hands the fall-back (same encoding, %s) the stream revision as its If-None-Match', async (encoding) => {
    const s = setup({ polling: encoding, streaming: encoding });
    expect(await ifNoneMatchAfterOutage(s)).toBe('"rev-1"');
    expect(s.sink.updates).toHaveLength(1);
    expect(s.warnings).toEqual([]);
    s.streaming.close();
  });

  it('warns once when the fall-back polls another encoding, and does not hand it the stream revision (an ETag of another body)', async () => {
    const s = setup({ polling: 'plain', streaming: 'compact' });
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/stream asks for the compact datafile encoding and its polling fall-back for plain/);
    expect(await ifNoneMatchAfterOutage(s)).toBeUndefined();
    await s.scheduler.advanceAsync(60_000);
    expect(s.warnings).toHaveLength(1);
    s.streaming.close();
  });
});
