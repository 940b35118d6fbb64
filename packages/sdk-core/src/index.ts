// Public entry of @ensign/sdk-core: the runtime-free client. Each export is named.
export { createCoreClient } from './client/create-core-client.js';
export type { CoreClientRuntime, FaceFactory } from './client/create-core-client.js';
export type { ClientFlushOptions, ClientFlushResult, EnsignClient } from './client/client-types.js';
export { resolveOptions } from './client/options.js';
export type { ClientOptions, ResolvedOptions } from './client/options.js';
export { CLIENT_EVENT_DEFAULTS } from './core/core-options.js';
export type { AssignmentConfig, CoreOptions, ExposureConfig, UserProfileService, UserProfileServiceAsync } from './core/core-options.js';
export { createClientCore, DECIDE_CHECKED_CONTEXT, DECIDE_NO_DECISION_EVENT, DECIDE_NO_RECORD, DECIDE_WITH_REASONS, DECIDE_EXPECT_BOOLEAN, DECIDE_EXPECT_NUMBER, DECIDE_EXPECT_STRING, DECIDE_NO_HOOKS } from './core/client-core.js';
export type { ClientCore, ClientCoreParts } from './core/client-core.js';
export type { DatafileStore, ApplyOutcome } from './core/datafile-store.js';
export type { EvaluationDetail, EvaluationSeriesContext, EvaluationSeriesData, Hook } from './core/hooks.js';
export { DEFAULT_READY_TIMEOUT_MS } from './core/readiness.js';
export type { ReadyOptions, ReadyResult } from './core/readiness.js';
export type { ClientStatus, StatusError } from './core/status.js';
export { CLIENT_EVENT_NAMES } from './core/emitter.js';
export type {
  ClientEventMap,
  ClientEventName,
  DatafileSourceKind,
  DecisionEvent,
  DecisionFace,
  ErrorEvent,
  Unsubscribe,
  UpdateEvent,
} from './core/emitter.js';
export { createHttpDispatcher, EVENT_HEADERS } from './core/events/http-event-dispatcher.js';
export type { HttpDispatcherOptions } from './core/events/http-event-dispatcher.js';
export { isLaunchDarklyEvaluationTracked, isOptimizelyDecisionTracked } from './core/events/track-policy.js';
export type { LaunchDarklyTrackInput, OptimizelyTrackInput } from './core/events/track-policy.js';
export { describeNetworkError, parseRetryAfter } from './core/http-util.js';
export { createFileSource } from './core/sources/file-source.js';
export type { FileSourceOptions } from './core/sources/file-source.js';
export { createStaticSource } from './core/sources/static-source.js';
export { COHORT_SYNC_DEFAULTS } from './core/odp/odp-options.js';
export type { CohortSyncConfig, OdpOptions } from './core/odp/odp-options.js';
export { OptimizelySegmentOption } from '@ensign/odp-segments';
export type { OdpEventInput, SegmentOption } from '@ensign/odp-segments';
export { createPollingSource, POLLING_DEFAULTS } from './core/sources/polling-source.js';
export type { PollingSource, PollingSourceOptions } from './core/sources/polling-source.js';
export { createStreamingSource, STREAMING_DEFAULTS } from './core/sources/streaming-source.js';
export type { StreamingSourceOptions } from './core/sources/streaming-source.js';
export { createBootstrapSource } from './core/sources/bootstrap-source.js';
export { createSseParser } from './core/sources/sse-parser.js';
export type { SseEvent, SseParser, SseParserHandlers } from './core/sources/sse-parser.js';
export { createBackoff } from './core/sources/backoff.js';
export type { DatafileEncoding } from './core/sources/datafile-encoding.js';
export type { Backoff, BackoffOptions } from './core/sources/backoff.js';
export { createDatafileVerifier, parseSignatureHeader, SIGNATURE_HEADER } from './core/sources/signature.js';
export type { DatafileVerifier } from './core/sources/signature.js';
export { DEFAULT_SERVER_ZONES, REMOTE_FETCH_DEFAULTS } from './client/server-options.js';
export type { ServerZone } from './client/server-options.js';
export type { RemoteFetchConfig, ServerConfig } from './core/core-options.js';
export { OptimizelyDecideOption, isDecideOption } from './faces/optimizely/decide-options.js';
export type { DecideOption } from './faces/optimizely/decide-options.js';
export { DECISION_MESSAGES } from './faces/optimizely/decision.js';
export type { DecisionUser, OptimizelyDecision } from './faces/optimizely/decision.js';
export type { OptimizelyDecisionContext, OptimizelyForcedDecision } from './faces/optimizely/forced-decisions.js';
export type { EventTags, OptimizelyUserContext } from './faces/optimizely/user-context.js';
export type { OptimizelyFace } from './faces/optimizely/optimizely-face.js';
export { NOTIFICATION_TYPES } from './faces/optimizely/notification-center.js';
export type { DecisionNotification, LogEventNotification, NotificationCenter, NotificationType, TrackNotification } from './faces/optimizely/notification-center.js';
export type { OptimizelyConfig, OptimizelyExperiment, OptimizelyFeature, OptimizelyVariable, OptimizelyVariation } from './faces/optimizely/optimizely-config.js';
export type { LaunchDarklyFace } from './faces/launchdarkly/launchdarkly-face.js';
export type { LDCallback, LDEvaluationDetail } from './faces/launchdarkly/detail.js';
export type { LDFlagMeta, LDFlagsState, LDFlagsStateJson, LDFlagsStateOptions } from './faces/launchdarkly/flags-state.js';
export type { AmplitudeFace } from './faces/amplitude/amplitude-face.js';
export type { AmplitudeEvaluateOptions, Variant } from './faces/amplitude/variant.js';
export { amplitudeVariant } from './faces/amplitude/variant.js';
export type { AmplitudeRemoteFace, FetchOptions, Variants } from './faces/amplitude/remote-fetch.js';

// Re-exported from the packages below, so a runtime package needs only this one and @ensign/common.
export { contextBuilder, createContext, createMultiContext } from '@ensign/context';
export type { AmplitudeUser, Context, LegacyUser, MultiKindContext, SingleKindContext } from '@ensign/context';
export type { Datafile } from '@ensign/datafile-schema';
export { ERROR_KINDS, REASON_KINDS } from '@ensign/evaluator-core';
export type { ErrorKind, EvaluationReason, EvaluationResult, ReasonKind, UserProfile } from '@ensign/evaluator-core';
export type { EnsignEvent, EventBatch, EventDispatcher, FlushResult } from '@ensign/event-pipeline';
export { EVENT_PIPELINE_DEFAULTS } from '@ensign/event-pipeline';
