import { parseDatafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { importLaunchDarkly } from '../../src/launchdarkly/index.js';

const flag = {
  key: 'checkout',
  version: 12,
  on: true,
  salt: 'abc',
  variations: [false, true],
  offVariation: 0,
  fallthrough: { rollout: { kind: 'experiment', seed: 61, variations: [{ variation: 0, weight: 50_000 }, { variation: 1, weight: 50_000, untracked: true }] } },
  rules: [{ clauses: [{ attribute: '/literal', op: 'in', values: ['x'] }], variation: 1, trackEvents: true }],
  trackEventsFallthrough: true,
  clientSideAvailability: { usingMobileKey: false, usingEnvironmentId: true },
  migration: { checkRatio: 2 },
};

describe('importLaunchDarkly', () => {
  it('maps a flag to the native model: variations by index, the experiment rollout with its seed, event settings', () => {
    const result = importLaunchDarkly({ flags: { checkout: flag }, segments: {} }, { environment: 'staging', revision: 'r1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.datafile).toMatchObject({ schemaVersion: 1, revision: 'r1', environment: 'staging', semantics: 'launchdarkly' });
    const f = result.datafile.flags[0];
    expect(f).toMatchObject({
      key: 'checkout',
      version: 12,
      variations: [{ key: '0', value: false }, { key: '1', value: true }],
      offVariation: '0',
      trackEventsFallthrough: true,
      clientSideAvailability: { usingMobileKey: false, usingEnvironmentId: true },
      metadata: { launchdarkly: { migration: { checkRatio: 2 } } },
      fallthrough: {
        rollout: {
          kind: 'experiment',
          bucketing: { hash: 'launchdarkly', hashKey: 'checkout', salt: 'abc', seed: 61 },
          variations: [{ variation: '0', weight: 50_000 }, { variation: '1', weight: 50_000, untracked: true }],
        },
      },
    });
    // A legacy clause names its attribute literally: "/literal" becomes the reference "/~1literal". No rule id in
    // LaunchDarkly, none here: reasons carry the rule index only, as LaunchDarkly's.
    expect(f?.rules?.[0]).toEqual({
      trackEvents: true,
      conditions: { and: [{ attribute: '/~1literal', op: 'in', values: ['x'], semantics: 'launchdarkly' }] },
      serve: { variation: '1' },
    });
    expect(parseDatafile(result.datafile).ok).toBe(true);
  });

  it('reads JSON text, the streaming "put" wrapper and the file data source\'s flagValues', () => {
    const text = JSON.stringify({ data: { flags: { checkout: flag }, segments: {} } });
    const wrapped = importLaunchDarkly(text);
    expect(wrapped.ok && wrapped.datafile.flags.map((f) => f.key)).toEqual(['checkout']);
    const values = importLaunchDarkly({ flagValues: { banner: 'blue' } });
    expect(values.ok && values.datafile.flags).toEqual([{ key: 'banner', version: 1, on: true, variations: [{ key: '0', value: 'blue' }], fallthrough: { variation: '0' } }]);
  });

  it('leaves deleted flags and segments out with a warning', () => {
    const result = importLaunchDarkly({ flags: { gone: { key: 'gone', deleted: true, version: 3 } }, segments: { old: { key: 'old', deleted: true } } });
    expect(result.ok && result.datafile.flags).toEqual([]);
    expect(result.warnings.map((w) => w.path)).toEqual(['flags.gone', 'segments.old']);
  });

  it('answers an error result, never throws, for input that is not a payload', () => {
    for (const bad of [null, 42, 'not json', '[]', { flags: [] }, { segments: {} }, { flags: 'x' }]) {
      const result = importLaunchDarkly(bad as never);
      expect(result.ok).toBe(false);
    }
    const hostile = { get flags(): never { throw new Error('boom'); } };
    expect(importLaunchDarkly(hostile as never)).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });

  it('keeps rules without ids without ids, and renames a repeated id away from the ids the payload has', () => {
    const rules = [{ clauses: [], variation: 0 }, { id: 'a', clauses: [], variation: 1 }, { id: 'a', clauses: [], variation: 0 }, { id: 'a-2', clauses: [], variation: 1 }];
    const result = importLaunchDarkly({ flags: { f: { ...flag, key: 'f', rules } } });
    expect(result.ok && result.datafile.flags[0]?.rules?.map((r) => r.id)).toEqual([undefined, 'a', 'a-3', 'a-2']);
    expect(result.warnings.map((w) => w.path)).toEqual(['flags.f.rules[2].id']);
  });

  it('keeps __proto__ as a plain flag key', () => {
    const flags = JSON.parse('{"__proto__": {"key": "__proto__", "on": true, "variations": [1], "fallthrough": {"variation": 0}}}') as Record<string, unknown>;
    const result = importLaunchDarkly({ flags: flags as never });
    expect(result.ok && result.datafile.flags.map((f) => f.key)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['key']).toBeUndefined();
  });
});
