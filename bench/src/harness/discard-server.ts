// A loopback HTTP server on 127.0.0.1 that accepts event payloads, counts them by `kind`, and discards them. It runs
// in the parent process (idle while a child measures), so counting costs the measured process nothing.
//   POST any path  -> 202; the body (gunzipped when `content-encoding: gzip`), a JSON array (LaunchDarkly) or
//                     an object with an `events` array (an Ensign batch), is counted per element `kind`
//   GET  /counts   -> { posts, events, kinds }
//   POST /reset    -> zeroes the counts
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What the server has counted. */
export interface DiscardCounts {
  posts: number;
  events: number;
  kinds: Record<string, number>;
}

/** A running discard server. */
export interface DiscardServer {
  url: string;
  counts(): DiscardCounts;
  close(): Promise<void>;
}

function count(into: DiscardCounts, body: string): void {
  into.posts++;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  const batch = parsed as { events?: unknown } | null;
  const items = Array.isArray(parsed) ? parsed : batch !== null && Array.isArray(batch?.events) ? batch.events : [parsed];
  for (const item of items) {
    into.events++;
    const kind = item !== null && typeof item === 'object' && typeof (item as { kind?: unknown }).kind === 'string' ? (item as { kind: string }).kind : 'unknown';
    into.kinds[kind] = (into.kinds[kind] ?? 0) + 1;
  }
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startDiscardServer(): Promise<DiscardServer> {
  let counts: DiscardCounts = { posts: 0, events: 0, kinds: Object.create(null) as Record<string, number> };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/counts') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
        return;
      }
      if (req.method === 'POST' && req.url === '/reset') {
        counts = { posts: 0, events: 0, kinds: Object.create(null) as Record<string, number> };
        res.writeHead(204).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') {
        try {
          body = gunzipSync(body);
        } catch {
          body = Buffer.alloc(0);
        }
      }
      count(counts, body.toString('utf8'));
      res.writeHead(202).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads the counts of a discard server (from a child process). */
export async function eventCounts(url: string): Promise<DiscardCounts> {
  const res = await fetch(`${url}/counts`);
  return (await res.json()) as DiscardCounts;
}

/** Zeroes the counts of a discard server. */
export async function resetEventCounts(url: string): Promise<void> {
  await fetch(`${url}/reset`, { method: 'POST' });
}
