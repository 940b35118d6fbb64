// Public entry of @ensign/importers/launchdarkly.
export type { ImportResult, ImportWarning } from '../result.js';
export { importLaunchDarkly } from './import-launchdarkly.js';
export type { LaunchDarklyImportOptions } from './import-launchdarkly.js';
export type { LaunchDarklyPayload, LdClause, LdFlag, LdRollout, LdRule, LdSegment, LdSegmentRule, LdTarget, LdVariationOrRollout } from './ld-types.js';
