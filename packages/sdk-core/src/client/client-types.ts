import type { FlushResult } from '@ensign/event-pipeline';
import type { ClientEventMap, ClientEventName, Unsubscribe } from '../core/emitter.js';
import type { Hook } from '../core/hooks.js';
import type { ReadyOptions, ReadyResult } from '../core/readiness.js';
import type { ClientStatus } from '../core/status.js';
import type { AmplitudeFace } from '../faces/amplitude/amplitude-face.js';
import type { AmplitudeRemoteFace } from '../faces/amplitude/remote-fetch.js';
import type { LaunchDarklyFace } from '../faces/launchdarkly/launchdarkly-face.js';
import type { OptimizelyFace } from '../faces/optimizely/optimizely-face.js';

/** Options of `flush` and `close`. */
export interface ClientFlushOptions {
  /** Stop waiting after this many ms; what is not delivered by then is reported as `pending`. */
  timeoutMs?: number;
}

/** What `flush` and `close` report: events delivered, still pending, failed for good, or dropped. */
export type ClientFlushResult = FlushResult;

/**
 * The Ensign client: one engine with three decision faces.
 * - Optimizely: `createUserContext(userId, attributes).decide(flagKey)`.
 * - LaunchDarkly: `variation`, `variationDetail`, typed variations, `allFlagsState`, `track`, `identify`, `flush`.
 * - Amplitude: `start()`, `evaluate(user, flagKeys?)`, `stop()`, and remote evaluation `fetchV2(user, fetchOptions?)`.
 *
 * Nothing a client method does throws: bad arguments and a client that is not ready give default answers with an
 * error reason and a rate-limited log line.
 */
export interface EnsignClient extends LaunchDarklyFace, AmplitudeFace, AmplitudeRemoteFace, OptimizelyFace {
  /** Resolves once a valid datafile is in use, or `{ success: false, reason }` after `timeout` ms (default 30 000). Never rejects. */
  onReady(options?: ReadyOptions): Promise<ReadyResult>;
  /** LaunchDarkly's spelling of `onReady`; its `timeout` is in **seconds**, as LaunchDarkly's. Never rejects. */
  waitForInitialization(options?: { timeout?: number }): Promise<ReadyResult>;
  /** Amplitude's spelling of `onReady` (`timeout` in ms, default 30 000). Never rejects. */
  start(options?: ReadyOptions): Promise<ReadyResult>;
  /** Whether a valid datafile is in use (LaunchDarkly `initialized()`). */
  initialized(): boolean;
  /** Revision, age and source of the datafile in use, and the last error. */
  getStatus(): ClientStatus;
  /** Subscribes to `update`, `decision` or `error`; returns the function that unsubscribes. */
  on<K extends ClientEventName>(name: K, listener: (event: ClientEventMap[K]) => void): Unsubscribe;
  /** Adds an evaluation hook (LaunchDarkly's `addHook`): it runs around every later decision of every face. */
  addHook(hook: Hook): void;
  /**
   * Sends the events queued now. Takes `{ timeoutMs }` or LaunchDarkly's callback, called with
   * `(null, true)` when everything was delivered and `(null, false)` otherwise. Never rejects.
   */
  flush(options?: ClientFlushOptions | ((error: null, delivered: boolean) => void)): Promise<ClientFlushResult>;
  /**
   * Stops watching the datafile, cancels every timer, delivers what is queued (at most `timeoutMs`, default 2 000)
   * and stops the event pipeline: the process can exit right after. Idempotent; never rejects. Evaluations keep
   * answering from the last datafile afterwards, but record no events.
   */
  close(options?: ClientFlushOptions): Promise<ClientFlushResult>;
  /** Amplitude's name of {@link EnsignClient.close} (its local-evaluation client's `stop()`). */
  stop(options?: ClientFlushOptions): Promise<ClientFlushResult>;
}
