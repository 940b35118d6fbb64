// Optimizely's notification center on the Optimizely face: listeners by notification type, numbered ids, and
// Optimizely 6's payloads. DECISION is sent by the face for each flag decision, TRACK by `trackEvent`, LOG_EVENT for
// each event batch handed to the dispatcher (Ensign's batch, not Optimizely's log event format), and
// OPTIMIZELY_CONFIG_UPDATE (no payload) on each datafile update, over the client's `update` hook.
import type { CompiledDatafile, EvaluationResult } from '@ensign/evaluator-core';
import { getFlag } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import { ruleTypeOf } from '../../core/events/optimizely-decision.js';
import { ruleOf } from '../../core/events/flag-rules.js';
import { isOptimizelyDecisionTracked } from '../../core/events/track-policy.js';
import { messageOf } from '../../core/records.js';
import type { OptimizelyDecision } from './decision.js';

/**
 * The notification types, spelled as Optimizely's `NOTIFICATION_TYPES` (`ACTIVATE` is accepted and never sent:
 * there is no `activate` here).
 *
 * @example
 * optimizely.notificationCenter.addNotificationListener(NOTIFICATION_TYPES.DECISION, (n) => console.log(n.decisionInfo));
 */
export const NOTIFICATION_TYPES = Object.freeze({
  ACTIVATE: 'ACTIVATE',
  DECISION: 'DECISION',
  LOG_EVENT: 'LOG_EVENT',
  OPTIMIZELY_CONFIG_UPDATE: 'OPTIMIZELY_CONFIG_UPDATE',
  TRACK: 'TRACK',
} as const);

/** One of {@link NOTIFICATION_TYPES}. */
export type NotificationType = (typeof NOTIFICATION_TYPES)[keyof typeof NOTIFICATION_TYPES];

/** The DECISION payload of a flag decision (Optimizely's `type: 'flag'`). */
export interface DecisionNotification {
  type: 'flag';
  userId: string;
  attributes: Readonly<Record<string, unknown>>;
  decisionInfo: {
    flagKey: string;
    enabled: boolean;
    variationKey: string | null;
    ruleKey: string | null;
    variables: Readonly<Record<string, unknown>>;
    reasons: string[];
    decisionEventDispatched: boolean;
    experimentId: string | null;
    variationId: string | null;
  };
}

/** The TRACK payload. `logEvent` is null: events leave in Ensign's format, through LOG_EVENT. */
export interface TrackNotification {
  eventKey: string;
  userId: string;
  attributes: Readonly<Record<string, unknown>>;
  eventTags: unknown;
  logEvent: null;
}

/** The LOG_EVENT payload: the batch handed to the dispatcher, where it goes, how. */
export interface LogEventNotification {
  url: string;
  httpVerb: 'POST';
  params: unknown;
}

/** A listener; the payload depends on the type. */
export type NotificationListener = (payload: never) => void;

/** Optimizely's `NotificationCenter`. Every method is total: bad arguments give -1, false or nothing. */
export interface NotificationCenter {
  /** Adds a listener; returns its id (> 0), or -1 for an unknown type or a callback that is not a function. */
  addNotificationListener(type: NotificationType, callback: (payload: never) => void): number;
  /** Removes a listener by id; false when there was none. */
  removeNotificationListener(listenerId: number): boolean;
  clearAllNotificationListeners(): void;
  clearNotificationListeners(type: NotificationType): void;
}

/** The notification center of one client, with what the face uses to send. */
export interface FaceNotifications extends NotificationCenter {
  /** Whether a type has listeners (checked before building a payload). */
  has(type: NotificationType): boolean;
  send(type: NotificationType, payload: unknown): void;
}

const TYPES: ReadonlySet<string> = new Set(Object.values(NOTIFICATION_TYPES));

/**
 * Creates the notification center of a client's Optimizely face. A listener that throws is logged (rate-limited).
 *
 * @example
 * const center = createNotificationCenter(core);
 * const id = center.addNotificationListener('TRACK', (n) => console.log(n));
 */
export function createNotificationCenter(core: ClientCore): FaceNotifications {
  const listeners = new Map<number, { type: string; callback: (payload: unknown) => void }>();
  const counts = new Map<string, number>();
  let nextId = 1;
  let unsubscribeUpdate: (() => void) | null = null;
  let detachDispatch: (() => void) | null = null;

  const send = (type: NotificationType, payload: unknown): void => {
    for (const entry of [...listeners.values()]) {
      if (entry.type !== type) continue;
      try {
        entry.callback(payload);
      } catch (error) {
        core.limited.log('error', `notification:${type}`, `a ${type} notification listener threw: ${messageOf(error)}`);
      }
    }
  };
  // The client's hooks feed two types, subscribed while they have listeners.
  const attach = (type: string): void => {
    if (type === NOTIFICATION_TYPES.OPTIMIZELY_CONFIG_UPDATE && unsubscribeUpdate === null) {
      unsubscribeUpdate = core.emitter.on('update', () => send(NOTIFICATION_TYPES.OPTIMIZELY_CONFIG_UPDATE, undefined));
    }
    if (type === NOTIFICATION_TYPES.LOG_EVENT && detachDispatch === null && core.dispatchListeners) {
      const set = core.dispatchListeners;
      const listener = (batch: unknown, url: string) => send(NOTIFICATION_TYPES.LOG_EVENT, { url, httpVerb: 'POST', params: batch });
      set.add(listener);
      detachDispatch = () => set.delete(listener);
    }
  };
  const changed = (type: string, by: number): void => {
    const count = (counts.get(type) ?? 0) + by;
    counts.set(type, count);
    if (count > 0) return attach(type);
    if (type === NOTIFICATION_TYPES.OPTIMIZELY_CONFIG_UPDATE && unsubscribeUpdate !== null) {
      unsubscribeUpdate();
      unsubscribeUpdate = null;
    }
    if (type === NOTIFICATION_TYPES.LOG_EVENT && detachDispatch !== null) {
      detachDispatch();
      detachDispatch = null;
    }
  };

  const remove = (listenerId: number): boolean => {
    const entry = listeners.get(listenerId);
    if (entry === undefined) return false;
    listeners.delete(listenerId);
    changed(entry.type, -1);
    return true;
  };
  return {
    addNotificationListener(type, callback) {
      if (typeof type !== 'string' || !TYPES.has(type) || typeof callback !== 'function') return -1;
      const id = nextId++;
      listeners.set(id, { type, callback: callback as (payload: unknown) => void });
      changed(type, 1);
      return id;
    },
    removeNotificationListener: remove,
    clearAllNotificationListeners() {
      for (const id of [...listeners.keys()]) remove(id);
    },
    clearNotificationListeners(type) {
      for (const [id, entry] of [...listeners.entries()]) if (entry.type === type) remove(id);
    },
    has: (type) => (counts.get(type) ?? 0) > 0,
    send,
  };
}

/**
 * The DECISION payload of one flag decision, as Optimizely builds it: the rule's experiment id (a holdout's id when
 * held out), the variation's id, and whether a decision event is sent for it (Optimizely's rule: experiments,
 * holdouts and forced decisions; delivery rules with `sendFlagDecisions`; never with `DISABLE_DECISION_EVENT`).
 *
 * @example
 * center.send('DECISION', decisionPayload(compiled, result, decision, false));
 */
export function decisionPayload(compiled: CompiledDatafile, result: EvaluationResult, decision: OptimizelyDecision, disableDecisionEvent: boolean): DecisionNotification {
  const flag = getFlag(compiled, result.flagKey);
  const holdoutKey = result.reason.holdoutKey;
  const holdout = holdoutKey === undefined ? undefined : compiled.datafile.holdouts?.find((h) => h.key === holdoutKey);
  const rule = ruleOf(flag, result.ruleId);
  const variations = holdout ? holdout.variations : (flag?.variations ?? []);
  const variation = result.variationKey === null ? undefined : variations.find((v) => v.key === result.variationKey);
  const sendFlagDecisions = compiled.datafile.settings?.sendFlagDecisions === true;
  return {
    type: 'flag',
    userId: decision.userContext.userId,
    attributes: decision.userContext.attributes,
    decisionInfo: {
      flagKey: decision.flagKey,
      enabled: decision.enabled,
      variationKey: decision.variationKey,
      ruleKey: decision.ruleKey,
      variables: decision.variables,
      reasons: decision.reasons,
      decisionEventDispatched: isOptimizelyDecisionTracked({ ruleType: ruleTypeOf(result, flag), sendFlagDecisions, disableDecisionEvent }),
      experimentId: holdout ? (holdout.id ?? null) : (rule?.experiment?.id ?? result.ruleId ?? null),
      variationId: variation?.id ?? null,
    },
  };
}
