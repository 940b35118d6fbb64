// A thin `notificationCenter` over the client's own events, for a client whose Optimizely face has none yet:
// DECISION (type `flag`) from `decision` events of the Optimizely face, OPTIMIZELY_CONFIG_UPDATE from `update`.
// When the face provides `notificationCenter`, the entry uses the face's instead (see optimizely-instance.ts).
import type { EnsignClient } from '../client-types.js';

/** Optimizely's notification types (`NOTIFICATION_TYPES`). */
export const NOTIFICATION_TYPES = Object.freeze({
  ACTIVATE: 'ACTIVATE',
  DECISION: 'DECISION',
  LOG_EVENT: 'LOG_EVENT',
  OPTIMIZELY_CONFIG_UPDATE: 'OPTIMIZELY_CONFIG_UPDATE',
  TRACK: 'TRACK',
} as const);

/** Optimizely's decision notification types (`DECISION_NOTIFICATION_TYPES`). */
export const DECISION_NOTIFICATION_TYPES = Object.freeze({
  AB_TEST: 'ab-test',
  FEATURE: 'feature',
  FEATURE_TEST: 'feature-test',
  FEATURE_VARIABLE: 'feature-variable',
  ALL_FEATURE_VARIABLES: 'all-feature-variables',
  FLAG: 'flag',
} as const);

/** Optimizely's decision sources (`DECISION_SOURCES`). */
export const DECISION_SOURCES = Object.freeze({ FEATURE_TEST: 'feature-test', ROLLOUT: 'rollout', EXPERIMENT: 'experiment', HOLDOUT: 'holdout' } as const);

/** Optimizely's `notificationCenter`: listeners by type, removed by the id `addNotificationListener` returns. */
export interface NotificationCenter {
  addNotificationListener(type: string, listener: (payload: unknown) => void): number;
  removeNotificationListener(id: number): boolean;
  clearAllNotificationListeners(): void;
  clearNotificationListeners(type: string): void;
}

/**
 * Creates the thin notification center over `client.on(...)`. `addNotificationListener` returns -1 for a type it
 * cannot serve (ACTIVATE, TRACK, LOG_EVENT), as Optimizely does for an unknown type.
 *
 * @example
 * const center = createThinNotificationCenter(client);
 * center.addNotificationListener(NOTIFICATION_TYPES.DECISION, ({ decisionInfo }) => console.log(decisionInfo.flagKey));
 */
export function createThinNotificationCenter(client: EnsignClient): NotificationCenter {
  let next = 1;
  const listeners = new Map<number, { type: string; stop: () => void }>();
  const subscribe = (type: string, listener: (payload: unknown) => void): (() => void) | null => {
    if (type === NOTIFICATION_TYPES.DECISION) {
      return client.on('decision', (event) => {
        if (event.face !== 'optimizely') return;
        const { key, kind: _kind, ...attributes } = (event.context ?? {}) as Record<string, unknown>;
        const r = event.result;
        listener({
          type: DECISION_NOTIFICATION_TYPES.FLAG,
          userId: key,
          attributes,
          decisionInfo: { flagKey: r.flagKey, enabled: r.enabled, variationKey: r.variationKey, ruleKey: r.ruleKey, variables: r.variables, reasons: r.reasons ?? [] },
        });
      });
    }
    if (type === NOTIFICATION_TYPES.OPTIMIZELY_CONFIG_UPDATE) return client.on('update', () => listener(undefined));
    return null;
  };
  return {
    addNotificationListener(type, listener) {
      if (typeof listener !== 'function') return -1;
      const stop = subscribe(type, listener);
      if (stop === null) return -1;
      const id = next++;
      listeners.set(id, { type, stop });
      return id;
    },
    removeNotificationListener(id) {
      const entry = listeners.get(id);
      if (entry === undefined) return false;
      entry.stop();
      listeners.delete(id);
      return true;
    },
    clearAllNotificationListeners() {
      for (const entry of listeners.values()) entry.stop();
      listeners.clear();
    },
    clearNotificationListeners(type) {
      for (const [id, entry] of listeners) if (entry.type === type) this.removeNotificationListener(id);
    },
  };
}
