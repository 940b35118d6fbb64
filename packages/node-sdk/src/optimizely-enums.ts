import { DECISION_NOTIFICATION_TYPES, DECISION_SOURCES, NOTIFICATION_TYPES } from '@ensign/sdk-core/vendor-entries';

/** SDK 5's `enums` object (`enums.LOG_LEVEL.INFO`, `enums.NOTIFICATION_TYPES.DECISION`...). */
export const enums = Object.freeze({
  LOG_LEVEL: Object.freeze({ NOTSET: 0, DEBUG: 1, INFO: 2, WARNING: 3, ERROR: 4 } as const),
  NOTIFICATION_TYPES,
  DECISION_NOTIFICATION_TYPES,
  DECISION_SOURCES,
});
