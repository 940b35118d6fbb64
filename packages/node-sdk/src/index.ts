// Public entry of @ensign/node-sdk: each export is named.
export { createClient } from './client/create-client.js';
export type { ClientFlushOptions, ClientFlushResult, EnsignClient } from './client/client-types.js';
export type {
  AssignmentConfig,
  ClientOptions,
  ExposureConfig,
  UserProfileService,
  UserProfileServiceAsync,
} from './client/options.js';
export { DEFAULT_READY_TIMEOUT_MS } from './client/readiness.js';
export type { ReadyOptions, ReadyResult } from './client/readiness.js';
export type { ClientStatus, StatusError } from './client/status.js';
export { CLIENT_EVENT_NAMES } from './client/emitter.js';
export type {
  ClientEventMap,
  ClientEventName,
  DatafileSourceKind,
  DecisionEvent,
  DecisionFace,
  ErrorEvent,
  Unsubscribe,
  UpdateEvent,
} from './client/emitter.js';
export { OptimizelyDecideOption, isDecideOption } from './faces/optimizely/decide-options.js';
export type { DecideOption } from './faces/optimizely/decide-options.js';
export { DECISION_MESSAGES } from './faces/optimizely/decision.js';
export type { DecisionUser, OptimizelyDecision } from './faces/optimizely/decision.js';
export type { OptimizelyDecisionContext, OptimizelyForcedDecision } from './faces/optimizely/forced-decisions.js';
export type { EventTags, OptimizelyUserContext } from './faces/optimizely/user-context.js';
export type { LaunchDarklyFace } from './faces/launchdarkly/launchdarkly-face.js';
export type { LDCallback, LDEvaluationDetail } from './faces/launchdarkly/detail.js';
export type { LDFlagMeta, LDFlagsState, LDFlagsStateJson, LDFlagsStateOptions } from './faces/launchdarkly/flags-state.js';
export type { AmplitudeFace } from './faces/amplitude/amplitude-face.js';
export type { AmplitudeEvaluateOptions, Variant } from './faces/amplitude/variant.js';
export { exampleDatafile } from './example/example-datafile.js';
export { createNodeScheduler } from './platform/node-scheduler.js';
export type { NodeScheduler, NodeSchedulerOptions } from './platform/node-scheduler.js';
export { createHttpDispatcher, EVENT_HEADERS, parseRetryAfter } from './events/http-dispatcher.js';
export type { HttpDispatcherOptions } from './events/http-dispatcher.js';

// Re-exported from the packages below, so most users need only this package.
export { EnsignError, EnsignErrorCodes, isEnsignError, createConsoleLogger, silentLogger } from '@ensign/common';
export type { EnsignErrorCode, Logger, LogLevel } from '@ensign/common';
export { contextBuilder, createContext, createMultiContext } from '@ensign/context';
export type { AmplitudeUser, Context, LegacyUser, MultiKindContext, SingleKindContext } from '@ensign/context';
export type { Datafile } from '@ensign/datafile-schema';
export { ERROR_KINDS, REASON_KINDS } from '@ensign/evaluator-core';
export type { ErrorKind, EvaluationReason, EvaluationResult, ReasonKind, UserProfile } from '@ensign/evaluator-core';
export type { EventDispatcher, EventBatch, EnsignEvent } from '@ensign/event-pipeline';
