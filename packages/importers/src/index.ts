// Public entry of @ensign/importers: the shared result types and the four importers by name. Each importer is also
// on its own subpath (`@ensign/importers/optimizely`, ...), which pulls in only that vendor's code.
export type { ImportResult, ImportWarning } from './result.js';
export { importOptimizelyDatafile } from './optimizely/index.js';
export type { OptimizelyImportOptions } from './optimizely/index.js';
export { importGrowthBook } from './growthbook/index.js';
export type { GrowthBookImportOptions } from './growthbook/index.js';
export { importLaunchDarkly } from './launchdarkly/index.js';
export type { LaunchDarklyImportOptions } from './launchdarkly/index.js';
export { importAmplitudeFlags } from './amplitude/index.js';
export type { AmplitudeImportOptions } from './amplitude/index.js';
