import { createFakeClock } from '@ensign/common/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COUNTERS_PER_FLAG, createSummarizer } from './summarizer.js';
import { createReferenceSummarizer } from './summarizer-reference.test-helpers.js';

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

describe('createSummarizer against the reference (the summarizer before its records were kept across windows)', () => {
  it('gives the same snapshots, overflow calls and emptiness under any sequence of counts, snapshots and caps', () => {
    const evaluation = fc.record({
      flag: fc.integer({ min: 0, max: 6 }),
      version: fc.constantFrom(1, 2, null, undefined),
      variation: fc.constantFrom('on', 'off', 'null', null),
      index: fc.constantFrom(0, 1, null, undefined),
      value: fc.constantFrom(true, false, 'x', null, { a: [1] }),
      defaultValue: fc.constantFrom(false, 'd', undefined),
      notFound: fc.boolean(),
      kind: fc.constantFrom<string | string[]>('user', 'org', ['org', 'device'], []),
    });
    const op = fc.oneof({ weight: 8, arbitrary: evaluation }, { weight: 1, arbitrary: fc.constant('snapshot' as const) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 400 }), (maxFlags, ops) => {
        const clock = createFakeClock(0);
        let overflowsCurrent = 0;
        let overflowsReference = 0;
        const current = createSummarizer(clock, { maxFlags, onOverflow: () => (overflowsCurrent += 1) });
        const reference = createReferenceSummarizer(clock, { maxFlags, onOverflow: () => (overflowsReference += 1) });
        for (const o of ops) {
          clock.advance(1);
          if (o === 'snapshot') {
            expect(JSON.stringify(current.snapshot(clock.now()))).toBe(JSON.stringify(reference.snapshot(clock.now())));
          } else {
            const input = {
              flagKey: `flag-${o.flag}`,
              flagVersion: o.version,
              variationKey: o.variation,
              variationIndex: o.index,
              value: o.value,
              defaultValue: o.defaultValue,
              reason: o.notFound ? { errorKind: 'FLAG_NOT_FOUND' } : { kind: 'FALLTHROUGH' },
            };
            current.count(input, o.kind);
            reference.count(input, o.kind);
          }
          expect(current.isEmpty()).toBe(reference.isEmpty());
          expect(overflowsCurrent).toBe(overflowsReference);
        }
        expect(JSON.stringify(current.snapshot(clock.now()))).toBe(JSON.stringify(reference.snapshot(clock.now())));
      }),
      { numRuns: 300 },
    );
  });

  it('overflows a flag past MAX_COUNTERS_PER_FLAG counters in a window, as the reference does, window after window', () => {
    const clock = createFakeClock(0);
    const current = createSummarizer(clock, { maxFlags: 10 });
    const reference = createReferenceSummarizer(clock, { maxFlags: 10 });
    for (let w = 0; w < 3; w++) {
      for (let i = 0; i < MAX_COUNTERS_PER_FLAG + 20; i++) {
        const input = { flagKey: 'f', flagVersion: w * 1_000 + i, variationKey: 'on', value: i, defaultValue: false };
        current.count(input, 'user');
        reference.count(input, 'user');
      }
      const snapshot = current.snapshot(clock.now());
      expect(snapshot?.overflowEvaluations).toBe(20);
      expect(JSON.stringify(snapshot)).toBe(JSON.stringify(reference.snapshot(clock.now())));
    }
  });
});
