import { createFakeClock } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createStatusTracker } from './status.js';

describe('createStatusTracker', () => {
  it('starts empty', () => {
    const status = createStatusTracker(createFakeClock(1_000));
    expect(status.snapshot(false)).toEqual({
      ready: false, closed: false, revision: null, source: null, updatedAt: null, ageMs: null, updates: 0, lastError: null,
      lastSuccessAt: null, consecutiveFailures: 0, quarantined: [], keptLastGood: [], events: null,
    });
  });

  it('reports the revision, source and age of the datafile in use', () => {
    const clock = createFakeClock(1_000);
    const status = createStatusTracker(clock);
    status.applied('41', 'static');
    clock.advance(250);
    status.applied('42', 'file');
    clock.advance(750);
    expect(status.snapshot(true)).toMatchObject({ ready: true, revision: '42', source: 'file', updatedAt: 1_250, ageMs: 750, updates: 2 });
  });

  it('reports the last error with its path and time and counts failures, until the next good update clears both', () => {
    const clock = createFakeClock(5);
    const status = createStatusTracker(clock);
    status.failed('flags[0].key: Required', 'flags[0].key');
    status.failed('flags[0].key: Required', 'flags[0].key');
    expect(status.snapshot(true)).toMatchObject({ lastError: { message: 'flags[0].key: Required', path: 'flags[0].key', at: 5 }, consecutiveFailures: 2 });
    status.applied('7', 'file');
    expect(status.snapshot(true)).toMatchObject({ lastError: null, consecutiveFailures: 0, lastSuccessAt: 5 });
  });
});
