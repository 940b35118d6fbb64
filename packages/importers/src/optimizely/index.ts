// Public entry of @ensign/importers/optimizely.
export { importOptimizelyDatafile } from './import-optimizely.js';
export type { OptimizelyImportOptions } from './import-optimizely.js';
export type { ImportResult, ImportWarning } from '../result.js';
