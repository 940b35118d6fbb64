import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlagServer } from '../../src/index.js';
import type { FlagServer } from '../../src/index.js';
import { PROD_KEY, datafileText, makeDataDir, removeDir, replaceFile, startTestServer, waitFor } from '../helpers.js';
import type { EnsignClient } from '@ensign/node-sdk';
import { BETA, darkModeOff, forward, recordedClient, recordingLogger, sleep, startHttpServer } from './sdk-helpers.js';
import type { TestHttpServer } from './sdk-helpers.js';

const event = (name: string, revision: string, datafile: string) => `event: ${name}\ndata: ${JSON.stringify({ revision, datafile })}\n\n`;

describe('an SDK streaming from the flag server', () => {
  let dir: string;
  let server: FlagServer | null = null;
  let other: TestHttpServer | null = null;
  let client: EnsignClient | null = null;
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await other?.close();
    other = null;
    await server?.close();
    server = null;
    await removeDir(dir);
  });

  it('sees a datafile change on disk within a second, without polling', async () => {
    server = await startTestServer(dir);
    const made = recordedClient({ sdkKey: PROD_KEY, serverUrl: server.url, streaming: true, events: false, logger: recordingLogger() });
    client = made.client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(client.getStatus()).toMatchObject({ source: 'streaming', revision: '42' });
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(true);
    await replaceFile(join(dir, 'production.json'), datafileText('43', darkModeOff));
    const changedAt = Date.now();
    await waitFor(() => (client?.getStatus().revision === '43' ? true : undefined), 5_000);
    expect(Date.now() - changedAt).toBeLessThan(1_000);
    expect(client.boolVariation('dark-mode', BETA, false)).toBe(false);
    expect(made.exchanges).toEqual([]);
  });

  it('reconnects to a restarted server and catches up with a change made while it was down', async () => {
    server = await startTestServer(dir);
    const port = Number(new URL(server.url).port);
    const logger = recordingLogger();
    client = recordedClient({ sdkKey: PROD_KEY, serverUrl: server.url, streaming: true, events: false, logger }).client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    await server.close();
    await replaceFile(join(dir, 'production.json'), datafileText('43', darkModeOff));
    server = await startFlagServer({ port, host: '127.0.0.1', dataDir: dir, heartbeatMs: 15_000, pollIntervalMs: 50, debounceMs: 10, logger: false });
    await waitFor(() => (client?.getStatus().revision === '43' ? true : undefined), 10_000);
    expect(client.boolVariation('dark-mode', BETA, true)).toBe(false);
    expect(logger.errors().some((e) => e.includes('reconnecting in'))).toBe(true);
  });

  it('drops an event cut by a broken connection, reconnects, and applies the next put', async () => {
    let connections = 0;
    other = await startHttpServer((req, res) => {
      if (!req.url?.startsWith('/v1/stream/')) {
        res.writeHead(503, { 'retry-after': '60' }).end();
        return;
      }
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (connections === 1) {
        const cut = event('patch', 'r3', datafileText('3'));
        res.write(`retry: 100\n\n${event('put', 'r1', datafileText('1'))}`);
        res.write(cut.slice(0, cut.length >> 1), () => setTimeout(() => res.socket?.destroy(), 20));
      } else res.write(event('put', 'r2', datafileText('2', darkModeOff)));
    });
    const logger = recordingLogger();
    client = recordedClient({ sdkKey: PROD_KEY, serverUrl: other.url, streaming: true, events: false, logger }).client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    await waitFor(() => (client?.getStatus().revision === '2' ? true : undefined), 5_000);
    expect(connections).toBe(2);
    const seen: string[] = [];
    for (const line of logger.lines) {
      const m = /datafile revision (\S+) in use/.exec(line.message);
      if (m) seen.push(m[1] as string);
    }
    expect(seen).toEqual(['1', '2']);
    expect(logger.errors().some((e) => /stream (failed|ended)/.test(e))).toBe(true);
    expect(client.boolVariation('dark-mode', BETA, true)).toBe(false);
  });

  it('polls while the stream is refused and stops polling once the stream is back', async () => {
    server = await startTestServer(dir);
    const target = server.url;
    let streamUp = false;
    other = await startHttpServer((req, res, body) => {
      if (req.url?.startsWith('/v1/stream/')) {
        // Up: send the client to the real server (fetch follows the redirect); down: refuse.
        if (streamUp) res.writeHead(307, { location: `${target}${req.url}` }).end();
        else res.writeHead(503).end();
        return;
      }
      void forward(target, req, body).then((answer) => res.writeHead(answer.status, answer.headers).end(answer.body));
    });
    const logger = recordingLogger();
    const made = recordedClient({ sdkKey: PROD_KEY, serverUrl: other.url, streaming: true, flagConfigPollingIntervalMillis: 1_000, events: false, logger });
    client = made.client;
    expect(await client.onReady({ timeout: 5_000 })).toEqual({ success: true });
    expect(made.exchanges[0]?.request.url).toContain('/v1/datafiles/');
    expect(logger.errors()[0]).toMatch(/stream answered HTTP 503.*polling meanwhile/);
    streamUp = true;
    await replaceFile(join(dir, 'production.json'), datafileText('43', darkModeOff));
    await waitFor(() => (client?.getStatus().revision === '43' ? true : undefined), 5_000);
    // The stream reconnects within its first backoff step (at most 1 s); then polling stops.
    await sleep(1_500);
    const polls = made.exchanges.length;
    await sleep(2_500);
    expect(made.exchanges).toHaveLength(polls);
    await replaceFile(join(dir, 'production.json'), datafileText('44'));
    await waitFor(() => (client?.getStatus().revision === '44' ? true : undefined), 5_000);
    expect(made.exchanges).toHaveLength(polls);
  });
});
