// Optimizely 6's opt-in factories (`createStaticProjectConfigManager`, `createPollingProjectConfigManager`,
// `createBatchEventProcessor`, `createOdpManager`, `createLogger`...) under their own names. Each returns an opaque
// object, as Optimizely's do; `createInstance` reads back what it was given.

/** What a factory was called with, kept for `createInstance`. */
export type OptimizelyComponent =
  | { readonly kind: 'staticConfig'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'pollingConfig'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'batchEvents'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'forwardingEvents'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'odp'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'logger'; readonly config: Readonly<Record<string, unknown>> }
  | { readonly kind: 'other'; readonly config: Readonly<Record<string, unknown>> };

declare const opaque: unique symbol;
/** An opaque component, as Optimizely's factories return (pass it to `createInstance`). */
export type OpaqueComponent = { readonly [opaque]: 'OptimizelyComponent' };

const components = new WeakMap<object, OptimizelyComponent>();
const asConfig = (v: unknown): Readonly<Record<string, unknown>> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {});

function component(kind: OptimizelyComponent['kind'], config: unknown): OpaqueComponent {
  const handle = Object.freeze({});
  components.set(handle, { kind, config: asConfig(config) } as OptimizelyComponent);
  return handle as unknown as OpaqueComponent;
}

/** The component behind an opaque handle; undefined for anything a factory here did not make. */
export function componentOf(handle: unknown): OptimizelyComponent | undefined {
  return typeof handle === 'object' && handle !== null ? components.get(handle) : undefined;
}

/** Optimizely 6's level presets for `createLogger({ level })`. */
export const DEBUG = component('other', { level: 'debug' });
export const INFO = component('other', { level: 'info' });
export const WARN = component('other', { level: 'warn' });
export const ERROR = component('other', { level: 'error' });

/**
 * A fixed datafile (Optimizely's `createStaticProjectConfigManager({ datafile })`): an Ensign datafile, as JSON
 * text or an object.
 *
 * @example
 * createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile }) });
 */
export const createStaticProjectConfigManager = (config: { datafile: string | object; [option: string]: unknown }): OpaqueComponent => component('staticConfig', config);

/**
 * Datafiles from your flag server (Optimizely's `createPollingProjectConfigManager`): `sdkKey`, `updateInterval`
 * (ms), `urlTemplate` (`%s` is the SDK key; default your flag server's `/v1/datafiles/%s.json`), `datafile` to
 * start from.
 *
 * @example
 * createPollingProjectConfigManager({ sdkKey, urlTemplate: 'http://127.0.0.1:8080/v1/datafiles/%s.json' });
 */
export const createPollingProjectConfigManager = (config: { sdkKey: string; [option: string]: unknown }): OpaqueComponent => component('pollingConfig', config);

/**
 * Batched events (Optimizely's `createBatchEventProcessor({ batchSize, flushInterval })`). Optimizely 6 sends no
 * events without an event processor; neither does this entry.
 */
export const createBatchEventProcessor = (config: Record<string, unknown> = {}): OpaqueComponent => component('batchEvents', config);

/** Events sent one by one (Optimizely's `createForwardingEventProcessor(eventDispatcher?)`). */
export const createForwardingEventProcessor = (eventDispatcher?: unknown): OpaqueComponent =>
  component('forwardingEvents', eventDispatcher === undefined ? {} : { eventDispatcher });

/** ODP segments and events (Optimizely's `createOdpManager(options)`); Optimizely 6 has no ODP without it. */
export const createOdpManager = (config: Record<string, unknown> = {}): OpaqueComponent => component('odp', config);

/** A logger (Optimizely's `createLogger({ level: INFO, logHandler? })`); without `logHandler`, the console. */
export const createLogger = (config: { level: unknown; logHandler?: unknown }): OpaqueComponent => component('logger', config);

/** Optimizely's `createVuidManager` and `createErrorNotifier`: accepted, ignored by `createInstance` with a warning. */
export const createVuidManager = (config: Record<string, unknown> = {}): OpaqueComponent => component('other', config);
export const createErrorNotifier = (handler?: unknown): OpaqueComponent => component('other', { handler });
