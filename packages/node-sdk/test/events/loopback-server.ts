// A loopback HTTP receiver for the event tests: 127.0.0.1, an ephemeral port, scripted answers, decoded bodies.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { EventBatch } from '@ensign/event-pipeline';

/** One request as the server saw it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Bytes on the wire (gzipped when content-encoding says so). */
  rawLength: number;
  /** The decoded JSON body. */
  batch: EventBatch;
  /** The status the server answered. */
  status: number;
}

/** What the server answers a request with. `delay` holds the answer back (a slow server). */
export interface Answer {
  status: number;
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface LoopbackServer {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Event ids of the requests answered with a 2xx, in order. */
  acceptedIds(): string[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 that answers each request with `answer(n)` (n counts from 1). */
export async function startLoopbackServer(answer: (n: number, request: IncomingMessage) => Answer = () => ({ status: 202 })): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  let n = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const a = answer(++n, req);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawLength: raw.length, batch: JSON.parse(body.toString('utf8')) as EventBatch, status: a.status });
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end('{}');
      };
      if (a.delayMs) {
        const t = setTimeout(() => {
          pendingTimers.delete(t);
          send();
        }, a.delayMs);
        pendingTimers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/events`,
    port,
    requests,
    acceptedIds: () => requests.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.batch.events.map((e) => e.id)),
    close: async () => {
      for (const t of pendingTimers) clearTimeout(t);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago and has nothing listening on it now. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
