// Public entry of @ensign/importers: the shared result types; each vendor's importer is on its own subpath.
export type { ImportResult, ImportWarning } from './result.js';
