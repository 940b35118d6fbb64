// A flag server on 127.0.0.1 (ephemeral port) for the vendor entries' quick starts: the datafile of one SDK key at
// /v1/datafiles/<key>.json (401 for other keys), its Server-Sent Events stream at /v1/stream/<key> (`put` on
// connect, `patch` on publish), event ingest at /v1/events/bulk, and /v1/evaluate answered by the test.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach } from 'vitest';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The running stub. */
export interface FlagServerStub {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: StubRequest[];
  /** Serves `datafile` from now on and pushes it to every open stream as a `patch`. */
  publish(datafile: { revision: string }): void;
  close(): Promise<void>;
}

/** Options of {@link startFlagServerStub}. */
export interface FlagServerStubOptions {
  sdkKey: string;
  datafile: { revision: string } | string;
  /** The answer of POST /v1/evaluate. Default 404. */
  evaluate?: (body: unknown) => unknown;
}

// The flag server's stream events: `{ revision, datafile }` with the datafile as JSON text.
const sse = (name: string, datafile: unknown) =>
  `event: ${name}\ndata: ${JSON.stringify({ revision: (datafile as { revision?: string }).revision ?? '0', datafile: JSON.stringify(datafile) })}\n\n`;

/** Starts the stub; `close()` ends its streams and the server. */
export async function startFlagServerStub(options: FlagServerStubOptions): Promise<FlagServerStub> {
  let datafile: unknown = options.datafile;
  const requests: StubRequest[] = [];
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const key = encodeURIComponent(options.sdkKey);
      if (req.method === 'GET' && path === `/v1/datafiles/${key}.json`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(typeof datafile === 'string' ? datafile : JSON.stringify(datafile));
      } else if (req.method === 'GET' && path === `/v1/stream/${key}`) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(sse('put', typeof datafile === 'string' ? JSON.parse(datafile) : datafile));
        streams.add(res);
        res.on('close', () => streams.delete(res));
      } else if (req.method === 'GET' && (path.startsWith('/v1/datafiles/') || path.startsWith('/v1/stream/'))) {
        res.writeHead(401).end();
      } else if (req.method === 'POST' && path === '/v1/events/bulk') {
        res.writeHead(202).end();
      } else if (req.method === 'POST' && path === '/v1/evaluate' && options.evaluate) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.evaluate(JSON.parse(body))));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    publish(next) {
      datafile = next;
      for (const res of streams) res.write(sse('patch', next));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** What a test file starts and must stop: stubs, and closers of clients. Both are emptied after each test. */
export function useCleanup(): { stubs: FlagServerStub[]; closers: (() => Promise<unknown>)[] } {
  const stubs: FlagServerStub[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
    await Promise.all(stubs.splice(0).map((s) => s.close()));
  });
  return { stubs, closers };
}
