// The LaunchDarkly face's events, where LaunchDarkly's Node server SDK decides what they hold (checked side by side with
// it in importers/test/launchdarkly/events.test.ts): a feature event carries its reason only for a detail call or an
// experiment; every prerequisite evaluation is summarized, and makes a feature event when the prerequisite is
// tracked; the summary's default is that of the flag's first evaluation; custom events redact anonymous contexts as
// feature events do, while index and identify events keep their attributes.
import type { EnsignEvent } from '@ensign/event-pipeline';
import { describe, expect, it } from 'vitest';
import { exampleWith, makeClient } from './helpers.js';

type Decision = EnsignEvent & { flagKey: string; reason: unknown; prereqOf: string | null; defaultValue: unknown; context: Record<string, unknown> };
type Summary = EnsignEvent & { flags: { flagKey: string; default: unknown; counters: { variationKey: string | null; count: number }[] }[] };

/** The example datafile with `parent` (tracked) required by `child`, and `dark-mode` an experiment on fallthrough. */
const datafile = exampleWith((d) => {
  const variations = [
    { key: 'off', value: false },
    { key: 'on', value: true },
  ];
  d.flags.push(
    { key: 'parent', on: true, variations, offVariation: 'off', fallthrough: { variation: 'on' }, trackEvents: true },
    { key: 'child', on: true, variations, offVariation: 'off', fallthrough: { variation: 'on' }, prerequisites: [{ flagKey: 'parent', variation: 'on' }] },
  );
  const dark = d.flags.find((f) => f.key === 'dark-mode');
  if (dark) dark.trackEventsFallthrough = true;
});

const user = { kind: 'user', key: 'user-plain', email: 'plain@example.com' };

describe('LaunchDarkly feature events', () => {
  it('carry the reason for a detail call or an experiment only', async () => {
    const { client, events } = makeClient({ datafile });
    client.variation('parent', user, false);
    client.variationDetail('parent', user, false);
    client.boolVariationDetail('parent', user, false);
    client.variation('dark-mode', user, false); // the fallthrough is an experiment: the reason is sent
    const decisions = (await events('decision')) as Decision[];
    expect(decisions.map((d) => [d.flagKey, d.reason])).toEqual([
      ['parent', null],
      ['parent', { kind: 'FALLTHROUGH' }],
      ['parent', { kind: 'FALLTHROUGH' }],
      ['dark-mode', { kind: 'FALLTHROUGH' }],
    ]);
  });

  it('are sent for a tracked prerequisite, and every prerequisite evaluation is summarized with a null default', async () => {
    const { client, events } = makeClient({ datafile });
    expect(client.variation('child', user, 'd1')).toBe(true);
    expect(client.variation('child', user, 'd2')).toBe(true);
    client.variation('parent', user, 'd3');
    const all = await events();
    const decisions = all.filter((e) => e.kind === 'decision') as Decision[];
    expect(decisions.map((d) => [d.flagKey, d.prereqOf, d.defaultValue])).toEqual([
      ['parent', 'child', null],
      ['parent', 'child', null],
      ['parent', null, 'd3'],
    ]);
    const summary = all.find((e) => e.kind === 'summary') as Summary;
    const byKey = Object.fromEntries(summary.flags.map((f) => [f.flagKey, f]));
    expect(byKey['parent']).toMatchObject({ default: null, counters: [{ variationKey: 'on', count: 3 }] });
    // The default of the flag's first evaluation in the window, as LaunchDarkly's summary.
    expect(byKey['child']).toMatchObject({ default: 'd1', counters: [{ variationKey: 'on', count: 2 }] });
  });
});

describe('a typed call whose flag serves a value of another type', () => {
  it('is recorded as a WRONG_TYPE error, and hooks see it so, as LaunchDarkly records it', async () => {
    const details: unknown[] = [];
    const methods: string[] = [];
    const { client, events } = makeClient({
      datafile,
      hooks: [{ getMetadata: () => ({ name: 'spy' }), beforeEvaluation: (c, d) => (methods.push(c.method), d), afterEvaluation: (_c, d, detail) => (details.push(detail), d) }],
    });
    expect(client.stringVariationDetail('parent', user, 'fallback')).toMatchObject({ value: 'fallback', reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' } });
    expect(client.boolVariation('parent', user, false)).toBe(true); // the right type: served
    expect(methods).toEqual(['LDClient.stringVariationDetail', 'LDClient.boolVariation']);
    expect(details[0]).toMatchObject({ value: 'fallback', variationIndex: null, reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' } });
    const decisions = (await events('decision')) as Decision[];
    expect(decisions.map((d) => [d.flagKey, (d as unknown as { variationIndex: number | null }).variationIndex, d.reason])).toEqual([
      ['parent', null, { kind: 'ERROR', errorKind: 'WRONG_TYPE' }],
      ['parent', 1, null],
    ]);
  });
});

describe('an anonymous context', () => {
  it('is redacted in custom events as in feature events, and kept whole in index and identify events', async () => {
    const { client, events } = makeClient({ datafile });
    const anonymous = { kind: 'user', key: 'anon-1', anonymous: true, email: 'a@example.com' };
    client.track('checkout', anonymous);
    client.identify(anonymous);
    client.variation('parent', anonymous, false);
    const all = await events();
    const redacted = { kind: 'user', key: 'anon-1', anonymous: true, _meta: { redactedAttributes: ['email'] } };
    expect(all.find((e) => e.kind === 'conversion')).toMatchObject({ context: redacted });
    expect(all.find((e) => e.kind === 'decision')).toMatchObject({ context: redacted });
    expect(all.find((e) => e.kind === 'index')).toMatchObject({ context: anonymous });
    expect(all.find((e) => e.kind === 'identify')).toMatchObject({ context: anonymous });
  });
});
