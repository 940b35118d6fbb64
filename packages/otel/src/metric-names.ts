/** The meter (instrumentation scope) name of this package. */
export const METER_NAME = '@ensign/otel';

/** The names of the metrics this package records. */
export const METRIC_NAMES = Object.freeze({
  /** Counter: flag evaluations, by `feature_flag.key`, `feature_flag.result.reason`, `feature_flag.result.variant`, `error.type`. */
  evaluations: 'ensign.flag.evaluations',
  /** Gauge: events held now (queued or in flight). */
  eventsQueued: 'ensign.events.queued',
  /** Counter (observed): events delivered since the client was created. */
  eventsDelivered: 'ensign.events.delivered',
  /** Counter (observed): events dropped by policy, by `ensign.drop_reason`. */
  eventsDropped: 'ensign.events.dropped',
  /** Counter (observed): events given up on (retries exhausted, rejected). */
  eventsFailed: 'ensign.events.failed',
  /** Gauge: seconds since the datafile in use was applied. */
  datafileAge: 'ensign.datafile.age',
} as const);
