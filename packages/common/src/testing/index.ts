// Test helpers: fake clock and scheduler. Import from '@ensign/common/testing'.
export { createFakeClock, createFakeScheduler } from './fake-time.js';
export type { FakeClock, FakeScheduler } from './fake-time.js';
