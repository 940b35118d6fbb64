// The `./testing` entry of @ensign/node-sdk: test data (flags built in code) from @ensign/sdk-core.
export { createTestData } from '@ensign/sdk-core/testing';
export type { FlagBuilder, RuleBuilder, TestData, VariationChoice } from '@ensign/sdk-core/testing';
