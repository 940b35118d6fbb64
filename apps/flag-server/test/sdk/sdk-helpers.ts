// Helpers of the SDK-against-server tests: a node-sdk client whose HTTP traffic is recorded, a recording logger, and
// small loopback servers that misbehave on purpose (garbage, truncated bodies, streams cut mid-event, lost answers).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest } from '@ensign/common';
import type { ClientOptions, EnsignClient, HttpClient } from '@ensign/node-sdk';
import { createCoreClient, createNodePlatform } from '@ensign/node-sdk';

/** A logger that keeps every line. */
export function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), errors: () => lines.filter((l) => l.level === 'error').map((l) => l.message) };
}

/** One request the client sent and how it ended. */
export interface Exchange {
  request: HttpRequest;
  status: number | null;
  error: string | null;
}

/** A node-sdk client on the Node platform whose requests are recorded. */
export function recordedClient(options: ClientOptions): { client: EnsignClient; exchanges: Exchange[] } {
  const platform = createNodePlatform();
  const exchanges: Exchange[] = [];
  const http: HttpClient = {
    async request(request) {
      const exchange: Exchange = { request, status: null, error: null };
      exchanges.push(exchange);
      try {
        const response = await platform.http.request(request);
        exchange.status = response.status;
        return response;
      } catch (error) {
        exchange.error = error instanceof Error ? error.name : String(error);
        throw error;
      }
    },
    stream: (request) => (platform.http.stream as NonNullable<HttpClient['stream']>)(request),
  };
  const client = createCoreClient(options, { platform: { ...platform, http } });
  return { client, exchanges };
}

/** A loopback HTTP server with a handler; `close()` also ends open connections. */
export interface TestHttpServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpServer(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void, port = 0): Promise<TestHttpServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Forwards a request to `target` with fetch and answers what it answered (body read whole; streams are not forwarded). */
export async function forward(target: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'connection' && name !== 'content-length') headers[name] = value;
  headers['accept-encoding'] = 'identity';
  const response = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body } : {}) });
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value;
  });
  return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const probe = await startHttpServer((_q, res) => res.end());
  const port = Number(new URL(probe.url).port);
  await probe.close();
  return port;
}

/** Waits `ms` (real time). */
/** The example datafile's beta user: `dark-mode` serves it true while the flag is on. */
export const BETA = { kind: 'user', key: 'user-beta-1' } as const;

/** A datafile edit for `datafileText`: turns `dark-mode` off. */
export const darkModeOff = (d: { flags: { key: string; on?: boolean }[] }) => {
  const dark = d.flags.find((f) => f.key === 'dark-mode');
  if (dark) dark.on = false;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
