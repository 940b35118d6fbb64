import type { ServerResponse } from 'node:http';
import type { Logger } from '@ensign/common';
import type { DataStore, StoreChange } from '../data/data-store.js';
import type { DatafileEncoding, Revision } from '../data/revision.js';

/** Options of {@link createStreamHub}. */
export interface StreamHubOptions {
  store: DataStore;
  /** Period of the `:` heartbeat comment, ms. */
  heartbeatMs: number;
  /** The `retry:` hint sent on connect: how long an SSE client waits before reconnecting, ms. */
  retryMs: number;
  /** A client whose unsent data passes this many bytes is cut off (it reconnects and gets a fresh `put`). */
  maxBufferedBytes: number;
  logger: Logger;
}

/** The Server-Sent Events connections of every SDK key. */
export interface StreamHub {
  /**
   * Takes over a response: sends the headers, the `retry:` hint and a `put` (as soon as there is a datafile). The
   * datafile of every message is in `encoding` (default `plain`).
   */
  open(sdkKey: string, response: ServerResponse, encoding?: DatafileEncoding): void;
  /** Open connections. */
  size(): number;
  /** Ends every connection and stops the heartbeat. */
  close(): void;
}

interface Connection {
  sdkKey: string;
  environment: string;
  response: ServerResponse;
  /** The encoding of the datafiles sent. */
  encoding: DatafileEncoding;
  /** The revision hash last sent, or null before the first `put`. */
  sent: string | null;
}

/**
 * Creates the hub behind `GET /v1/stream/{sdkKey}`. Each message is `event: put` (on connect) or `event: patch` (on
 * a change) with `data: {"revision", "datafile", "signatures"?}` on one line (the datafile in the connection's
 * encoding; `revision` is the datafile route's `ETag` of that encoding, without quotes); a `:` comment every `heartbeatMs`
 * keeps proxies from closing idle connections. When `keys.json` changes, a connection whose key now names another
 * environment gets a `patch` with that environment's datafile, and one whose key was removed is ended.
 *
 * @example
 * const hub = createStreamHub({ store, heartbeatMs: 15_000, retryMs: 1_000, maxBufferedBytes: 8 << 20, logger });
 * hub.open(sdkKey, reply.raw);
 */
export function createStreamHub(options: StreamHubOptions): StreamHub {
  const { store, logger } = options;
  const connections = new Set<Connection>();

  const write = (c: Connection, chunk: string): void => {
    if (c.response.destroyed || c.response.writableEnded) return;
    c.response.write(chunk);
    if (c.response.writableLength > options.maxBufferedBytes) {
      logger.warn('a stream client reads too slowly; disconnecting it (it will reconnect)');
      c.response.destroy();
    }
  };
  const send = (c: Connection, revision: Revision): void => {
    if (c.sent === revision.hash) return;
    const event = c.sent === null ? 'put' : 'patch';
    c.sent = revision.hash;
    write(c, `event: ${event}\ndata: ${revision.representation(c.encoding).streamData}\n\n`);
  };

  const onChange = (change: StoreChange): void => {
    for (const c of connections) {
      if (change.kind === 'datafile') {
        if (c.environment === change.environment) send(c, change.revision);
        continue;
      }
      const target = store.resolve(c.sdkKey);
      if (target === null) {
        c.response.end();
        continue;
      }
      if (target.environment !== c.environment) {
        c.environment = target.environment;
        if (target.revision) send(c, target.revision);
      }
    }
  };
  const unsubscribe = store.onChange(onChange);

  const heartbeat = setInterval(() => {
    for (const c of connections) write(c, ':\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    open(sdkKey, response, encoding = 'plain') {
      const target = store.resolve(sdkKey);
      if (target === null) {
        response.end();
        return;
      }
      const c: Connection = { sdkKey, environment: target.environment, response, encoding, sent: null };
      connections.add(c);
      const drop = () => connections.delete(c);
      response.on('close', drop);
      response.on('error', drop);
      response.socket?.setNoDelay(true);
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      write(c, `retry: ${options.retryMs}\n\n`);
      if (target.revision) send(c, target.revision);
    },
    size: () => connections.size,
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const c of connections) c.response.end();
      connections.clear();
    },
  };
}
