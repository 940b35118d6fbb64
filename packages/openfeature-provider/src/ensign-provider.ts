import type { Logger as EnsignLogger } from '@ensign/common';
import { silentLogger, EnsignError } from '@ensign/common';
import { createClient } from '@ensign/node-sdk';
import type { ClientOptions, DecisionEvent, EnsignClient, ErrorEvent, EvaluationResult, Unsubscribe, UpdateEvent } from '@ensign/sdk-core';
import { DEFAULT_READY_TIMEOUT_MS } from '@ensign/sdk-core';
import type { EvaluationContext, Hook, JsonValue, Logger, Provider, ResolutionDetails, TrackingEventDetails } from '@openfeature/server-sdk';
import { ErrorCode, GeneralError, OpenFeatureEventEmitter, ProviderEvents, StandardResolutionReasons } from '@openfeature/server-sdk';
import { toEnsignContext } from './context-mapping.js';
import { errorCodeOf, flagMetadataOf, reasonOf } from './resolution.js';

/** Options of the provider itself (the client's options go in the first argument). */
export interface EnsignProviderOptions {
  /** How long `initialize` waits for the first datafile, in ms. Default 30 000. */
  readyTimeoutMs?: number;
  /** Where the provider logs (bad tracking calls). Default: nowhere. */
  logger?: EnsignLogger;
}

type ValueType = 'boolean' | 'string' | 'number' | 'object';

const isClient = (value: unknown): value is EnsignClient =>
  typeof value === 'object' && value !== null &&
  typeof (value as EnsignClient).variationDetail === 'function' && typeof (value as EnsignClient).getStatus === 'function' && typeof (value as EnsignClient).on === 'function';

const hasType = (value: JsonValue, type: ValueType): boolean =>
  type === 'object' ? typeof value === 'object' && value !== null : typeof value === type;

/** Tracking details as event data: every field but `value` (which is the metric value); dates as ISO strings. */
function trackingData(details: TrackingEventDetails | undefined): JsonValue | undefined {
  if (details === undefined || details === null) return undefined;
  const data: Record<string, JsonValue> = {};
  let any = false;
  for (const key of Object.keys(details)) {
    if (key === 'value') continue;
    const v = details[key];
    Object.defineProperty(data, key, { value: v instanceof Date ? v.toISOString() : v, enumerable: true, writable: true, configurable: true });
    any = true;
  }
  return any ? (JSON.parse(JSON.stringify(data)) as JsonValue) : undefined;
}

/**
 * An OpenFeature server provider over the Ensign client (`@openfeature/server-sdk`). Pass a client you made with
 * `createClient`, or the client's options and the provider makes (and on close, closes) its own.
 *
 * - Resolution: through the client's LaunchDarkly face (`variationDetail`), with `reason`, `variant` (the variation
 *   key), `errorCode` and `flagMetadata` (`revision`, `rule`, ...). A value of another type than asked answers the
 *   default with `TYPE_MISMATCH`.
 * - Evaluation context → Ensign context: `targetingKey` is the key, `kind` the kind (default `user`),
 *   `kind: 'multi'` with one object per kind for multi-kind contexts.
 * - Events: `PROVIDER_READY` when the first datafile is in use, `PROVIDER_CONFIGURATION_CHANGED` on every new
 *   datafile, `PROVIDER_ERROR` when a datafile update is rejected (the last good one keeps serving).
 * - `track` sends a custom event; `onClose` flushes events (and closes the client the provider made).
 *
 * OpenFeature providers are classes by the OpenFeature API's convention: this one is constructed with `new`.
 *
 * @throws {EnsignError} `INVALID_OPTIONS` when the client options are invalid (as `createClient`).
 * @example
 * await OpenFeature.setProviderAndWait(new EnsignProvider({ datafilePath: './flags.json' }));
 * const details = await OpenFeature.getClient().getBooleanDetails('dark-mode', false, { targetingKey: 'user-42' });
 */
export class EnsignProvider implements Provider {
  /** Specification requirement 2.1.1: the provider's name. */
  readonly metadata = { name: 'ensign' } as const;
  readonly runsOn = 'server' as const;
  /** Provider hooks (requirement 2.3.1): none of its own; push yours here to run them for this provider only. */
  readonly hooks: Hook[] = [];
  /** The provider's events: ready, configuration changed, error. */
  readonly events = new OpenFeatureEventEmitter();

  private client: EnsignClient;
  private readonly clientOptions: ClientOptions | null;
  private readonly readyTimeoutMs: number;
  private readonly logger: EnsignLogger;
  private listening: Unsubscribe[] = [];
  private closed = false;
  /** What the provider last told OpenFeature: errors are followed by `PROVIDER_READY` once a datafile serves again. */
  private signalled: 'none' | 'ready' | 'error' = 'none';
  /** While `initialize` runs, OpenFeature itself emits `PROVIDER_READY` when it resolves. */
  private initializing = false;
  private capturing: string | null = null;
  private captured: EvaluationResult | null = null;

  constructor(clientOrOptions: EnsignClient | ClientOptions, options: EnsignProviderOptions = {}) {
    if (isClient(clientOrOptions)) {
      this.client = clientOrOptions;
      this.clientOptions = null;
    } else {
      this.clientOptions = clientOrOptions;
      this.client = createClient(clientOrOptions);
    }
    const timeout = options.readyTimeoutMs;
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0)) throw new EnsignError('INVALID_OPTIONS', 'readyTimeoutMs must be a non-negative number');
    this.readyTimeoutMs = timeout ?? DEFAULT_READY_TIMEOUT_MS;
    this.logger = options.logger ?? silentLogger;
    this.listen();
  }

  /** The Ensign client behind the provider (for its other faces, `getStatus()`, hooks). */
  getClient(): EnsignClient {
    return this.client;
  }

  /**
   * Waits for the first datafile (requirement 2.4.1). Rejects when none is in use within `readyTimeoutMs` or the
   * datafile is invalid (2.4.2.1); a datafile that arrives later still emits `PROVIDER_READY`.
   */
  async initialize(): Promise<void> {
    if (this.closed) {
      this.closed = false;
      // A provider that made its client makes a new one after close (2.5.2: it can be initialized again).
      if (this.clientOptions !== null) this.client = createClient(this.clientOptions);
      this.listen();
    }
    this.initializing = true;
    try {
      const ready = await this.client.onReady({ timeout: this.readyTimeoutMs });
      if (!ready.success) throw new GeneralError(`Ensign client not ready: ${ready.reason ?? 'no datafile'}`);
      this.signalled = 'ready';
    } finally {
      this.initializing = false;
    }
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext, _logger?: Logger): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'boolean'));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext, _logger?: Logger): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'string'));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext, _logger?: Logger): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext, _logger?: Logger): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'object'));
  }

  /** Sends a custom event (`client.track`): `details.value` is the metric value, the other fields its data. */
  track(trackingEventName: string, context: EvaluationContext, details: TrackingEventDetails): void {
    const mapped = toEnsignContext(context);
    if (!mapped.ok) {
      this.logger.warn(`track(${JSON.stringify(String(trackingEventName).slice(0, 100))}): ${mapped.message}; the event was not sent`);
      return;
    }
    const metric = typeof details?.value === 'number' ? details.value : undefined;
    this.client.track(trackingEventName, mapped.context, trackingData(details), metric);
  }

  /** Delivers queued events; closes the client when the provider made it. The provider is then not ready (2.5.2). */
  async onClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalled = 'none';
    for (const off of this.listening.splice(0)) off();
    if (this.clientOptions !== null) await this.client.close();
    else await this.client.flush();
  }

  private listen(): void {
    this.listening.push(
      this.client.on('update', (event: UpdateEvent) => this.onUpdate(event)),
      this.client.on('error', (event: ErrorEvent) => this.onError(event)),
      // The LaunchDarkly face's detail has the variation index; the decision has the variation key too.
      this.client.on('decision', (event: DecisionEvent) => {
        if (this.capturing !== null && event.flagKey === this.capturing) this.captured = event.result;
      }),
    );
  }

  private onUpdate(event: UpdateEvent): void {
    if (this.signalled !== 'ready') {
      // The first datafile, or the first good one after an error: the provider is ready (again).
      const first = this.signalled === 'none';
      this.signalled = 'ready';
      if (first && this.initializing) return;
      this.events.emit(ProviderEvents.Ready, { message: `datafile revision ${event.revision} in use`, metadata: { revision: event.revision } });
      if (first) return;
    }
    this.events.emit(ProviderEvents.ConfigurationChanged, {
      message: `datafile revision ${event.revision} in use`,
      flagsChanged: [...event.flagKeys],
      metadata: { revision: event.revision, ...(event.previousRevision === null ? {} : { previousRevision: event.previousRevision }) },
    });
  }

  private onError(event: ErrorEvent): void {
    if (event.source !== 'datafile') return; // listener and delivery failures are not the provider's state
    this.signalled = 'error';
    this.events.emit(ProviderEvents.Error, {
      message: event.message,
      errorCode: event.path === undefined ? ErrorCode.GENERAL : ErrorCode.PARSE_ERROR,
      metadata: event.path === undefined ? {} : { path: event.path },
    });
  }

  private resolve<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext, type: ValueType): ResolutionDetails<T> {
    if (this.closed || !this.client.initialized()) {
      return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.PROVIDER_NOT_READY, errorMessage: this.closed ? 'the provider is closed' : 'no datafile in use yet' };
    }
    const mapped = toEnsignContext(context);
    if (!mapped.ok) return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode[mapped.errorCode], errorMessage: mapped.message };
    this.capturing = flagKey;
    this.captured = null;
    let detail;
    try {
      detail = this.client.variationDetail(flagKey, mapped.context, defaultValue);
    } finally {
      this.capturing = null;
    }
    const result = this.captured as EvaluationResult | null;
    this.captured = null;
    const flagMetadata = flagMetadataOf(detail.reason, detail.revision, detail.reason.kind === 'ERROR' ? null : detail.variationIndex);
    if (detail.reason.kind === 'ERROR') {
      const errorCode = errorCodeOf(detail.reason.errorKind);
      return { value: defaultValue, reason: StandardResolutionReasons.ERROR, errorCode, errorMessage: `${errorCode}: ${flagKey}`, flagMetadata };
    }
    const reason = reasonOf(detail.reason);
    if (detail.variationIndex === null || detail.value === null) return { value: defaultValue, reason, flagMetadata };
    if (!hasType(detail.value, type)) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.TYPE_MISMATCH,
        errorMessage: `flag "${flagKey}" is a ${Array.isArray(detail.value) ? 'array' : typeof detail.value}, not a ${type}`,
        flagMetadata,
      };
    }
    const variant = result?.variationKey ?? String(detail.variationIndex);
    return { value: detail.value as T, variant, reason, flagMetadata };
  }
}

/**
 * Creates an {@link EnsignProvider}: the factory spelling of `new EnsignProvider(clientOrOptions, options)`.
 *
 * @example
 * await OpenFeature.setProviderAndWait(createEnsignProvider(client));
 */
export function createEnsignProvider(clientOrOptions: EnsignClient | ClientOptions, options?: EnsignProviderOptions): EnsignProvider {
  return new EnsignProvider(clientOrOptions, options);
}
