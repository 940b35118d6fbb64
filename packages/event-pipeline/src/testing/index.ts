// Test helpers of @ensign/event-pipeline. Import from '@ensign/event-pipeline/testing'.
export { createFakeDispatcher } from './fake-dispatcher.js';
export type { FakeDispatcher, FakeDispatcherOptions } from './fake-dispatcher.js';
export { createRecordingLogger } from './recording-logger.js';
export type { LogLine, RecordingLogger } from './recording-logger.js';
