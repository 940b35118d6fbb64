// Public entry of @ensign/importers/growthbook.
export type { ImportResult, ImportWarning } from '../result.js';
