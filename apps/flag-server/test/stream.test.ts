import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, STAGING_KEY, datafileText, makeDataDir, openSse, removeDir, replaceFile, startTestServer } from './helpers.js';
import type { SseReader } from './helpers.js';

interface StreamData {
  revision: string;
  datafile: string;
  signatures?: Record<string, string>;
}

describe('GET /v1/stream/{sdkKey}', () => {
  let dir: string;
  let server: FlagServer;
  const readers: SseReader[] = [];
  beforeEach(async () => {
    dir = await makeDataDir();
    server = await startTestServer(dir, { heartbeatMs: 50 });
  });
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await server.close();
    await removeDir(dir);
  });
  const open = async (key = PROD_KEY) => {
    const reader = await openSse(`${server.url}/v1/stream/${key}`);
    readers.push(reader);
    return reader;
  };

  it('sends a put with the exact datafile text and its revision (the ETag of the datafile endpoint) on connect', async () => {
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const put = await stream.next();
    expect(put.event).toBe('put');
    const data = JSON.parse(put.data) as StreamData;
    expect(data.datafile).toBe(await readFile(join(dir, 'production.json'), 'utf8'));
    const etag = (await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`)).headers.get('etag');
    expect(`"${data.revision}"`).toBe(etag);
    expect(data.signatures).toBeUndefined();
  });

  it('sends a patch with the new datafile when the file changes on disk', async () => {
    const stream = await open();
    const put = JSON.parse((await stream.next()).data) as StreamData;
    const next = datafileText('43');
    await replaceFile(join(dir, 'production.json'), next);
    const patch = await stream.next(5_000);
    expect(patch.event).toBe('patch');
    const data = JSON.parse(patch.data) as StreamData;
    expect(data.datafile).toBe(next);
    expect(data.revision).not.toBe(put.revision);
  });

  it('sends no patch for a bad file, then one for the next good file', async () => {
    const stream = await open();
    await stream.next();
    await replaceFile(join(dir, 'production.json'), '{ "truncated": ');
    await server.reload();
    const next = datafileText('45');
    await replaceFile(join(dir, 'production.json'), next);
    const patch = await stream.next(5_000);
    expect(patch.event).toBe('patch');
    expect((JSON.parse(patch.data) as StreamData).datafile).toBe(next);
  });

  it('sends heartbeat comments at the configured period', async () => {
    const stream = await open();
    await stream.next();
    const comment = await stream.next(2_000, true);
    expect(comment.event).toBe('comment');
  });

  it('answers 401 with a JSON error for an unknown key', async () => {
    const res = await fetch(`${server.url}/v1/stream/${STAGING_KEY}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_SDK_KEY');
  });

  it('ends the stream of a key removed from keys.json', async () => {
    const stream = await open();
    await stream.next();
    await replaceFile(join(dir, 'keys.json'), JSON.stringify({ [STAGING_KEY]: 'production' }));
    await server.reload();
    await expect(stream.next(5_000)).rejects.toThrow('the stream ended');
  });
});
