// Public entry of @ensign/event-pipeline: each export is named.
export { createEventPipeline } from './event-pipeline.js';
export type { EventPipeline, FlushOptions } from './event-pipeline.js';
export { DROP_REASONS } from './results.js';
export type { DropReason, EventPipelineStats, FlushResult } from './results.js';
export { clampDelay, MAX_TIMER_DELAY_MS } from './delay.js';
export { EVENT_PIPELINE_DEFAULTS, OVERFLOW_POLICIES } from './options.js';
export type { DedupOptions, EventPipelineOptions, OverflowPolicy } from './options.js';
export type { SharedDedup } from '@ensign/common';
export { isRetryableStatus } from './dispatcher.js';
export type { DispatchOptions, DispatchResult, EventDispatcher } from './dispatcher.js';
export { EVENT_KINDS, EVENT_SCHEMA_VERSION } from './events.js';
export { EVENT_BATCH_JSON_SCHEMA } from './event-schema.js';
export type {
  AssignmentEvent,
  AssignmentFlag,
  BaseEvent,
  ConversionEvent,
  DecisionEvent,
  DecisionReason,
  EnsignEvent,
  EventBatch,
  EventKind,
  ExposureEvent,
  IdentifyEvent,
  IndexEvent,
  JsonObject,
  JsonValue,
  RedactedContext,
  RuleType,
  SummaryCounter,
  SummaryEvent,
  SummaryFlag,
} from './events.js';
export { RECORD_OUTCOMES } from './inputs.js';
export type {
  AmplitudeIdentity,
  AssignmentFlagInput,
  AssignmentInput,
  ConversionInput,
  DecisionInput,
  ExposureFlagInput,
  ExposureInput,
  ExposuresInput,
  RecordOutcome,
  SummarySlot,
} from './inputs.js';
export { liftEventTags } from './event-tags.js';
export type { LiftedEventTags } from './event-tags.js';
export { createLruCache } from './lru-cache.js';
export type { LruCache, LruCacheOptions } from './lru-cache.js';
export { javaHashCode } from './java-hash-code.js';
export { backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
