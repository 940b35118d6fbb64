import type { Clock, HttpClient, Logger, Scheduler } from '@ensign/common';
import type { Context } from '@ensign/context';
import type { Flag, JsonObject, JsonValue, Rule } from '@ensign/datafile-schema';
import type { CompiledDatafile, EvaluationResult } from '@ensign/evaluator-core';
import type {
  EventBatch,
  EventDispatcher,
  EventPipeline,
  EventPipelineStats,
  FlushResult,
  RuleType,
} from '@ensign/event-pipeline';
import { createEventPipeline } from '@ensign/event-pipeline';
import type { DecisionFace } from '../emitter.js';
import { isLaunchDarklyEvaluationTracked, isOptimizelyDecisionTracked } from './track-policy.js';
import { CLIENT_EVENT_DEFAULTS } from '../core-options.js';
import type { CoreOptions as ResolvedOptions } from '../core-options.js';
import { holdoutIds, ruleTypeFrom, type HoldoutIds } from './optimizely-decision.js';
import { createFlagFactsCache, ruleFrom } from './flag-facts.js';
import type { FlagFacts } from './flag-facts.js';
import { createHttpDispatcher } from './http-event-dispatcher.js';

/** Gzip bodies above this size (bytes). */
const GZIP_THRESHOLD_BYTES = 1_024;

/** The faces' entry to the event pipeline: one call per thing a face did, mapped to pipeline records. */
export interface EventSink {
  /**
   * One decision of any face: always summarized; a full decision event when the face's tracking policy says so
   * (Optimizely: experiments, holdouts, forced decisions, and rollouts with `sendFlagDecisions`, never with
   * `disableDecisionEvent`; LaunchDarkly: `trackEvents`, tracked rules, experiments; Amplitude and other faces:
   * summary only, and Amplitude reports only flags that served a variation).
   */
  decision(face: DecisionFace, compiled: CompiledDatafile, context: Context, result: EvaluationResult, defaultValue: JsonValue, disableDecisionEvent: boolean, withReasons?: boolean, prereqOf?: string | null): void;
  /** Amplitude `evaluate`: assignment and exposure events when configured (the decisions went through `decision`). */
  amplitudeEvents(context: Context, identity: AmplitudeIds, results: readonly AmplitudeServed[], tracksExposure: boolean): void;
  conversion(context: Context, input: { eventKey: string; eventId?: string | null; revision?: string | null; tags?: JsonObject | null; data?: JsonValue; metricValue?: number | null }): void;
  identify(context: Context): void;
  flush(timeoutMs?: number): Promise<FlushResult>;
  close(timeoutMs?: number): Promise<FlushResult>;
  stats(): EventPipelineStats;
}

/** Amplitude `user_id` / `device_id` of the evaluated user. */
export interface AmplitudeIds {
  userId: string | null;
  deviceId: string | null;
}

/** One flag the Amplitude face served, with what its events need. */
export interface AmplitudeServed {
  result: EvaluationResult;
  flag: Flag | undefined;
  isDefault: boolean;
  metadata: JsonObject;
}

/** Ports the sink runs on. */
export interface EventSinkPorts {
  scheduler: Scheduler;
  clock: Clock;
  logger: Logger;
  /** Whether to create the pipeline even without `eventsUrl` (a custom dispatcher was given). */
  dispatcher?: EventDispatcher;
  /** The network, for delivery to `eventsUrl`. */
  http?: HttpClient;
  /** Gzip, when the platform has it (bodies are then compressed above 1 KiB). */
  gzip?: (data: Uint8Array) => Promise<Uint8Array>;
  /** Told of every batch handed to the dispatcher, with the URL it goes to (Optimizely's `LOG_EVENT`). */
  onDispatch?: (batch: EventBatch, url: string) => void;
}

/**
 * Creates the event sink of a client: an event pipeline delivering to `eventsUrl` through the HTTP dispatcher (or to
 * the given dispatcher), with the client's event defaults (`CLIENT_EVENT_DEFAULTS`: batches of 1 000, 4 requests in
 * flight, 100 000 events held, a new context indexed beside a tracked decision event, as LaunchDarkly's SDK does).
 * Returns null when events are off (`events: false`) or have nowhere to go (no `eventsUrl` and no dispatcher): then
 * nothing is recorded at all.
 *
 * @example
 * const sink = createEventSink(resolveOptions({ datafile, eventsUrl: 'https://events.example.com/v1/bulk', sdkKey }), ports);
 * sink?.identify({ kind: 'user', key: 'user-42' });
 */
export function createEventSink(options: ResolvedOptions, ports: EventSinkPorts): EventSink | null {
  if (!options.events) return null;
  let dispatcher = ports.dispatcher;
  if (!dispatcher) {
    if (options.eventsUrl === undefined || ports.http === undefined) return null;
    dispatcher = createHttpDispatcher({
      http: ports.http,
      ...(ports.gzip ? { gzip: ports.gzip } : {}),
      url: options.eventsUrl,
      sdkKey: options.sdkKey ?? '',
      timeoutMs: options.eventRequestTimeoutMs,
      gzipThresholdBytes: GZIP_THRESHOLD_BYTES,
      logger: ports.logger,
    });
  }
  const onDispatch = ports.onDispatch;
  const inner = dispatcher;
  const url = options.eventsUrl ?? '';
  if (onDispatch) dispatcher = { dispatch: (batch, o) => (onDispatch(batch, url), inner.dispatch(batch, o)) };
  const pipeline: EventPipeline = createEventPipeline({
    dispatcher,
    scheduler: ports.scheduler,
    clock: ports.clock,
    logger: ports.logger,
    batchSize: options.eventBatchSize,
    ...(options.eventFlushIntervalMs === undefined ? {} : { flushIntervalMs: options.eventFlushIntervalMs }),
    maxQueueSize: options.eventQueueCapacity,
    maxQueueBytes: options.eventQueueMaxBytes,
    maxConcurrentBatches: CLIENT_EVENT_DEFAULTS.concurrentRequests,
    indexTrackedContexts: CLIENT_EVENT_DEFAULTS.indexTrackedContexts,
    // LaunchDarkly's server SDKs redact anonymous contexts in custom events as in feature events.
    redactAnonymousInConversions: true,
    privateAttributes: options.privateAttributes,
    allAttributesPrivate: options.allAttributesPrivate,
    contextKeysCapacity: options.contextKeysCapacity,
    contextKeysFlushIntervalMs: Math.round(options.contextKeysFlushInterval * 1_000),
    ...(options.sharedDedup === undefined ? {} : { sharedDedup: options.sharedDedup }),
    ...(options.assignmentConfig?.cacheCapacity === undefined ? {} : { assignmentDedup: { capacity: options.assignmentConfig.cacheCapacity } }),
    ...(options.exposureConfig?.cacheCapacity === undefined ? {} : { exposureDedup: { capacity: options.exposureConfig.cacheCapacity } }),
  });

  // `rule` is the flag's rule that decided (`ruleFrom(facts, result.ruleId)`), looked up once by the caller. The
  // facts of a known flag are its summary slot: the summary finds its record of the flag there, without a lookup.
  // `reason` is the decision event's (LaunchDarkly sends one only when asked for it, or for an experiment); the
  // summary reads the result's. `prereqOf`: the flag this evaluation was a prerequisite of.
  // `held`: the ids of a holdout decision (the holdout's and its variation's), which the flag does not hold.
  const record = (context: Context, result: EvaluationResult, facts: FlagFacts, rule: Rule | undefined, defaultValue: JsonValue, ruleType: RuleType | null, track: boolean, reason: EvaluationResult['reason'] | null = result.reason, prereqOf: string | null = null, held: HoldoutIds | null = null) => {
    const flag = facts.flag;
    const index = result.variationIndex;
    if (!track) {
      // Summarized only: the pipeline reads no more than the summary's fields and the context (for the index event),
      // so the input carries only those (a smaller object, and no lookups of the variation and experiment ids).
      pipeline.recordDecision({
        context,
        flagKey: result.flagKey,
        flagVersion: flag?.version ?? null,
        variationKey: result.variationKey,
        variationIndex: index,
        value: result.value,
        defaultValue,
        reason: result.reason,
        track,
        excludeFromSummaries: flag?.excludeFromSummaries === true,
        summarySlot: flag === undefined ? null : facts,
        // Always given (null for none), not spread in: a spread makes V8 build the input through a runtime copy
        // (`CopyDataProperties`) on every call. An untracked decision makes no decision event, so nothing reads it.
        prereqOf,
      });
      return;
    }
    const variation = index === null ? undefined : flag?.variations[index];
    pipeline.recordDecision({
      context,
      flagKey: result.flagKey,
      flagVersion: flag?.version ?? null,
      variationKey: result.variationKey,
      variationIndex: index,
      variationId: held !== null ? held.variationId : (variation?.id ?? null),
      value: result.value,
      defaultValue,
      ruleKey: result.ruleKey,
      ruleId: result.ruleId,
      ruleType,
      experimentKey: result.experimentKey,
      experimentId: held !== null ? held.experimentId : (rule?.experiment?.id ?? null),
      enabled: result.enabled,
      revision: result.revision,
      reason,
      track,
      excludeFromSummaries: flag?.excludeFromSummaries === true,
      summarySlot: flag === undefined ? null : facts,
      prereqOf,
    });
  };

  // The flag and its rules by id, per flag key of the datafile in use: one lookup per decision.
  const factsOf = createFlagFactsCache();

  return {
    decision(face, compiled, context, result, defaultValue, disableDecisionEvent, withReasons = false, prereqOf = null) {
      const facts = factsOf(compiled, result.flagKey);
      const flag = facts.flag;
      switch (face) {
        case 'optimizely': {
          if (flag === undefined) return; // Optimizely sends nothing for a flag it does not know
          // One lookup of the rule for its type and the event (`ruleFrom` answers as `ruleOf`).
          const rule = ruleFrom(facts, result.ruleId);
          const ruleType = ruleTypeFrom(result, rule);
          const sendFlagDecisions = compiled.datafile.settings?.sendFlagDecisions === true;
          const track = isOptimizelyDecisionTracked({ ruleType, sendFlagDecisions, disableDecisionEvent });
          // A holdout's impression carries the holdout's id and its variation's, as Optimizely's does.
          const held = track && ruleType === 'holdout' ? holdoutIds(compiled, result) : null;
          record(context, result, facts, rule, null, ruleType, track, result.reason, null, held);
          return;
        }
        case 'launchdarkly': {
          const reason = result.reason;
          // The rule is looked up only where it can matter: the tracking of a `RULE_MATCH` of a flag that has tracked
          // rules, and the experiment id of a tracked evaluation (an untracked one does not carry it).
          let rule = reason.kind === 'RULE_MATCH' && facts.ruleTracks ? ruleFrom(facts, result.ruleId) : undefined;
          const track =
            flag !== undefined &&
            isLaunchDarklyEvaluationTracked({
              reasonKind: reason.kind,
              flagTrackEvents: flag.trackEvents === true,
              inExperiment: reason.inExperiment === true,
              ruleTrackEvents: rule?.trackEvents === true,
              trackEventsFallthrough: flag.trackEventsFallthrough === true,
            });
          if (track && rule === undefined) rule = ruleFrom(facts, result.ruleId);
          // LaunchDarkly's feature event carries the reason for a detail call or an experiment only (its isExperiment:
          // the tracking policy without the flag's own `trackEvents`, as flags-state.ts reads it too).
          const experiment =
            track &&
            isLaunchDarklyEvaluationTracked({
              reasonKind: reason.kind,
              inExperiment: reason.inExperiment === true,
              ruleTrackEvents: rule?.trackEvents === true,
              trackEventsFallthrough: flag?.trackEventsFallthrough === true,
            });
          record(context, result, facts, rule, defaultValue, null, track, withReasons || experiment ? reason : null, prereqOf);
          return;
        }
        case 'amplitude':
          if (result.variationIndex !== null) record(context, result, facts, ruleFrom(facts, result.ruleId), null, null, false);
          return;
        default:
          record(context, result, facts, ruleFrom(facts, result.ruleId), defaultValue, null, false);
      }
    },
    amplitudeEvents(context, ids, served, tracksExposure) {
      if (options.assignmentConfig) {
        pipeline.recordAssignment({
          context,
          userId: ids.userId,
          deviceId: ids.deviceId,
          flags: served.map((s) => ({
            flagKey: s.result.flagKey,
            variantKey: s.result.variationKey,
            flagVersion: flagVersionOf(s.flag),
            // Amplitude's segment name (its "details" name it); a segment without one has none.
            ruleKey: typeof s.metadata['segmentName'] === 'string' ? s.metadata['segmentName'] : null,
            isDefault: s.isDefault,
          })),
        });
      }
      if (options.exposureConfig && tracksExposure) {
        // The evaluation as a whole, as Amplitude's local client records it: deduplicated as one, an event per flag
        // that served a non-default variant.
        pipeline.recordExposures({
          context,
          userId: ids.userId,
          deviceId: ids.deviceId,
          flags: served.map((s) => ({
            flagKey: s.result.flagKey,
            variantKey: s.result.variationKey,
            experimentKey: typeof s.metadata['experimentKey'] === 'string' ? s.metadata['experimentKey'] : null,
            isDefault: s.isDefault,
            trackExposure: s.metadata['trackExposure'] !== false,
            metadata: s.metadata,
          })),
        });
      }
    },
    conversion(context, input) {
      pipeline.recordConversion({ context, ...input, knownEvent: true });
    },
    identify(context) {
      pipeline.recordIdentify(context);
    },
    flush: (timeoutMs) => pipeline.flush(timeoutMs === undefined ? {} : { timeoutMs }),
    close: (timeoutMs) => pipeline.close(timeoutMs === undefined ? {} : { timeoutMs }),
    stats: () => pipeline.stats(),
  };
}

function flagVersionOf(flag: Flag | undefined): number | null {
  const amplitudeVersion = flag?.metadata?.amplitude?.flagVersion;
  if (typeof amplitudeVersion === 'number') return amplitudeVersion;
  return flag?.version ?? null;
}
