import { isEnsignError } from '@ensign/common';
import type { EventBatch, IdentifyEvent } from '@ensign/event-pipeline';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/index.js';
import { createNodeDispatcher as createHttpDispatcher } from './node-dispatcher.js';
import { closedPort, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer } from './loopback-server.js';

const SDK_KEY = 'sdk-0123456789-very-secret';

function batchOf(count: number, id = 'batch-1'): EventBatch {
  const events: IdentifyEvent[] = Array.from({ length: count }, (_, i) => ({ kind: 'identify', id: `e${i}`, timestamp: 1, context: { kind: 'user', key: `user-${i}` } }));
  return { schemaVersion: 1, batchId: id, sentAt: 1, events };
}

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createHttpDispatcher', () => {
  it('POSTs the batch as JSON with the SDK key, the schema version and the payload id', async () => {
    server = await startLoopbackServer(() => ({ status: 202 }));
    const dispatcher = createHttpDispatcher({ url: server.url, sdkKey: SDK_KEY, headers: { 'x-proxy': 'yes', Authorization: 'not-this' } });
    expect(await dispatcher.dispatch(batchOf(2), { attempt: 3 })).toEqual({ delivered: true, status: 202 });
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1/events');
    expect(req?.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: SDK_KEY,
      'x-ensign-event-schema': '1',
      'x-ensign-payload-id': 'batch-1',
      'x-ensign-attempt': '3',
      'x-proxy': 'yes',
    });
    expect(req?.headers['content-encoding']).toBeUndefined();
    expect(req?.batch).toEqual(batchOf(2));
  });

  it('gzips bodies above the threshold, and the server decodes them', async () => {
    server = await startLoopbackServer();
    const dispatcher = createHttpDispatcher({ url: server.url, sdkKey: SDK_KEY, gzipThresholdBytes: 1_024 });
    const big = batchOf(200);
    expect(JSON.stringify(big).length).toBeGreaterThan(1_024);
    await dispatcher.dispatch(big, { attempt: 1 });
    await dispatcher.dispatch(batchOf(1), { attempt: 1 });
    const [gz, plain] = server.requests;
    expect(gz?.headers['content-encoding']).toBe('gzip');
    expect(gz?.rawLength).toBeLessThan(JSON.stringify(big).length);
    expect(gz?.batch).toEqual(big);
    expect(plain?.headers['content-encoding']).toBeUndefined();
  });

  it('marks 429 and 5xx retryable, passes Retry-After on, and marks other 4xx final', async () => {
    const statuses = [503, 429, 400, 401, 500];
    server = await startLoopbackServer((n) => ({ status: statuses[n - 1] ?? 200, headers: n === 2 ? { 'retry-after': '3' } : ({} as Record<string, string>) }));
    const dispatcher = createHttpDispatcher({ url: server.url, sdkKey: SDK_KEY });
    const results = [];
    for (let i = 0; i < statuses.length; i++) results.push(await dispatcher.dispatch(batchOf(1), { attempt: 1 }));
    expect(results).toEqual([
      { delivered: false, status: 503, retryable: true },
      { delivered: false, status: 429, retryable: true, retryAfterMs: 3_000 },
      { delivered: false, status: 400, retryable: false },
      { delivered: false, status: 401, retryable: false },
      { delivered: false, status: 500, retryable: true },
    ]);
  });

  it('gives up on a slow server after timeoutMs, as a retryable error', async () => {
    server = await startLoopbackServer(() => ({ status: 200, delayMs: 2_000 }));
    const dispatcher = createHttpDispatcher({ url: server.url, sdkKey: SDK_KEY, timeoutMs: 100 });
    const started = Date.now();
    const result = await dispatcher.dispatch(batchOf(1), { attempt: 1 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result).toMatchObject({ delivered: false, retryable: true });
    expect(String(result.error)).toContain('timed out after 100 ms');
  });

  it('reports a closed port as a retryable network error', async () => {
    const port = await closedPort();
    const dispatcher = createHttpDispatcher({ url: `http://127.0.0.1:${port}/events`, sdkKey: SDK_KEY });
    const result = await dispatcher.dispatch(batchOf(1), { attempt: 1 });
    expect(result).toMatchObject({ delivered: false, retryable: true });
    expect(String(result.error)).toContain('ECONNREFUSED');
  });

  it('stops when the pipeline aborts the attempt', async () => {
    server = await startLoopbackServer(() => ({ status: 200, delayMs: 5_000 }));
    const dispatcher = createHttpDispatcher({ url: server.url, sdkKey: SDK_KEY });
    const controller = new AbortController();
    const pending = dispatcher.dispatch(batchOf(1), { attempt: 1, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(result).toMatchObject({ delivered: false, retryable: true });
    expect(String(result.error)).toContain('aborted');
  });

  it('never logs the SDK key nor the query string of the URL', async () => {
    server = await startLoopbackServer((n) => ({ status: n === 1 ? 503 : 200 }));
    const logger = createRecordingLogger();
    const dispatcher = createHttpDispatcher({ url: `${server.url}?key=${SDK_KEY}`, sdkKey: SDK_KEY, logger });
    await dispatcher.dispatch(batchOf(1), { attempt: 1 });
    await dispatcher.dispatch(batchOf(1), { attempt: 2 });
    const port = await closedPort();
    await createHttpDispatcher({ url: `http://127.0.0.1:${port}/?k=${SDK_KEY}`, sdkKey: SDK_KEY, logger }).dispatch(batchOf(1), { attempt: 1 });
    expect(logger.lines.length).toBeGreaterThanOrEqual(3);
    expect(logger.text()).not.toContain(SDK_KEY);
    expect(logger.text()).not.toContain('user-0');
  });

  it('throws INVALID_OPTIONS for a bad URL, an empty key or a negative timeout', () => {
    const bad = [
      { url: 'ftp://example.com', sdkKey: SDK_KEY },
      { url: 'not a url', sdkKey: SDK_KEY },
      { url: 'http://127.0.0.1/', sdkKey: '' },
      { url: 'http://127.0.0.1/', sdkKey: SDK_KEY, timeoutMs: -1 },
    ];
    for (const options of bad) {
      let thrown: unknown;
      try {
        createHttpDispatcher(options);
      } catch (error) {
        thrown = error;
      }
      expect(isEnsignError(thrown, 'INVALID_OPTIONS')).toBe(true);
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
