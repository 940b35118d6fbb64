import { request } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagServer } from '../src/index.js';
import { batch, decisionEvent, postBatch } from './event-fixtures.js';
import { PROD_KEY, makeDataDir, openSse, removeDir, startTestServer, waitFor } from './helpers.js';

async function storedLines(dir: string): Promise<string[]> {
  const folder = join(dir, 'events', 'production');
  const lines: string[] = [];
  for (const name of (await readdir(folder)).sort()) lines.push(...(await readFile(join(folder, name), 'utf8')).split('\n').filter((l) => l !== ''));
  return lines;
}

describe('shutdown and logging', () => {
  let dir: string;
  let server: FlagServer | null = null;
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    await removeDir(dir);
  });

  it('finishes a batch whose body is still arriving when shutdown starts, stores it, then refuses new work', async () => {
    const lines: string[] = [];
    server = await startTestServer(dir, { logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    const events = Array.from({ length: 50 }, (_, i) => decisionEvent(`u${i}`, 'dark-mode', 'true', Date.now()));
    const body = Buffer.from(JSON.stringify(batch(events)));
    const url = new URL(`${server.url}/v1/events/bulk`);
    const stream = await openSse(`${server.url}/v1/stream/${PROD_KEY}`);
    await stream.next();
    let closing: Promise<void> | null = null;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: PROD_KEY, 'content-length': String(body.length) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 100));
      // Shutdown starts once the server has the request (its "incoming request" log line), before the body is whole.
      waitFor(() => (lines.some((l) => l.includes('incoming request') && l.includes('/v1/events/bulk')) ? true : undefined))
        .then(() => {
          closing = server!.close();
          setTimeout(() => req.end(body.subarray(100)), 50);
        })
        .catch(reject);
    });
    const result = await answer;
    expect(result.status).toBe(202);
    expect(JSON.parse(result.body)).toEqual({ accepted: 50, duplicates: 0 });
    await closing;
    expect(stream.ended()).toBe(true);
    const stored = await storedLines(dir);
    expect(stored.map((l) => (JSON.parse(l) as { event: { id: string } }).event.id).sort()).toEqual(events.map((e) => e.id).sort());
    await expect(postBatch(server.url, PROD_KEY, batch([decisionEvent('late', 'f', 'on', 1)]))).rejects.toThrow();
    server = null;
  });

  it('answers 503 on /readyz while closing', async () => {
    server = await startTestServer(dir);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const url = server.url;
    const closing = server.close();
    server = null;
    await closing;
    await expect(fetch(`${url}/readyz`)).rejects.toThrow();
  });

  it('never writes an SDK key to the log, even at trace level and on errors', async () => {
    const lines: string[] = [];
    server = await startTestServer(dir, { logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } });
    await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    await fetch(`${server.url}/v1/datafiles/${PROD_KEY}x.json`);
    await fetch(`${server.url}/v1/evaluate`, { method: 'POST', headers: { authorization: `Api-Key ${PROD_KEY}`, 'content-type': 'application/json' }, body: '{"user": {"user_id": "u"}}' });
    await fetch(`${server.url}/v1/evaluate`, { method: 'POST', headers: { 'x-api-key': PROD_KEY, 'content-type': 'application/json' }, body: '{broken' });
    await postBatch(server.url, PROD_KEY, batch([decisionEvent('u', 'f', 'on', 1)]));
    const stream = await openSse(`${server.url}/v1/stream/${PROD_KEY}`);
    await stream.next();
    stream.close();
    await server.close();
    server = null;
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('/v1/datafiles/****'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(PROD_KEY.slice(0, 12));
  });
});
