// The LaunchDarkly face's quiet path: with no hooks, no `decision` listener and no events, `variation*` go straight
// to the evaluator and `allFlagsState` builds its state on first read. Both must answer exactly what the full
// decision path answers (a client with a `decision` listener takes it), logs included.
import { compileDatafile } from '@ensign/evaluator-core';
import { describe, expect, it } from 'vitest';
import type { LDFlagsStateOptions } from '../src/index.js';
import { exampleDatafile } from './client.js';
import { makeClient } from './helpers.js';

const flagKeys = [...compileDatafile(exampleDatafile).flagKeys, 'no-such-flag'];
const contexts: unknown[] = [
  { kind: 'user', key: 'user-beta-1' },
  { kind: 'user', key: 'user-plain', country: 'US', plan: 'pro', email: 'sam@acme.test', appVersion: '4.2.0', age: 41, beta: true },
  { kind: 'user', key: 'u-named', name: 'Sam', anonymous: false, nothing: null },
  { kind: 'multi', user: { key: 'user-9' }, org: { key: 'org-1', tier: 'enterprise' } },
  { kind: 'org', key: 'org-2', tier: 'startup' },
  { key: 'user-beta-2', custom: { plan: 'pro' } },
  { kind: 'user', key: 'u', name: 42, anonymous: 'yes' },
  { kind: 'user', key: 'u', score: Number.NaN },
  { kind: 'user', key: 'u', tags: ['a', 'b'], address: { city: 'Oslo' } },
  { kind: 'user', key: '' },
  { kind: 'user', key: 'u', _meta: { privateAttributes: ['email'] }, email: 'e@x.test' },
  null,
  'user-42',
];
const defaults: unknown[] = [false, true, null, 0, 'fallback', { a: 1 }];
const calls = ['variation', 'boolVariation', 'numberVariation', 'stringVariation', 'jsonVariation', 'variationDetail', 'boolVariationDetail', 'stringVariationDetail'] as const;

/** A client without events (no dispatcher, no events URL), and one that takes the decision path (a `decision` listener). */
function pair() {
  const quiet = makeClient({ eventDispatcher: undefined });
  const full = makeClient({ eventDispatcher: undefined });
  full.client.on('decision', () => {});
  expect(quiet.client.getStatus().events).toBeNull();
  return { quiet, full };
}

describe('the LaunchDarkly face without hooks, listeners or events', () => {
  it('answers every variation call exactly as the decision path does, with the same log lines', () => {
    const { quiet, full } = pair();
    for (const context of contexts) {
      for (const key of flagKeys) {
        for (const call of calls) {
          for (const d of defaults) {
            const method = (c: typeof quiet.client) => (c as unknown as Record<string, (...a: unknown[]) => unknown>)[call]!.bind(c);
            expect(method(quiet.client)(key, context, d)).toEqual(method(full.client)(key, context, d));
          }
        }
      }
    }
    expect(quiet.logger.lines).toEqual(full.logger.lines);
  });

  it('answers allFlagsState as the decision path does, whatever the options', () => {
    const { quiet, full } = pair();
    const optionSets: LDFlagsStateOptions[] = [{}, { withReasons: true }, { clientSideOnly: true }, { withReasons: true, detailsOnlyForTrackedFlags: true }];
    for (const context of contexts) {
      for (const options of optionSets) {
        const a = quiet.client.allFlagsState(context, options);
        const b = full.client.allFlagsState(context, options);
        expect(a.valid).toBe(b.valid);
        expect(a.getFlagValue('dark-mode')).toEqual(b.getFlagValue('dark-mode'));
        expect(a.getFlagReason('dark-mode')).toEqual(b.getFlagReason('dark-mode'));
        expect(a.toJSON()).toEqual(b.toJSON());
        expect(a.allValues()).toEqual(b.allValues());
      }
    }
  });

  it('reads allFlagsState options at the call, not when the state is first read', () => {
    const { quiet } = pair();
    const options: LDFlagsStateOptions = { withReasons: true };
    const state = quiet.client.allFlagsState({ kind: 'user', key: 'user-beta-1' }, options);
    options.withReasons = false;
    options.clientSideOnly = true;
    const expected = quiet.client.allFlagsState({ kind: 'user', key: 'user-beta-1' }, { withReasons: true }).toJSON();
    expect(state.toJSON()).toEqual(expected);
    expect(state.getFlagReason('dark-mode')).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-dark-beta' });
  });

  it('tells a decision listener added later, and runs a hook added later', () => {
    const { quiet } = pair();
    const context = { kind: 'user', key: 'user-beta-1' };
    expect(quiet.client.variation('dark-mode', context, false)).toBe(true);
    const seen: unknown[] = [];
    const off = quiet.client.on('decision', (e) => seen.push(e.flagKey, e.result.value));
    expect(quiet.client.variation('dark-mode', context, false)).toBe(true);
    expect(seen).toEqual(['dark-mode', true]);
    off();
    const hooked: string[] = [];
    quiet.client.addHook({
      getMetadata: () => ({ name: 'recorder' }),
      afterEvaluation: (series: { flagKey: string }, data: unknown) => {
        hooked.push(series.flagKey);
        return data as never;
      },
    });
    expect(quiet.client.variation('dark-mode', context, false)).toBe(true);
    expect(hooked).toEqual(['dark-mode']);
  });
});
