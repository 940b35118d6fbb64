// Public entry of @ensign/importers/amplitude.
export type { ImportResult, ImportWarning } from '../result.js';
export { importAmplitudeFlags } from './import-amplitude.js';
export type { AmplitudeImportOptions } from './import-amplitude.js';
export type { AmplitudeAllocation, AmplitudeBucket, AmplitudeCondition, AmplitudeDistribution, AmplitudeFlag, AmplitudeSegment, AmplitudeVariant } from './amplitude-types.js';
