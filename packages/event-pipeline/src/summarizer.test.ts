import { createFakeClock } from '@ensign/common/testing';
import { describe, expect, it } from 'vitest';
import { createSummarizer } from './summarizer.js';

const on = { flagKey: 'checkout', flagVersion: 7, variationKey: 'on', variationIndex: 1, value: true, defaultValue: false };

describe('createSummarizer', () => {
  it('counts evaluations per flag, variation and version', () => {
    const clock = createFakeClock(1_000);
    const s = createSummarizer(clock, { maxFlags: 10_000 });
    s.count(on, 'user');
    s.count(on, 'user');
    s.count({ ...on, variationKey: 'off', variationIndex: 0, value: false }, 'user');
    s.count({ ...on, flagVersion: 8 }, 'user');
    clock.advance(500);
    const snap = s.snapshot(clock.now());
    expect(snap).toEqual({
      startDate: 1_000,
      endDate: 1_500,
      flags: [
        {
          flagKey: 'checkout',
          default: false,
          contextKinds: ['user'],
          counters: [
            { variationKey: 'on', variationIndex: 1, version: 7, value: true, count: 2, unknown: false },
            { variationKey: 'off', variationIndex: 0, version: 7, value: false, count: 1, unknown: false },
            { variationKey: 'on', variationIndex: 1, version: 8, value: true, count: 1, unknown: false },
          ],
        },
      ],
      unknownFlagEvaluations: 0,
      overflowEvaluations: 0,
    });
  });

  it('records every context kind seen, sorted, including each kind of a multi-kind context', () => {
    const s = createSummarizer(createFakeClock(), { maxFlags: 10_000 });
    s.count(on, 'user');
    s.count(on, ['organization', 'device']);
    expect(s.snapshot(0)?.flags[0]?.contextKinds).toEqual(['device', 'organization', 'user']);
  });

  it('marks a flag without a version as unknown and counts the default it served', () => {
    const s = createSummarizer(createFakeClock(), { maxFlags: 10_000 });
    s.count({ flagKey: 'missing', variationKey: null, value: 'fallback', defaultValue: 'fallback' }, 'user');
    expect(s.snapshot(0)?.flags[0]).toEqual({
      flagKey: 'missing',
      default: 'fallback',
      contextKinds: ['user'],
      counters: [{ variationKey: null, variationIndex: null, version: null, value: 'fallback', count: 1, unknown: true }],
    });
  });

  it('keeps a variation keyed "null" apart from no variation', () => {
    const s = createSummarizer(createFakeClock(), { maxFlags: 10_000 });
    s.count({ ...on, variationKey: 'null' }, 'user');
    s.count({ ...on, variationKey: null }, 'user');
    expect(s.snapshot(0)?.flags[0]?.counters.map((c) => c.count)).toEqual([1, 1]);
  });

  it('starts a new window after each snapshot and gives null when nothing was counted', () => {
    const clock = createFakeClock(10);
    const s = createSummarizer(clock, { maxFlags: 10_000 });
    expect(s.isEmpty()).toBe(true);
    expect(s.snapshot(10)).toBeNull();
    s.count(on, 'user');
    expect(s.isEmpty()).toBe(false);
    s.snapshot(20);
    expect(s.isEmpty()).toBe(true);
    clock.set(30);
    s.count(on, 'user');
    expect(s.snapshot(40)).toMatchObject({ startDate: 30, endDate: 40 });
  });

  it('keeps its memory to one counter per triple however many evaluations it sees', () => {
    const s = createSummarizer(createFakeClock(), { maxFlags: 10_000 });
    for (let i = 0; i < 100_000; i++) s.count(i % 2 === 0 ? on : { ...on, variationKey: 'off' }, 'user');
    const counters = s.snapshot(0)?.flags[0]?.counters ?? [];
    expect(counters.map((c) => c.count)).toEqual([50_000, 50_000]);
  });
});
