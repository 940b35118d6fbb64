import type { DatafileSink, DatafileSource, HttpClient, HttpStreamResponse, Logger, Scheduler, TimerHandle } from '@ensign/common';
import { safeLog } from '@ensign/common';
import { describeNetworkError } from '../http-util.js';
import type { Abort } from './abort.js';
import { createAbort } from './abort.js';
import { createBackoff } from './backoff.js';
import type { DatafileEncoding } from './datafile-encoding.js';
import { SOURCE_DATAFILE_ENCODING, urlForEncoding } from './datafile-encoding.js';
import type { PollingSource } from './polling-source.js';
import type { DatafileVerifier } from './signature.js';
import type { SseEvent } from './sse-parser.js';
import { createSseParser } from './sse-parser.js';

/** Streaming defaults. */
export const STREAMING_DEFAULTS = Object.freeze({
  /** First reconnect delay, unless the server's `retry:` says otherwise (the flag server says 1 000). */
  retryInitialMs: 1_000,
  /** Reconnect delays never exceed this. */
  retryMaxMs: 30_000,
  /** A stream silent this long (no event, no heartbeat) is taken for dead and reopened: 4 of the server's 15 s heartbeats. */
  idleTimeoutMs: 60_000,
  /** Time allowed to connect and receive the response headers. */
  connectTimeoutMs: 10_000,
} as const);

/** Options of {@link createStreamingSource}. */
export interface StreamingSourceOptions {
  /** The stream URL, e.g. `https://flags.example.com/v1/stream/<sdkKey>`. Never logged. */
  url: string;
  http: HttpClient;
  scheduler: Scheduler;
  logger: Logger;
  /** Uniform [0, 1) for jitter. Default `Math.random`. */
  random?: () => number;
  /**
   * Polls while the stream is down (started at the first failure, suspended when the stream delivers again). Give it
   * the stream's `datafileEncoding`: each revision the stream delivers is then its `If-None-Match`, so a poll after
   * an outage downloads nothing when nothing changed (with another encoding, a warning is logged once and it keeps
   * its own ETags).
   */
  fallback?: PollingSource;
  /** When given, a datafile whose signatures do not verify is refused. */
  verifier?: DatafileVerifier;
  /**
   * The datafile encoding the stream's events should carry: `plain` (default) opens the URL as given; `compact` adds
   * `encoding=compact` to its query (for an Ensign flag server's stream). Either is accepted. Give `fallback` the same.
   */
  datafileEncoding?: DatafileEncoding;
  retryInitialMs?: number;
  retryMaxMs?: number;
  idleTimeoutMs?: number;
  connectTimeoutMs?: number;
}

interface StreamData {
  revision?: unknown;
  datafile?: unknown;
  signatures?: unknown;
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * Creates the streaming datafile source: Server-Sent Events from the flag server's `/v1/stream/{sdkKey}` (with
 * `?encoding=compact` when `datafileEncoding` is `compact`). `put` (on
 * connect) and `patch` (on change) carry `{ revision, datafile, signatures? }`; each datafile is verified (when a
 * verifier is given) and pushed to the store. When the connection fails, ends, stays silent past `idleTimeoutMs`, or
 * carries a malformed event, the source reports it (one log line), reconnects after a backoff with jitter (1 s, 2 s,
 * 4 s... up to 30 s; the server's `retry:` sets the first step), and polls through `fallback` meanwhile; polling stops
 * as soon as the stream delivers again. A runtime whose `HttpClient` cannot stream gets polling only.
 *
 * @example
 * const fallback = createPollingSource({ url: datafileUrl, http, scheduler, clock, logger });
 * const source = createStreamingSource({ url: `${server}/v1/stream/${sdkKey}`, http, scheduler, logger, fallback });
 */
export function createStreamingSource(options: StreamingSourceOptions): DatafileSource {
  const maxMs = options.retryMaxMs ?? STREAMING_DEFAULTS.retryMaxMs;
  const idleMs = options.idleTimeoutMs ?? STREAMING_DEFAULTS.idleTimeoutMs;
  const connectTimeoutMs = options.connectTimeoutMs ?? STREAMING_DEFAULTS.connectTimeoutMs;
  const datafileEncoding = options.datafileEncoding ?? SOURCE_DATAFILE_ENCODING;
  const url = urlForEncoding(options.url, datafileEncoding);
  const random = options.random ?? Math.random;
  let initialMs = options.retryInitialMs ?? STREAMING_DEFAULTS.retryInitialMs;
  let backoff = createBackoff({ initialMs, maxMs, random });
  const fallback = options.fallback;
  // A stream revision is the ETag of the stream's encoding: handed to a fall-back polling another encoding, it would
  // never match and every poll would download the datafile again.
  const sameEncoding = fallback?.datafileEncoding === undefined || fallback.datafileEncoding === datafileEncoding;
  if (!sameEncoding) {
    safeLog(options.logger, 'warn', `the stream asks for the ${datafileEncoding} datafile encoding and its polling fall-back for ${fallback?.datafileEncoding}: give both the same datafileEncoding`);
  }
  let sink: DatafileSink | null = null;
  let closed = false;
  let current: Abort | null = null;
  let response: HttpStreamResponse | null = null;
  let reconnectTimer: TimerHandle | null = null;
  let idleTimer: TimerHandle | null = null;
  let fallbackStarted = false;
  let lastEventId = '';

  const pollMeanwhile = () => {
    if (!fallback || sink === null) return;
    if (!fallbackStarted) {
      fallbackStarted = true;
      fallback.start(sink);
    } else fallback.resume();
  };

  /** The stream is down: report, poll meanwhile, and reconnect later. */
  const down = (message: string, status?: number) => {
    if (closed) return;
    const delay = backoff.next();
    sink?.error({ message: `${message}; reconnecting in ${delay} ms${fallback ? ', polling meanwhile' : ''}`, retrying: true, ...(status === undefined ? {} : { status }) });
    pollMeanwhile();
    reconnectTimer?.cancel();
    reconnectTimer = options.scheduler.setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
  };

  /** Handles one event; returns a reason to reconnect when the event is malformed. */
  const onEvent = (event: SseEvent): string | null => {
    if (event.id !== '') lastEventId = event.id;
    if (event.event !== 'put' && event.event !== 'patch') return null;
    let data: StreamData;
    try {
      data = JSON.parse(event.data) as StreamData;
    } catch {
      return `a malformed "${event.event}" event (not JSON)`;
    }
    if (typeof data !== 'object' || data === null || typeof data.datafile !== 'string') return `a malformed "${event.event}" event (no datafile text)`;
    const revision = typeof data.revision === 'string' ? data.revision : undefined;
    const signatures = isStringRecord(data.signatures) ? data.signatures : undefined;
    // The stream works: polling can stop, and the next outage starts its backoff from the first step.
    backoff.reset();
    if (fallbackStarted) fallback?.suspend();
    const refused = options.verifier?.check(data.datafile, signatures);
    if (refused) {
      sink?.error({ message: `datafile refused: ${refused}`, retrying: true });
      return null;
    }
    if (revision !== undefined && sameEncoding) fallback?.knownEtag(`"${revision}"`);
    sink?.update(data.datafile, revision === undefined ? undefined : { revision });
    return null;
  };

  const connect = async (): Promise<void> => {
    if (closed || sink === null) return;
    const abort = createAbort();
    current = abort;
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    if (lastEventId !== '') headers['last-event-id'] = lastEventId;
    let opened: HttpStreamResponse;
    try {
      opened = await (options.http.stream as NonNullable<HttpClient['stream']>)({ method: 'GET', url, headers, timeoutMs: connectTimeoutMs, signal: abort.signal });
    } catch (error) {
      if (abort.signal.aborted || closed) return;
      down(`stream connection failed (${describeNetworkError(error, connectTimeoutMs)})`);
      return;
    }
    if (closed || abort.signal.aborted) {
      opened.close();
      return;
    }
    if (opened.status !== 200) {
      opened.close();
      down(`stream answered HTTP ${opened.status}`, opened.status);
      return;
    }
    response = opened;
    let reason: string | null = null;
    let idle = false;
    const armIdle = () => {
      idleTimer?.cancel();
      idleTimer = options.scheduler.setTimeout(() => {
        idle = true;
        opened.close();
      }, idleMs);
    };
    const parser = createSseParser({
      onEvent: (event) => {
        if (reason === null) reason = onEvent(event);
      },
      onRetry: (ms) => {
        // The server's first step; the failures counted so far stay, so a server that accepts and drops at once
        // still meets a growing backoff (it sends the same `retry:` on every connection).
        const next = Math.min(Math.max(ms, 100), maxMs);
        if (next === initialMs) return;
        initialMs = next;
        const failures = backoff.failures;
        backoff = createBackoff({ initialMs, maxMs, random });
        for (let i = 0; i < failures; i++) backoff.next();
      },
    });
    armIdle();
    try {
      for await (const chunk of opened.chunks) {
        if (closed || abort.signal.aborted) break;
        armIdle();
        parser.push(chunk);
        if (reason !== null) break;
      }
      if (reason === null && !idle) reason = 'the stream ended';
    } catch (error) {
      if (reason === null) reason = idle ? null : `the stream failed (${describeNetworkError(error)})`;
    } finally {
      idleTimer?.cancel();
      idleTimer = null;
      opened.close();
      if (response === opened) response = null;
    }
    if (closed || abort.signal.aborted) return;
    down(idle ? `the stream was silent for ${idleMs} ms` : (reason ?? 'the stream ended'));
  };

  return {
    kind: 'streaming',
    start(target) {
      if (closed || sink !== null) return;
      sink = target;
      if (typeof options.http.stream !== 'function') {
        safeLog(options.logger, 'warn', 'this platform cannot stream: polling instead');
        pollMeanwhile();
        return;
      }
      void connect();
    },
    close() {
      if (closed) return;
      closed = true;
      reconnectTimer?.cancel();
      reconnectTimer = null;
      idleTimer?.cancel();
      idleTimer = null;
      current?.abort();
      response?.close();
      response = null;
      fallback?.close();
    },
  };
}
