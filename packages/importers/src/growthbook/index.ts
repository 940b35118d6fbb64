// Public entry of @ensign/importers/growthbook.
export { importGrowthBook } from './import-growthbook.js';
export type { GrowthBookImportOptions } from './import-growthbook.js';
export type { ImportResult, ImportWarning } from '../result.js';
