// What the faces pass to the record functions. Contexts arrive raw; the pipeline redacts them before an event
// is created, so nothing private reaches a batch.
import type { Context } from '@ensign/context';
import type { DecisionReason, JsonObject, JsonValue, RuleType } from './events.js';

/** What a record call did. */
export type RecordOutcome =
  /** A full event was queued. */
  | 'queued'
  /** The evaluation was counted in the summary only (not tracked). */
  | 'summarized'
  /** An identical assignment or exposure was already sent in this window. */
  | 'deduplicated'
  /** Nothing to send: an unknown conversion key, a default variant, `trackExposure: false`, no flags. */
  | 'skipped'
  /** The event was dropped and counted: queue full, pipeline closed, or a context that could not be redacted. */
  | 'dropped';

/** The outcomes as run-time values. */
export const RECORD_OUTCOMES = Object.freeze({
  queued: 'queued',
  summarized: 'summarized',
  deduplicated: 'deduplicated',
  skipped: 'skipped',
  dropped: 'dropped',
} as const satisfies Record<RecordOutcome, RecordOutcome>);

/** One evaluation of one flag. Every evaluation feeds the summary; `track: true` also queues a full decision event. */
export interface DecisionInput {
  /** The raw context the flag was evaluated for; it is redacted only if an event carries it. */
  context: Context;
  flagKey: string;
  /** Flag version; omit or null when unknown (the summary counter is then marked `unknown`). */
  flagVersion?: number | null;
  /** The served variation; null when none was (the default was served). */
  variationKey: string | null;
  variationIndex?: number | null;
  /** The vendor id of the variation (Optimizely variation id). */
  variationId?: string | null;
  /** The value served. */
  value: JsonValue;
  /** The caller's default value. Default null. */
  defaultValue?: JsonValue;
  ruleKey?: string | null;
  ruleId?: string | null;
  ruleType?: RuleType | null;
  experimentKey?: string | null;
  experimentId?: string | null;
  /** Optimizely `enabled`. */
  enabled?: boolean | null;
  /** The datafile revision. */
  revision?: string | null;
  reason?: DecisionReason | null;
  /** Set when this evaluation was a prerequisite of another flag. */
  prereqOf?: string | null;
  /**
   * Whether a full decision event is wanted. Compute it with `isOptimizelyDecisionTracked` or
   * `isLaunchDarklyEvaluationTracked`; Amplitude-style evaluations pass false and use assignment/exposure events.
   */
  track: boolean;
  /** Leave this evaluation out of the summary (the flag's `excludeFromSummaries`). Default false. */
  excludeFromSummaries?: boolean;
  /**
   * Optional: an object the caller keeps per flag key (for example one per flag of a datafile) and passes with every
   * decision of that flag. The pipeline keeps its summary record of the flag in it, so counting needs no lookup by
   * flag key. Any plain, writable object will do; the pipeline checks what it finds there (its own record, of this
   * flag key, still current), so a slot passed with another key costs only that lookup. Default: none.
   */
  summarySlot?: SummarySlot | null;
}

/** The holder of {@link DecisionInput.summarySlot}: the pipeline reads and writes `summary`, the caller neither. */
export interface SummarySlot {
  summary?: unknown;
}

/** A conversion: Optimizely `trackEvent(eventKey, eventTags)` or LaunchDarkly `track(key, context, data, metricValue)`. */
export interface ConversionInput {
  context: Context;
  eventKey: string;
  /** The datafile id of the event (Optimizely `entity_id`). */
  eventId?: string | null;
  revision?: string | null;
  /** Optimizely event tags; `revenue` (integer) and `value` (float) are lifted from them. */
  tags?: JsonObject | null;
  /** LaunchDarkly `data`. */
  data?: JsonValue;
  /** LaunchDarkly `metricValue`. */
  metricValue?: number | null;
  /**
   * The caller's verdict on the key (for example `datafile.events` contains it). False: one error is logged and
   * nothing is sent. Absent: the pipeline's `knownEvent` option decides, and without it every key is known.
   */
  knownEvent?: boolean;
}

/** Who an Amplitude-style event is about. */
export interface AmplitudeIdentity {
  /**
   * Amplitude `user_id`. Default: the key of the context's `user` kind. Sent as given: pass identifiers, never
   * private attributes.
   */
  userId?: string | null;
  /** Amplitude `device_id`. Default: the key of the context's `device` kind. Sent as given, like `userId`. */
  deviceId?: string | null;
}

/** One flag of an assignment. */
export interface AssignmentFlagInput {
  flagKey: string;
  /** The variant served; null when none was. */
  variantKey: string | null;
  flagVersion?: number | null;
  /** The rule (Amplitude segment name) that decided. */
  ruleKey?: string | null;
  /** The default (fallback) variant was served. Default false. */
  isDefault?: boolean;
}

/** The flags of one evaluation of a user (Amplitude `[Experiment] Assignment`). */
export interface AssignmentInput extends AmplitudeIdentity {
  context: Context;
  flags: readonly AssignmentFlagInput[];
}

/** One flag of an evaluation whose exposures {@link ExposuresInput} records. */
export interface ExposureFlagInput {
  flagKey: string;
  /** The variant served; null or a default variant makes no exposure (in `recordExposures`, it still counts in the evaluation's key). */
  variantKey: string | null;
  experimentKey?: string | null;
  /** The default (fallback) variant was served: no exposure. Default false. */
  isDefault?: boolean;
  /** The flag's `metadata.trackExposure`; false makes no exposure. Default true. */
  trackExposure?: boolean;
  /** Variant metadata, sent as given. */
  metadata?: JsonObject | null;
}

/**
 * Every flag of one evaluation (Amplitude `evaluate(user, flagKeys, { tracksExposure: true })`): one exposure event
 * per flag that served a non-default variant, the evaluation deduplicated as a whole, as Amplitude's local client
 * does (its `InMemoryExposureFilter` keys the evaluation's canonical string: the ids, then each flag with a variant
 * key and its variant, sorted by flag key), and each event's `insertId` hashing `"{flagKey} {canonical}"`.
 */
export interface ExposuresInput extends AmplitudeIdentity {
  context: Context;
  flags: readonly ExposureFlagInput[];
}

/** One served flag (Amplitude `[Experiment] Exposure`), recorded alone with `recordExposure`. */
export interface ExposureInput extends AmplitudeIdentity, ExposureFlagInput {
  context: Context;
}
