// Public entry of @ensign/importers/amplitude.
export type { ImportResult, ImportWarning } from '../result.js';
