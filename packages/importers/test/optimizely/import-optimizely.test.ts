// The Optimizely importer's mapping, warnings and errors, beyond what the differential tests decide.
import { parseDatafile, type Flag, type Rule } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { importOptimizelyDatafile } from '../../src/optimizely/index.js';
import { allocation, datafile, leaf, rule, variation } from './builders.js';
import { groupsConfig } from './config-groups.js';
import { rolloutsConfig } from './config-rollouts.js';

function imported(input: unknown) {
  const result = importOptimizelyDatafile(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

function flag(result: ReturnType<typeof imported>, key: string): Flag {
  const f = result.datafile.flags.find((x) => x.key === key);
  if (f === undefined) throw new Error(`no flag ${key}`);
  return f;
}

describe('importOptimizelyDatafile', () => {
  it('reads the datafile as an object or as its text, with the same result', () => {
    const df = rolloutsConfig().datafile;
    expect(imported(JSON.stringify(df))).toEqual(imported(df));
  });

  it('answers an error result, never an exception, for input Optimizely refuses', () => {
    expect(importOptimizelyDatafile('{ not json')).toMatchObject({ ok: false, errors: [{ path: '' }] });
    expect(importOptimizelyDatafile({ version: '5' })).toMatchObject({ ok: false, errors: [{ path: 'version' }] });
    expect(importOptimizelyDatafile(datafile({ audiences: [{ id: '1', conditions: '["or", ' }] }))).toMatchObject({ ok: false, errors: [{ path: 'audiences[0].conditions' }] });
    expect(importOptimizelyDatafile(datafile({ integrations: [{ host: 'https://x' }] }))).toMatchObject({ ok: false, errors: [{ path: 'integrations[0]' }] });
    for (const garbage of [null, 42, [], 'null', { version: '4', featureFlags: [null, 1, { key: 7 }], rollouts: 'x', audiences: [[]] }]) {
      expect(() => importOptimizelyDatafile(garbage)).not.toThrow();
    }
  });

  it('keeps the settings, attributes, events, audiences and the ODP integration', () => {
    const result = imported(datafile({
      region: 'EU',
      attributes: [{ id: '1', key: 'plan' }],
      events: [{ id: '2', key: 'purchase', experimentIds: ['3'] }],
      typedAudiences: [{ id: '4', name: 'vip', conditions: ['or', leaf('odp.audiences', 'qualified', 'vip', 'third_party_dimension')] }],
      integrations: [{ key: 'odp', host: 'https://api.zaius.com', publicKey: 'pk' }],
    }));
    expect(result.datafile).toMatchObject({
      revision: '42',
      environment: 'production',
      accountId: '10001',
      projectId: '20001',
      semantics: 'optimizely',
      settings: { sendFlagDecisions: true, anonymizeIp: true, botFiltering: false, region: 'EU' },
      attributes: [{ id: '1', key: 'plan' }],
      events: [{ id: '2', key: 'purchase', experimentIds: ['3'] }],
      audiences: [{ id: '4', name: 'vip', conditions: { or: [{ op: 'qualified', values: ['vip'] }] } }],
      integrations: [{ key: 'odp', host: 'https://api.zaius.com', publicKey: 'pk' }],
    });
  });

  it('writes datafiles the parser accepts without issues', () => {
    for (const df of [rolloutsConfig().datafile, groupsConfig().datafile]) {
      const parsed = parseDatafile(imported(df).datafile);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    }
  });

  it('lays delivery rules after experiments; all but "Everyone Else" jump to it on a traffic miss', () => {
    const rules = flag(imported(rolloutsConfig().datafile), 'checkout').rules as Rule[];
    expect(rules.map((r) => [r.key, r.kind, r.onMiss ?? null])).toEqual([
      ['checkout_paused', 'experiment', null],
      ['checkout_ab', 'experiment', null],
      ['checkout_fr', 'experiment', null],
      ['checkout_us', 'rollout', 'last'],
      ['checkout_beta', 'rollout', 'last'],
      ['checkout_everyone', 'rollout', null],
    ]);
    expect(rules[0]).toMatchObject({ status: 'paused', targets: [{ values: ['user-10'], variation: 'control' }] });
    // The fr experiment gets the "Everyone Else" variation (off) up to 10000.
    expect(rules[2]?.serve).toEqual({ rollout: { kind: 'experiment', bucketing: { hash: 'optimizely', entityId: '7003' }, variations: [{ variation: 'treatment', weight: 3000 }, { variation: 'off', weight: 7000 }] } });
  });

  it('casts variables and turns a default that does not cast into a json variable reading null', () => {
    const result = imported(rolloutsConfig().datafile);
    const checkout = flag(result, 'checkout');
    expect(checkout.variables?.map((v) => [v.key, v.type, v.default])).toEqual([
      ['show_banner', 'boolean', false],
      ['discount', 'integer', 5],
      ['ratio', 'double', 0.25],
      ['label', 'string', 'Buy'],
      ['config', 'json', { steps: 1 }],
      ['extra', 'json', [1, 2]],
      ['broken', 'json', null],
    ]);
    expect(checkout.variations.find((v) => v.key === 'treatment')?.variables).toEqual({ discount: 15, ratio: 0.5, config: { steps: 3 }, extra: { a: null }, broken: 7 });
    expect(result.warnings.some((w) => w.path === 'featureFlags[0].variables[6].defaultValue')).toBe(true);
  });

  it('merges a same-key variation that decides alike, and suffixes one that does not, with warnings', () => {
    const a = variation('1', 'a', true, { '9': 'x' });
    const same = variation('2', 'a', true, { '9': 'x' });
    const other = variation('3', 'a', true, { '9': 'y' });
    const result = imported(datafile({
      experiments: [rule('10', 'e1', { variations: [a, same], trafficAllocation: allocation(['1', 5000], ['2', 10_000]) }), rule('11', 'e2', { variations: [other], trafficAllocation: allocation(['3', 10_000]) })],
      featureFlags: [{ id: '20', key: 'f', rolloutId: '', experimentIds: ['10', '11'], variables: [{ id: '9', key: 'copy', type: 'string', defaultValue: 'd' }] }],
    }));
    expect(flag(result, 'f').variations.map((v) => v.key)).toEqual(['a', 'a~3']);
    expect(result.warnings.map((w) => w.path)).toEqual(['experiments[0].variations[1]', 'experiments[1].variations[0]']);
  });

  it('keeps a feature id shared by two flags on the first flag, and in both flags\' metadata', () => {
    const result = imported(groupsConfig().datafile);
    expect([flag(result, 'search').id, flag(result, 'search-copy').id]).toEqual(['4101', undefined]);
    expect(flag(result, 'search-copy').metadata?.optimizely?.flagId).toBe('4101');
    expect(result.warnings.some((w) => w.path === 'featureFlags[1].id')).toBe(true);
  });

  it('imports random groups with holes, skips overlapping ones, and scopes local holdouts to their rules', () => {
    const result = imported(groupsConfig().datafile);
    expect(result.datafile.groups).toEqual([
      { key: '1500', id: '1500', bucketing: { hash: 'optimizely', entityId: '1500' }, members: [{ rule: '7201', weight: 3000 }, { rule: null, weight: 1000 }, { rule: '7202', weight: 3000 }, { rule: null, weight: 3000 }] },
    ]);
    expect(result.warnings.some((w) => w.path === 'groups[0].trafficAllocation[3]')).toBe(true);
    expect(result.datafile.holdouts?.map((h) => [h.key, h.status ?? 'running', h.rules ?? null])).toEqual([
      ['global_holdout', 'running', null],
      ['draft_holdout', 'draft', null],
      ['local_holdout', 'running', ['7202', '8201']],
    ]);
  });

  it('reads unknown audiences, match types and condition types as unknown, with warnings', () => {
    const result = imported(datafile({
      audiences: [{ id: '1', conditions: JSON.stringify(['or', leaf('a', 'regex', 'x'), leaf('b', 'exact', 1, 'custom_dimension')]) }],
      experiments: [rule('10', 'e', { audienceConditions: ['or', '1', 'missing'], variations: [variation('2', 'v', true)], trafficAllocation: allocation(['2', 10_000]) })],
      featureFlags: [{ id: '20', key: 'f', rolloutId: '', experimentIds: ['10', 'gone'], variables: [] }],
    }));
    const unknown = { attribute: '$opt_unknown', op: 'in', values: [null] };
    expect(result.datafile.audiences?.[0]?.conditions).toEqual({ or: [unknown, unknown] });
    expect(flag(result, 'f').rules?.[0]?.conditions).toEqual({ or: [{ audience: '1' }, unknown] });
    expect(result.warnings.map((w) => w.path)).toEqual([
      'audiences[0].conditions[1]',
      'audiences[0].conditions[2]',
      'featureFlags[0].experimentIds[1]',
      'experiments[0].audienceConditions[2]',
    ]);
  });

  it('keeps the last of repeated flag keys, variable keys and attribute keys, as Optimizely keys them', () => {
    const result = imported(datafile({
      rollouts: [
        { id: 'r1', experiments: [rule('e1', 'first', { variations: [variation('1', 'one', true)], trafficAllocation: allocation(['1', 10_000]) })] },
        { id: 'r2', experiments: [rule('e2', 'second', { variations: [variation('2', 'two', true, { v3: 'z' })], trafficAllocation: allocation(['2', 10_000]) })] },
      ],
      featureFlags: [
        { id: 'f1', key: 'dup', rolloutId: 'r1', experimentIds: [], variables: [] },
        { id: 'f2', key: 'dup', rolloutId: 'r2', experimentIds: [], variables: [{ id: 'v2', key: 'a', type: 'string', defaultValue: 'd2' }, { id: 'v3', key: 'a', type: 'string', defaultValue: 'd3' }] },
      ],
      attributes: [{ id: 'a1', key: 'k' }, { id: 'a2', key: 'k' }],
    }));
    expect(result.datafile.flags).toHaveLength(1);
    expect(flag(result, 'dup')).toMatchObject({ id: 'f2', variables: [{ key: 'a', id: 'v3', default: 'd3' }], variations: [{ key: 'two', variables: { a: 'z' } }] });
    expect(result.datafile.attributes).toEqual([{ id: 'a2', key: 'k' }]);
    expect(result.warnings.map((w) => w.path)).toEqual(['featureFlags[1].variables[1]', 'featureFlags[1].key', 'attributes[1]']);
  });

  it('reads variable values and ranges with the SDK\'s casts, and writes json strings as the engine reads them', () => {
    const result = imported(datafile({
      experiments: [rule('10', 'e', { variations: [variation('1', 'v', true, { '9': '"text"' })], trafficAllocation: [{ entityId: '1', endOfRange: '7001' }] })],
      featureFlags: [{ id: '20', key: 'f', rolloutId: '', experimentIds: ['10'], variables: [{ id: '9', key: 'j', type: 'json', defaultValue: '{"a":1}' }, { id: '8', key: 'n', type: 'integer', defaultValue: 12 }, { id: '7', key: 's', type: 'string', defaultValue: 3 }] }],
    }));
    const f = flag(result, 'f');
    expect(f.variables?.map((v) => [v.key, v.type, v.default])).toEqual([['j', 'json', { a: 1 }], ['n', 'integer', 12], ['s', 'json', 3]]);
    expect(f.variations[0]?.variables).toEqual({ j: '"text"' });
    expect(f.rules?.[0]?.serve).toMatchObject({ rollout: { variations: [{ variation: 'v', weight: 7001 }] } });
  });
});
