// Public entry of @ensign/importers/launchdarkly.
export type { ImportResult, ImportWarning } from '../result.js';
