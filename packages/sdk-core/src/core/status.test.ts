import { createFakeClock } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createStatusTracker } from './status.js';

describe('createStatusTracker', () => {
  it('starts empty', () => {
    const status = createStatusTracker(createFakeClock(1_000));
    expect(status.snapshot(false)).toEqual({
      ready: false, closed: false, revision: null, source: null, updatedAt: null, ageMs: null, updates: 0, lastError: null, events: null,
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

  it('keeps the last error after later successes, with its path and time', () => {
    const clock = createFakeClock(5);
    const status = createStatusTracker(clock);
    status.failed('flags[0].key: Required', 'flags[0].key');
    status.applied('7', 'file');
    expect(status.snapshot(true).lastError).toEqual({ message: 'flags[0].key: Required', path: 'flags[0].key', at: 5 });
  });
});
