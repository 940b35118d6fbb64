// Evaluation hooks of the LaunchDarkly face beside those of LaunchDarkly's Node server SDK: for every variation call
// (typed ones with a served value of another type, detail calls, unknown flags, invalid contexts; none for
// `allFlagsState`), the same stages
// run with the same method name (`LDClient.boolVariation`...), flag key and default value, `beforeEvaluation`'s data
// reaches `afterEvaluation`, and `afterEvaluation` sees the same value, variation index and reason (a typed call's
// wrong type is a `WRONG_TYPE` error there, as LaunchDarkly's). Ensign's series context also names the face, and its
// detail carries the variation key and revision: only LaunchDarkly's fields are compared. (Ensign hands hooks the
// context redacted, and null for an invalid one, where LaunchDarkly hands the input: not compared.)
import { inspect, isDeepStrictEqual } from 'node:util';
import { basicLogger, init, integrations } from '@launchdarkly/node-server-sdk';
import { createClient, type Hook } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { importLaunchDarkly } from '../../src/launchdarkly/index.js';
import { targetingPayload } from './configs-targeting.js';
import { generateContexts } from './contexts.js';
import { createRandom } from './random.js';

type Json = Record<string, unknown>;
const CALLS = ['variation', 'variationDetail', 'boolVariation', 'numberVariation', 'stringVariation', 'jsonVariation', 'boolVariationDetail', 'numberVariationDetail', 'stringVariationDetail', 'jsonVariationDetail'] as const;
const DEFAULTS: Record<(typeof CALLS)[number], unknown> = {
  variation: 'dflt', variationDetail: 'dflt', jsonVariation: 'dflt', jsonVariationDetail: 'dflt',
  boolVariation: false, boolVariationDetail: false, numberVariation: 0, numberVariationDetail: 0, stringVariation: 'dflt', stringVariationDetail: 'dflt',
};

/** JSON with keys sorted at every level (the two SDKs build reasons in another key order). */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Json)[k])])) : v;
  return JSON.stringify(sort(value));
}

/** A hook recording each stage in the common form; its before stage adds to the data. */
function recorder(seen: string[]): Hook {
  return {
    getMetadata: () => ({ name: 'recorder' }),
    beforeEvaluation: (c, data) => {
      seen.push(canonical(['before', c.method, c.flagKey, c.defaultValue, data]));
      return { ...data, seen: c.flagKey };
    },
    afterEvaluation: (c, data, detail) => {
      const d = detail as unknown as Json;
      seen.push(canonical(['after', c.method, c.flagKey, data, { value: d['value'], variationIndex: d['variationIndex'] ?? null, reason: d['reason'] }]));
      return data;
    },
  };
}

describe("the LaunchDarkly face's evaluation hooks, against LaunchDarkly's Node server SDK", () => {
  it('run the same stages with the same names, data and details for every variation call', async () => {
    const payload = targetingPayload();
    const theirs: string[] = [];
    const ours: string[] = [];
    const td = new integrations.TestData();
    for (const flag of Object.values(payload.flags)) await td.usePreconfiguredFlag(flag as Json);
    for (const segment of Object.values(payload.segments)) await td.usePreconfiguredSegment(segment as Json);
    const ld = init('hooks-test', { updateProcessor: td.getFactory(), sendEvents: false, logger: basicLogger({ level: 'none' }), hooks: [recorder(theirs) as never] });
    const imported = importLaunchDarkly(payload);
    if (!imported.ok) throw new Error('import failed');
    const ensign = createClient({ datafile: imported.datafile, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} }, hooks: [recorder(ours)] });
    try {
      await ld.waitForInitialization({ timeout: 10 });
      await ensign.onReady({ timeout: 5_000 });
      const r = createRandom(111);
      const flags = [...Object.keys(payload.flags), 'no-such-flag'];
      for (const context of [...generateContexts(60, 112), { kind: 'user' }]) {
        // allFlagsState runs no hooks in LaunchDarkly's SDK: nothing may be recorded for it on either side.
        await ld.allFlagsState(context as never);
        ensign.allFlagsState(context);
        for (let i = 0; i < 4; i++) {
          const call = r.pick(CALLS) as (typeof CALLS)[number];
          const flag = r.pick(flags) as string;
          await (ld as unknown as Record<string, (k: string, c: unknown, d: unknown) => Promise<unknown>>)[call]?.(flag, context, DEFAULTS[call]);
          (ensign as unknown as Record<string, (k: string, c: unknown, d: unknown) => unknown>)[call]?.(flag, context, DEFAULTS[call]);
        }
      }
    } finally {
      ld.close();
      await ensign.close();
    }
    const firstDifference = theirs.findIndex((line, i) => !isDeepStrictEqual(line, ours[i]));
    expect(firstDifference === -1 ? '' : inspect({ at: firstDifference, launchdarkly: theirs[firstDifference], ensign: ours[firstDifference] })).toBe('');
    expect(ours.length).toBe(theirs.length);
    expect(theirs.some((line) => line.includes('WRONG_TYPE'))).toBe(true);
    expect(theirs.some((line) => line.includes('LDClient.stringVariationDetail'))).toBe(true);
  }, 60_000);
});
