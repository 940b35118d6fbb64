import type { Clock, DatafileSink, DatafileSource, HttpClient, Logger, Scheduler, TimerHandle } from '@ensign/common';
import { safeLog } from '@ensign/common';
import { describeNetworkError, parseRetryAfter } from '../http-util.js';
import type { Abort } from './abort.js';
import { createAbort } from './abort.js';
import { createBackoff } from './backoff.js';
import type { DatafileEncoding } from './datafile-encoding.js';
import { SOURCE_DATAFILE_ENCODING, urlForEncoding } from './datafile-encoding.js';
import type { DatafileVerifier } from './signature.js';
import { parseSignatureHeader, SIGNATURE_HEADER } from './signature.js';

/** Polling defaults: Amplitude's `flagConfigPollingIntervalMillis` (30 000) and its floor. */
export const POLLING_DEFAULTS = Object.freeze({
  /** Amplitude's default (`LocalEvaluationDefaults.flagConfigPollingIntervalMillis` of experiment-node-server). */
  intervalMs: 30_000,
  /** The smallest interval accepted: a fleet polling faster than once a second is a load test. */
  minIntervalMs: 1_000,
  /** Timeout of one datafile request. */
  requestTimeoutMs: 10_000,
  /** First retry delay after a failure (then doubled, with jitter, up to the polling interval). */
  retryInitialMs: 1_000,
} as const);

/** Options of {@link createPollingSource}. */
export interface PollingSourceOptions {
  /** The datafile URL, e.g. `https://flags.example.com/v1/datafiles/<sdkKey>.json`. Never logged. */
  url: string;
  http: HttpClient;
  scheduler: Scheduler;
  /** Reads `Retry-After` dates. */
  clock: Clock;
  logger: Logger;
  /** Uniform [0, 1) for jitter. Default `Math.random`. */
  random?: () => number;
  /** Period between polls, ms. Default 30 000; at least 1 000. */
  intervalMs?: number;
  /** Timeout of one request, ms. Default 10 000. */
  timeoutMs?: number;
  /** When given, a datafile whose `x-ensign-signature` does not verify is refused. */
  verifier?: DatafileVerifier;
  /**
   * The datafile encoding asked of the server: `plain` (default) requests the URL as given; `compact` adds
   * `encoding=compact` to its query, and an Ensign flag server answers with flag templates, which load several
   * times faster (only for a flag server's URL: another host, or a presigned URL whose signature covers the query,
   * may refuse it). Either answer is accepted (a server that ignores the parameter answers plain).
   */
  datafileEncoding?: DatafileEncoding;
}

/** A polling source, with the controls the streaming source uses to run it as its fall-back. */
export interface PollingSource extends DatafileSource {
  /** Stops polling (aborts a request in flight) until `resume`. */
  suspend(): void;
  /** Polls now and then every interval again. */
  resume(): void;
  /** The revision the client holds from elsewhere (a stream): the next poll asks `If-None-Match` with it. */
  knownEtag(etag: string): void;
  /** The datafile encoding this source asks for (a stream's revision is an ETag of the same encoding only). */
  readonly datafileEncoding?: DatafileEncoding;
}

/**
 * Creates the polling datafile source: GETs `url` (with `?encoding=compact` when `datafileEncoding` is `compact`)
 * at start and every `intervalMs`, with `If-None-Match` (a 304
 * changes nothing). A 200 is verified (when a verifier is given) and pushed to the store, which parses it and keeps
 * the last good datafile when it is bad. A failure (network error, timeout, a status other than 200/304) is reported
 * to the store (one log line, `getStatus()` counts it) and the next poll comes after a backoff with jitter: 1 s,
 * 2 s, 4 s... capped at the interval, honouring `Retry-After`. Polls never overlap; `close()` cancels the timer and
 * aborts a request in flight.
 *
 * @example
 * const source = createPollingSource({ url: `${server}/v1/datafiles/${sdkKey}.json`, http, scheduler, clock, logger });
 * createCoreClient({ datafileSource: source }, { platform });
 */
export function createPollingSource(options: PollingSourceOptions): PollingSource {
  const intervalMs = Math.max(POLLING_DEFAULTS.minIntervalMs, options.intervalMs ?? POLLING_DEFAULTS.intervalMs);
  const timeoutMs = options.timeoutMs ?? POLLING_DEFAULTS.requestTimeoutMs;
  const datafileEncoding = options.datafileEncoding ?? SOURCE_DATAFILE_ENCODING;
  const url = urlForEncoding(options.url, datafileEncoding);
  const backoff = createBackoff({ initialMs: Math.min(POLLING_DEFAULTS.retryInitialMs, intervalMs), maxMs: intervalMs, random: options.random ?? Math.random });
  let sink: DatafileSink | null = null;
  let etag: string | null = null;
  let lastText: string | null = null;
  let timer: TimerHandle | null = null;
  let inFlight: Abort | null = null;
  let active = false;
  let closed = false;

  const schedule = (delayMs: number) => {
    timer?.cancel();
    timer = active && !closed ? options.scheduler.setTimeout(() => void poll(), delayMs) : null;
  };
  const failed = (message: string, status?: number, retryAfterMs?: number) => {
    const delay = Math.max(backoff.next(), retryAfterMs ?? 0);
    sink?.error({ message: `${message}; next attempt in ${delay} ms`, retrying: true, ...(status === undefined ? {} : { status }) });
    schedule(delay);
  };

  const poll = async (): Promise<void> => {
    timer = null;
    if (!active || closed || sink === null || inFlight !== null) return;
    const abort = createAbort();
    inFlight = abort;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (etag !== null) headers['if-none-match'] = etag;
    let response;
    try {
      response = await options.http.request({ method: 'GET', url, headers, timeoutMs, signal: abort.signal });
    } catch (error) {
      if (inFlight === abort) inFlight = null;
      if (abort.signal.aborted || !active || closed) return;
      failed(`datafile request failed (${describeNetworkError(error, timeoutMs)})`);
      return;
    }
    if (inFlight === abort) inFlight = null;
    if (abort.signal.aborted || !active || closed) return;
    if (response.status === 304) {
      // After failures, the datafile in use is confirmed current: the same text again ends the run of failures in
      // the status (the store does not re-apply an identical text).
      if (backoff.failures > 0 && lastText !== null) sink.update(lastText, etag === null ? undefined : { revision: etag });
      backoff.reset();
      schedule(intervalMs);
      return;
    }
    if (response.status !== 200) {
      const retryAfter = parseRetryAfter(response.headers['retry-after'] ?? null, options.clock.now());
      const hint = response.status === 401 || response.status === 403 ? ' (is the SDK key known to the server?)' : '';
      failed(`datafile request answered HTTP ${response.status}${hint}`, response.status, retryAfter);
      return;
    }
    backoff.reset();
    const refused = options.verifier?.check(response.body, parseSignatureHeader(response.headers[SIGNATURE_HEADER]));
    if (refused) {
      // Not remembering the ETag: the next poll downloads again, in case the signature was a transient mix-up.
      sink.error({ message: `datafile refused: ${refused}`, retrying: true, status: 200 });
      schedule(intervalMs);
      return;
    }
    const tag = response.headers['etag'];
    etag = typeof tag === 'string' && tag !== '' ? tag : null;
    if (response.body !== lastText) {
      lastText = response.body;
      sink.update(response.body, etag === null ? undefined : { revision: etag });
    }
    schedule(intervalMs);
  };

  return {
    kind: 'polling',
    datafileEncoding,
    start(target) {
      if (closed || sink !== null) return;
      sink = target;
      active = true;
      safeLog(options.logger, 'debug', `polling the datafile every ${intervalMs} ms`);
      void poll();
    },
    suspend() {
      active = false;
      timer?.cancel();
      timer = null;
      inFlight?.abort();
      inFlight = null;
    },
    resume() {
      if (closed || sink === null || active) return;
      active = true;
      backoff.reset();
      void poll();
    },
    knownEtag(value) {
      etag = value;
      lastText = null;
    },
    close() {
      closed = true;
      active = false;
      timer?.cancel();
      timer = null;
      inFlight?.abort();
      inFlight = null;
    },
  };
}
