import { createFakeClock } from '@ensign/common/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSummarizer } from './summarizer.js';
import { createReferenceSummarizer } from './summarizer-reference.test-helpers.js';

// `summarySlot` lets a caller keep the summarizer's record of a flag, so counting skips the lookup by flag key. The
// slot is only a shortcut: whatever it holds (the right record, another flag's, another summarizer's, a record of a
// `Map` generation since cleared, or junk), the summaries are those of the reference summarizer, which has no slots.
describe('summarySlot', () => {
  it('counts as the reference does, whatever the slots passed hold', () => {
    const evaluation = fc.record({
      flag: fc.integer({ min: 0, max: 6 }),
      version: fc.constantFrom(1, 2, null),
      variation: fc.constantFrom('on', 'off', null),
      notFound: fc.boolean(),
      kind: fc.constantFrom<string | string[]>('user', 'org', ['org', 'device']),
      // Which slot goes with the evaluation: none, the flag's own, another flag's, one shared with a second
      // summarizer, or one holding junk.
      slot: fc.constantFrom('none', 'own', 'other', 'shared', 'junk'),
      junk: fc.constantFrom<unknown>(5, null, 'flag-1', {}, { flagKey: 'flag-1', generation: {} }),
    });
    const op = fc.oneof({ weight: 8, arbitrary: evaluation }, { weight: 1, arbitrary: fc.constant('snapshot' as const) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 400 }), (maxFlags, ops) => {
        const clock = createFakeClock(0);
        const current = createSummarizer(clock, { maxFlags });
        const second = createSummarizer(clock, { maxFlags });
        const reference = createReferenceSummarizer(clock, { maxFlags });
        const own = Array.from({ length: 7 }, () => ({ summary: undefined as unknown }));
        const shared = Array.from({ length: 7 }, () => ({ summary: undefined as unknown }));
        for (const o of ops) {
          clock.advance(1);
          if (o === 'snapshot') {
            expect(JSON.stringify(current.snapshot(clock.now()))).toBe(JSON.stringify(reference.snapshot(clock.now())));
            second.snapshot(clock.now());
            continue;
          }
          const flagKey = `flag-${o.flag}`;
          const base = {
            flagKey,
            flagVersion: o.version,
            variationKey: o.variation,
            value: o.variation === 'on',
            defaultValue: false,
            reason: o.notFound ? { errorKind: 'FLAG_NOT_FOUND' } : { kind: 'FALLTHROUGH' },
          };
          const slot =
            o.slot === 'own' ? own[o.flag] : o.slot === 'other' ? own[(o.flag + 1) % 7] : o.slot === 'shared' ? shared[o.flag] : o.slot === 'junk' ? { summary: o.junk } : null;
          current.count({ ...base, summarySlot: slot }, o.kind);
          if (o.slot === 'shared') second.count({ ...base, summarySlot: slot }, o.kind);
          reference.count(base, o.kind);
          expect(current.isEmpty()).toBe(reference.isEmpty());
        }
        expect(JSON.stringify(current.snapshot(clock.now()))).toBe(JSON.stringify(reference.snapshot(clock.now())));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the record of the flag in the slot, and finds it there on the next count', () => {
    const s = createSummarizer(createFakeClock(0), { maxFlags: 10 });
    const slot: { summary?: unknown } = {};
    const input = { flagKey: 'checkout', flagVersion: 3, variationKey: 'on', value: true, defaultValue: false, summarySlot: slot };
    s.count(input, 'user');
    const held = slot.summary;
    expect(held).toBeTypeOf('object');
    s.count(input, 'user');
    expect(slot.summary).toBe(held);
    expect(s.snapshot(1)?.flags[0]?.counters[0]?.count).toBe(2);
  });
});
