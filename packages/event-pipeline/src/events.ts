// The event schema, version 1: what a dispatcher receives. Plain types; the README documents each kind with an
// example, and `event-schema.ts` states the same contract as a JSON Schema.

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * A context after redaction by `@ensign/context` (`redactContext`): `kind`, `key`, the attributes that are not
 * private, and `_meta.redactedAttributes` listing what was removed. Raw contexts never enter a batch.
 */
export type RedactedContext = Record<string, JsonValue>;

/** The version of the event schema. It changes only on a breaking change (see the README's version rule). */
export const EVENT_SCHEMA_VERSION = 1;

/** The kinds of event. */
export type EventKind = 'decision' | 'conversion' | 'identify' | 'index' | 'summary' | 'assignment' | 'exposure';

/** The event kinds as run-time values. */
export const EVENT_KINDS = Object.freeze({
  decision: 'decision',
  conversion: 'conversion',
  identify: 'identify',
  index: 'index',
  summary: 'summary',
  assignment: 'assignment',
  exposure: 'exposure',
} as const satisfies Record<EventKind, EventKind>);

/** Fields every event has. */
export interface BaseEvent {
  kind: EventKind;
  /** A unique id (a UUID by default). It never changes across retries, so a receiver can deduplicate. */
  id: string;
  /** When the event was created, in ms since the epoch (from the pipeline's clock). */
  timestamp: number;
}

/**
 * Why a decision came out as it did. The same shape as the evaluator's reason; only these fields are copied into
 * an event.
 */
export interface DecisionReason {
  kind: string;
  ruleIndex?: number;
  ruleId?: string;
  prerequisiteKey?: string;
  inExperiment?: boolean;
  errorKind?: string;
  forced?: boolean;
  holdoutKey?: string;
}

/**
 * Which kind of rule decided (Optimizely's decision source): `experiment` (a feature test), `rollout` (a delivery
 * rule, or nothing decided), `holdout`, or `forced` (a flag-level forced decision).
 */
export type RuleType = 'experiment' | 'rollout' | 'holdout' | 'forced';

/** A full decision (impression) event: one evaluation of one flag, sent only when the decision is tracked. */
export interface DecisionEvent extends BaseEvent {
  kind: 'decision';
  context: RedactedContext;
  flagKey: string;
  /** Flag version; null when the flag is unknown or unversioned. */
  flagVersion: number | null;
  /** The served variation; null when none was served (the caller's default). */
  variationKey: string | null;
  variationIndex: number | null;
  /** The vendor id of the variation (Optimizely variation id), when known. */
  variationId: string | null;
  value: JsonValue;
  defaultValue: JsonValue;
  ruleKey: string | null;
  ruleId: string | null;
  ruleType: RuleType | null;
  experimentKey: string | null;
  experimentId: string | null;
  /** Optimizely `enabled`; null when not given. */
  enabled: boolean | null;
  /** The datafile revision the decision was made with. */
  revision: string | null;
  reason: DecisionReason | null;
  /** When this evaluation was a prerequisite of another flag: that flag's key. */
  prereqOf: string | null;
}

/** A conversion (custom, track) event. */
export interface ConversionEvent extends BaseEvent {
  kind: 'conversion';
  context: RedactedContext;
  eventKey: string;
  /** The datafile id of the event (Optimizely `entity_id`), when known. */
  eventId: string | null;
  revision: string | null;
  /** Optimizely event tags, as given (they keep `revenue` and `value`, as Optimizely's do). */
  tags: JsonObject | null;
  /** Optimizely `revenue` tag as an integer (`parseInt` of a string, `Math.trunc` of a number). */
  revenue: number | null;
  /** Optimizely `value` tag as a float. */
  value: number | null;
  /** LaunchDarkly `data`. */
  data: JsonValue | null;
  /** LaunchDarkly `metricValue`. */
  metricValue: number | null;
}

/** An identify event: the application said who the context is (LaunchDarkly `identify`). */
export interface IdentifyEvent extends BaseEvent {
  kind: 'identify';
  context: RedactedContext;
}

/** An index event: a context seen in an evaluation, sent at most once per context key and window. */
export interface IndexEvent extends BaseEvent {
  kind: 'index';
  context: RedactedContext;
}

/** One counter of a summary: how many evaluations served this variation of this flag version. */
export interface SummaryCounter {
  variationKey: string | null;
  variationIndex: number | null;
  /** Flag version; null when unknown. */
  version: number | null;
  /** The value served (the default when no variation was served). */
  value: JsonValue;
  count: number;
  /** True when the flag was not found (no version), as LaunchDarkly's `unknown`. */
  unknown: boolean;
}

/** The summary of one flag. */
export interface SummaryFlag {
  flagKey: string;
  /** The caller's default value, of the flag's first evaluation in the window (as LaunchDarkly's summary). */
  default: JsonValue;
  /** Context kinds seen, sorted. */
  contextKinds: string[];
  counters: SummaryCounter[];
}

/** Counts of every evaluation between `startDate` and `endDate`, per flag, variation and version. No context. */
export interface SummaryEvent extends BaseEvent {
  kind: 'summary';
  startDate: number;
  endDate: number;
  flags: SummaryFlag[];
  /** Evaluations of flag keys that were not found (`FLAG_NOT_FOUND`), counted together whatever the key. */
  unknownFlagEvaluations: number;
  /** Evaluations not itemized in `flags` because the summary reached a cap (`summaryMaxFlags`, counters or kinds per flag). */
  overflowEvaluations: number;
}

/** One flag of an assignment event. */
export interface AssignmentFlag {
  flagKey: string;
  /** The variant served; null when none was. */
  variantKey: string | null;
  flagVersion: number | null;
  /** The rule (Amplitude segment name) that decided. */
  ruleKey: string | null;
  /** The default (fallback) variant was served: Amplitude unsets the user property. */
  isDefault: boolean;
}

/** An assignment event (Amplitude `[Experiment] Assignment`): one per user and set of flags per window. */
export interface AssignmentEvent extends BaseEvent {
  kind: 'assignment';
  context: RedactedContext;
  userId: string | null;
  deviceId: string | null;
  flags: AssignmentFlag[];
  /** Amplitude's `insert_id`: `${userId} ${deviceId} ${hashCode(canonical)} ${floor(timestamp / 86400000)}`. */
  insertId: string;
}

/** An exposure event (Amplitude `[Experiment] Exposure`): one per user and flag variant actually served, per window. */
export interface ExposureEvent extends BaseEvent {
  kind: 'exposure';
  context: RedactedContext;
  userId: string | null;
  deviceId: string | null;
  flagKey: string;
  variantKey: string;
  experimentKey: string | null;
  /** Variant metadata, as given. */
  metadata: JsonObject | null;
  /** Amplitude's `insert_id`: `${userId} ${deviceId} ${hashCode(flagKey + ' ' + canonical)} ${floor(timestamp / ttlMs)}`. */
  insertId: string;
}

/** Any event of schema version 1. */
export type EnsignEvent =
  | DecisionEvent
  | ConversionEvent
  | IdentifyEvent
  | IndexEvent
  | SummaryEvent
  | AssignmentEvent
  | ExposureEvent;

/** What a dispatcher receives: one batch of events. */
export interface EventBatch {
  schemaVersion: typeof EVENT_SCHEMA_VERSION;
  /** The id of this batch; the same on every retry of it (send it as a payload id header). */
  batchId: string;
  /** When this attempt was made, in ms since the epoch. */
  sentAt: number;
  events: EnsignEvent[];
}
