// A fault-injecting HTTP receiver for the fault suite: 127.0.0.1, an ephemeral port, and a plan saying how to
// answer request n: a status (with headers), a connection reset, a hang, a slow body, or bytes that are not HTTP.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What the server reads of a batch: the ids of its events (the pipeline's schema, version 1). */
interface EventBatch {
  events: { id: string }[];
}

/** How to answer one request. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** Reads the request, then destroys the connection without answering (ECONNRESET / "other side closed"). */
  | { kind: 'reset' }
  /** Reads the request and never answers (the client's request timeout or close() ends it). */
  | { kind: 'hang' }
  /** Answers `status` with a body sent in `chunks` pieces, `gapMs` apart. */
  | { kind: 'slow'; status: number; chunks: number; gapMs: number }
  /** Answers with bytes that are not an HTTP response, then closes. */
  | { kind: 'garbage' };

/** One request as the server saw it. */
export interface SeenRequest {
  n: number;
  fault: Fault['kind'];
  eventIds: string[];
  authorization: string | undefined;
  /** The server sent a complete 2xx response. */
  accepted: boolean;
}

export interface FaultServer {
  url: string;
  requests: SeenRequest[];
  /** Distinct ids of the events the server accepted (a complete 2xx response). */
  acceptedIds(): Set<string>;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 that answers request n (counting from 1) as `plan(n)` says. */
export async function startFaultServer(plan: (n: number) => Fault): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  let n = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const batch = JSON.parse(body.toString('utf8')) as EventBatch;
      const fault = plan(++n);
      const seen: SeenRequest = { n, fault: fault.kind, eventIds: batch.events.map((e) => e.id), authorization: req.headers.authorization, accepted: false };
      requests.push(seen);
      const ok = (status: number) => status >= 200 && status < 300;
      switch (fault.kind) {
        case 'status':
          res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
          res.end('{}', () => (seen.accepted = ok(fault.status)));
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          return;
        case 'garbage':
          req.socket.end('SPEAKING NOT HTTP\r\n\u0000\u0001\u0002 at all\r\n\r\n');
          return;
        case 'slow': {
          res.writeHead(fault.status, { 'content-type': 'application/json' });
          let left = fault.chunks;
          const drip = () => {
            if (res.destroyed) return;
            if (--left > 0) {
              res.write(' ');
              later(drip, fault.gapMs);
            } else res.end('{}', () => (seen.accepted = ok(fault.status)));
          };
          later(drip, fault.gapMs);
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/events`,
    requests,
    acceptedIds: () => new Set(requests.filter((r) => r.accepted).flatMap((r) => r.eventIds)),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
