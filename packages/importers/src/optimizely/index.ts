// Public entry of @ensign/importers/optimizely.
export type { ImportResult, ImportWarning } from '../result.js';
