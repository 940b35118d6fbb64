import type { ClientStatus, Hook } from '@ensign/sdk-core';
import type { ClientMetrics, ClientMetricsOptions } from './client-metrics.js';
import { observeClient } from './client-metrics.js';
import type { OtelHookOptions } from './tracing-hook.js';
import { createOtelHook } from './tracing-hook.js';

/** What {@link instrumentClient} needs of a client. */
export interface InstrumentableClient {
  addHook(hook: Hook): void;
  getStatus(): ClientStatus;
}

/** Options of {@link instrumentClient}: those of the hook and of the status metrics. */
export type InstrumentOptions = OtelHookOptions & ClientMetricsOptions;

/**
 * Instruments a running client in one call: adds {@link createOtelHook} (span events, evaluation counter) and
 * starts {@link observeClient} (events and datafile age). `stop()` ends the observation; the hook stays (hooks cannot
 * be removed) but costs nothing without an active span or meter provider.
 *
 * @example
 * const client = createClient({ datafilePath: './flags.json' });
 * const otel = instrumentClient(client);
 * // ... at shutdown
 * otel.stop();
 */
export function instrumentClient(client: InstrumentableClient, options: InstrumentOptions = {}): ClientMetrics {
  client.addHook(createOtelHook(options));
  return observeClient(client, options);
}
