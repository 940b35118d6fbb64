import type { ClientStatus } from '@ensign/sdk-core';
import type { BatchObservableCallback, Meter, Observable } from '@opentelemetry/api';
import { metrics } from '@opentelemetry/api';
import { METER_NAME, METRIC_NAMES } from './metric-names.js';

/** What {@link observeClient} needs of a client: its status. */
export interface StatusSource {
  getStatus(): ClientStatus;
}

/** Options of {@link observeClient}. */
export interface ClientMetricsOptions {
  /** The meter. Default: `metrics.getMeter('@ensign/otel')` of the global meter provider. */
  meter?: Meter;
  /** Attributes added to every observation (e.g. `{ 'ensign.client': 'checkout' }` when a process has several clients). */
  attributes?: Record<string, string>;
}

/** Stops observing: the callbacks are removed from the meter. */
export interface ClientMetrics {
  stop(): void;
}

/**
 * Observes a client's status on every metric collection: `ensign.events.queued` (gauge), `ensign.events.delivered`,
 * `ensign.events.dropped` (by `ensign.drop_reason`) and `ensign.events.failed` (observable counters), and
 * `ensign.datafile.age` (gauge, seconds; nothing before the first datafile). Event metrics are reported while the
 * client has an event pipeline (not after `close()`, not with `events: false`).
 *
 * @example
 * const observed = observeClient(client);
 * // ... at shutdown
 * observed.stop();
 */
export function observeClient(client: StatusSource, options: ClientMetricsOptions = {}): ClientMetrics {
  const meter = options.meter ?? metrics.getMeter(METER_NAME);
  const base = options.attributes ?? {};
  const queued = meter.createObservableGauge(METRIC_NAMES.eventsQueued, { description: 'Events held now (queued or in flight)', unit: '{event}' });
  const delivered = meter.createObservableCounter(METRIC_NAMES.eventsDelivered, { description: 'Events delivered', unit: '{event}' });
  const dropped = meter.createObservableCounter(METRIC_NAMES.eventsDropped, { description: 'Events dropped by policy', unit: '{event}' });
  const failed = meter.createObservableCounter(METRIC_NAMES.eventsFailed, { description: 'Events given up on', unit: '{event}' });
  const age = meter.createObservableGauge(METRIC_NAMES.datafileAge, { description: 'Time since the datafile in use was applied', unit: 's' });
  const observables: Observable[] = [queued, delivered, dropped, failed, age];

  const callback: BatchObservableCallback = (result) => {
    let status: ClientStatus;
    try {
      status = client.getStatus();
    } catch {
      return; // a broken status source must not break the collection of other metrics
    }
    if (status.ageMs !== null) result.observe(age, status.ageMs / 1000, base);
    const events = status.events;
    if (events === null) return;
    result.observe(queued, events.queued, base);
    result.observe(delivered, events.sent, base);
    result.observe(failed, events.failed, base);
    for (const [reason, count] of Object.entries(events.dropReasons)) result.observe(dropped, count, { ...base, 'ensign.drop_reason': reason });
  };
  meter.addBatchObservableCallback(callback, observables);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      meter.removeBatchObservableCallback(callback, observables);
    },
  };
}
