import { silentLogger } from '@ensign/common';
import { createFakeScheduler } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import type { DatafileEncoding } from '../src/index.js';
import { createPollingSource, createStreamingSource } from '../src/index.js';
import { createFakeHttp, createRecordingSink, refused } from './fake-http.js';

const DATAFILE_URL = 'http://flags.test/v1/datafiles/k.json';
const STREAM_URL = 'http://flags.test/v1/stream/k';

function setup(datafileEncoding?: DatafileEncoding) {
  const fake = createFakeHttp();
  const scheduler = createFakeScheduler();
  const common = { http: fake.http, scheduler, logger: silentLogger, random: () => 0, ...(datafileEncoding ? { datafileEncoding } : {}) };
  const polling = createPollingSource({ ...common, clock: scheduler.clock, url: DATAFILE_URL, intervalMs: 5_000 });
  const streaming = createStreamingSource({ ...common, url: STREAM_URL, fallback: polling });
  return { fake, scheduler, polling, streaming, sink: createRecordingSink() };
}

describe('the datafile encoding the sources ask for', () => {
  it('polls with ?encoding=compact by default, and takes whatever the server answers (here a plain text)', async () => {
    const { fake, scheduler, polling, sink } = setup();
    fake.onRequest = () => ({ status: 200, headers: { etag: '"plain-1"' }, body: '{"plain":true}' });
    polling.start(sink);
    await scheduler.advanceAsync(0);
    expect(fake.requests[0]?.url).toBe(`${DATAFILE_URL}?encoding=compact`);
    expect(sink.updates).toEqual([{ document: '{"plain":true}', revision: '"plain-1"' }]);
    polling.close();
  });

  it('polls the URL as given with datafileEncoding "plain"', async () => {
    const { fake, scheduler, polling, sink } = setup('plain');
    fake.onRequest = () => ({ status: 200, headers: {}, body: '{}' });
    polling.start(sink);
    await scheduler.advanceAsync(0);
    expect(fake.requests[0]?.url).toBe(DATAFILE_URL);
    polling.close();
  });

  it('streams with ?encoding=compact by default, and its polling fall-back asks the same', async () => {
    const { fake, scheduler, streaming, sink } = setup();
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
    streaming.close();
  });

  it('streams the URL as given with datafileEncoding "plain"', async () => {
    const { fake, scheduler, streaming, sink } = setup('plain');
    streaming.start(sink);
    await scheduler.advanceAsync(0);
    expect(fake.streams[0]?.request.url).toBe(STREAM_URL);
    streaming.close();
  });
});
