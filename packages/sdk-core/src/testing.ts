// The `./testing` entry of @ensign/sdk-core: flags built in code for your tests (LaunchDarkly's TestData).
export { createTestData } from './testing/test-data.js';
export type { TestData } from './testing/test-data.js';
export type { FlagBuilder, VariationChoice } from './testing/flag-builder.js';
export type { RuleBuilder } from './testing/rule-builder.js';
