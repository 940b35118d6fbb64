// Optimizely's notification constants for the `optimizely` vendor entry, and the shape of its `notificationCenter`
// (the Optimizely face's own, see faces/optimizely/notification-center.ts).
import { NOTIFICATION_TYPES } from '../../faces/optimizely/notification-center.js';

/** Optimizely's notification types (`NOTIFICATION_TYPES`), the Optimizely face's. */
export { NOTIFICATION_TYPES };

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
