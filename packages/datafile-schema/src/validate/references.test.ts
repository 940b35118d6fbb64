import { describe, expect, it } from 'vitest';
import type { Datafile } from '../types.js';
import { at, datafile, errorsOf, flag, quarantinedOf, warningsOf, withConditions } from '../fixtures.test-helpers.js';

const rule = (id: string, extra: Record<string, unknown> = {}) => ({ id, serve: { variation: 'on' }, ...extra });
const holdout = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  variations: [{ key: 'held', value: null }],
  rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'held', weight: 5000 }] },
  ...extra,
});
const group = (key: string, members: unknown[]) => ({ key, bucketing: { hash: 'optimizely' }, members });

describe('unknown variations', () => {
  it('are errors wherever a flag names one', () => {
    const d = datafile([
      flag('f', {
        offVariation: 'gone',
        targets: [{ values: ['u'], variation: 'nope' }],
        rules: [
          rule('r1', { serve: { variation: 'missing' }, onMiss: { variation: 'absent' }, targets: [{ values: ['u'], variation: 'x' }] }),
          rule('r2', { serve: { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'ghost', weight: 1 }] } } }),
        ],
        fallthrough: { variation: 'void' },
      }),
    ]);
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].offVariation', message: 'unknown variation "gone" (known: "off", "on")' },
      { path: 'flags[0].targets[0].variation', message: 'unknown variation "nope" (known: "off", "on")' },
      { path: 'flags[0].rules[0].serve.variation', message: 'unknown variation "missing" (known: "off", "on")' },
      { path: 'flags[0].rules[0].onMiss.variation', message: 'unknown variation "absent" (known: "off", "on")' },
      { path: 'flags[0].rules[0].targets[0].variation', message: 'unknown variation "x" (known: "off", "on")' },
      { path: 'flags[0].rules[1].serve.rollout.variations[0].variation', message: 'unknown variation "ghost" (known: "off", "on")' },
      { path: 'flags[0].fallthrough.variation', message: 'unknown variation "void" (known: "off", "on")' },
    ]);
  });

  it('are warnings in a prerequisite, checked against the prerequisite flag (the prerequisite never passes)', () => {
    const d = datafile([flag('child', { prerequisites: [{ flagKey: 'parent', variation: 'maybe' }] }), flag('parent')]);
    expect(errorsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([{ path: 'flags[0].prerequisites[0].variation', message: 'flag "parent" has no variation "maybe": the prerequisite never passes' }]);
  });

  it("are errors in a holdout's rollout, checked against the holdout's own variations", () => {
    const d = datafile([flag('f')], { holdouts: [holdout('h', { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'on', weight: 1 }] } })] });
    expect(errorsOf(d)).toEqual([{ path: 'holdouts[0].rollout.variations[0].variation', message: 'unknown variation "on" (known: "held")' }]);
  });
});

describe('unknown references', () => {
  it('to flags, segments and audiences are warnings: they evaluate as missing, as in the vendors\' SDKs', () => {
    const d = withConditions({
      and: [{ flag: 'nowhere', op: 'in', values: ['on'] }, { op: 'segmentMatch', values: ['vips'] }, { audience: '1234' }, { mongo: { value: true }, flag: 'absent' }],
    });
    d.flags.push(flag('g', { prerequisites: [{ flagKey: 'missing', variation: 'on' }] }));
    expect(errorsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].rules[0].conditions.and[0].flag', message: 'unknown flag "nowhere": read as missing' },
      { path: 'flags[0].rules[0].conditions.and[1].values[0]', message: 'unknown segment "vips": it never matches' },
      { path: 'flags[0].rules[0].conditions.and[2].audience', message: 'unknown audience "1234": it evaluates as unknown (no match)' },
      { path: 'flags[0].rules[0].conditions.and[3].flag', message: 'unknown flag "absent": read as missing' },
      { path: 'flags[1].prerequisites[0].flagKey', message: 'unknown flag "missing": the prerequisite fails (PREREQUISITE_FAILED)' },
    ]);
  });

  it('to cohorts and saved groups are warnings (they may be synced later)', () => {
    const d = withConditions({ or: [{ op: 'inCohort', values: ['c-9'] }, { mongo: { id: { $inGroup: 'staff' } } }] });
    expect(errorsOf(d)).toEqual([]);
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].rules[0].conditions.or[0].values[0]', message: 'unknown cohort "c-9": declare it in "cohorts" so its membership is synced' },
      { path: 'flags[0].rules[0].conditions.or[1].mongo.id.$inGroup', message: 'unknown saved group "staff": it counts as an empty list' },
    ]);
  });

  it('to groups and rules are errors, to holdouts and from holdout scopes warnings', () => {
    const d = datafile([flag('f', { holdouts: ['h-none'], rules: [rule('r1', { group: 'g-none' })] })], {
      holdouts: [holdout('h', { flags: ['nope'], rules: ['r-none'] })],
      groups: [group('g', [{ flag: 'f', rule: 'r9', weight: 10 }, { flag: 'zz', rule: 'r1', weight: 10 }, { rule: 'r-none', weight: 10 }])],
    });
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].holdouts[0]', message: 'unknown holdout "h-none" (ignored)' },
      { path: 'holdouts[0].flags[0]', message: 'unknown flag "nope": ignored' },
    ]);
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].rules[0].group', message: 'unknown group "g-none"' },
      { path: 'holdouts[0].rules[0]', message: 'unknown rule "r-none"' },
      { path: 'groups[0].members[0].rule', message: 'flag "f" has no rule "r9"' },
      { path: 'groups[0].members[1].flag', message: 'unknown flag "zz"' },
      { path: 'groups[0].members[2].rule', message: 'unknown rule "r-none"' },
    ]);
  });

  it('warn when a rule names a group that does not list it', () => {
    const d = datafile([flag('f', { rules: [rule('r1', { group: 'g' }), rule('r2')] })], { groups: [group('g', [{ flag: 'f', rule: 'r2', weight: 10 }])] });
    expect(warningsOf(d)).toEqual([
      { path: 'flags[0].rules[0].group', message: 'group "g" does not list this rule among its members, so the rule never runs' },
    ]);
  });
});

describe('duplicates', () => {
  it('of flag keys and ids, variation keys and rule ids are errors', () => {
    const d = datafile([
      flag('a', { id: '1' }),
      flag('a', { id: '2' }),
      flag('b', {
        id: '1',
        variations: [
          { key: 'x', value: 1 },
          { key: 'x', value: 2 },
        ],
        fallthrough: { variation: 'x' },
        rules: [rule('r', { serve: { variation: 'x' } }), rule('r', { serve: { variation: 'x' } })],
      }),
    ]);
    expect(errorsOf(d)).toEqual([
      { path: 'flags[1].key', message: 'duplicate flag key "a"' },
      { path: 'flags[2].variations[1].key', message: 'duplicate variation key "x"' },
      { path: 'flags[2].rules[1].id', message: 'duplicate rule id "r" in this flag' },
      { path: 'flags[2].id', message: 'duplicate id "1" (also flags[0])' },
    ]);
  });

  it('of segments, audiences, cohorts, events, attributes, holdouts and groups are errors', () => {
    const cond = { attribute: 'a', op: 'exists', values: [] };
    const d = datafile([flag('f')], {
      segments: [{ key: 's' }, { key: 's' }],
      audiences: [
        { id: '1', conditions: cond },
        { id: '1', conditions: cond },
      ],
      cohorts: [{ id: 'c' }, { id: 'c' }],
      events: [
        { key: 'buy', id: '9' },
        { key: 'sell', id: '9' },
      ],
      attributes: [{ key: 'age' }, { key: 'age' }],
      holdouts: [holdout('h'), holdout('h')],
      groups: [group('g', []), group('g', [])],
    });
    expect(errorsOf(d)).toEqual([
      { path: 'segments[1].key', message: 'duplicate segment key "s"' },
      { path: 'audiences[1].id', message: 'duplicate audience id "1"' },
      { path: 'cohorts[1].id', message: 'duplicate cohort id "c"' },
      { path: 'events[1].id', message: 'duplicate id "9" (also events[0])' },
      { path: 'attributes[1].key', message: 'duplicate attribute key "age"' },
      { path: 'holdouts[1].key', message: 'duplicate holdout key "h"' },
      { path: 'groups[1].key', message: 'duplicate group key "g"' },
    ]);
  });

  it('of integration keys are only a warning (Optimizely merges them)', () => {
    const d = datafile([flag('f')], { integrations: [{ key: 'odp', host: 'a' }, { key: 'odp', publicKey: 'k' }] });
    expect(errorsOf(d)).toEqual([]);
    expect(at(warningsOf(d), 'integrations[1].key')).toHaveLength(1);
  });
});

describe('dependency cycles', () => {
  it('reports a flag that is its own prerequisite', () => {
    const d = datafile([flag('a', { prerequisites: [{ flagKey: 'a', variation: 'on' }] })]);
    expect(errorsOf(d)).toEqual([{ path: 'flags[0].prerequisites[0].flagKey', message: 'dependency cycle: flag "a" → flag "a"' }]);
  });

  it('reports a prerequisite cycle with the cycle in the message', () => {
    const d = datafile([
      flag('a', { prerequisites: [{ flagKey: 'b', variation: 'on' }] }),
      flag('b', { prerequisites: [{ flagKey: 'c', variation: 'on' }] }),
      flag('c', { prerequisites: [{ flagKey: 'a', variation: 'on' }] }),
    ]);
    const message = 'dependency cycle: flag "a" → flag "b" → flag "c" → flag "a"';
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].prerequisites[0].flagKey', message },
      { path: 'flags[1].prerequisites[0].flagKey', message },
      { path: 'flags[2].prerequisites[0].flagKey', message },
    ]);
    expect(quarantinedOf(d)).toEqual(['flag a @ flags[0].prerequisites[0].flagKey', 'flag b @ flags[1].prerequisites[0].flagKey', 'flag c @ flags[2].prerequisites[0].flagKey']);
  });

  it('reports a cycle through a flag-result condition and a segment', () => {
    const d: Datafile = datafile(
      [
        flag('a', { rules: [rule('r', { conditions: { op: 'segmentMatch', values: ['s'] } })] }),
        flag('b', { rules: [rule('r', { conditions: { flag: 'a', op: 'in', values: ['on'] } })] }),
      ],
      { segments: [{ key: 's', rules: [{ conditions: { flag: 'b', op: 'in', values: ['on'] } }] }] },
    );
    const message = 'dependency cycle: flag "a" → segment "s" → flag "b" → flag "a"';
    expect(errorsOf(d)).toEqual([
      { path: 'flags[0].rules[0].conditions.values[0]', message },
      { path: 'flags[1].rules[0].conditions.flag', message },
      { path: 'segments[0].rules[0].conditions.flag', message },
    ]);
  });

  it('reports segments that include each other and an audience that refers to itself', () => {
    const d = datafile([flag('f')], {
      segments: [
        { key: 's1', rules: [{ conditions: { op: 'segmentMatch', values: ['s2'] } }] },
        { key: 's2', rules: [{ conditions: { op: 'segmentMatch', values: ['s1'] } }] },
      ],
      audiences: [{ id: 'a1', conditions: { not: { audience: 'a1' } } }],
    });
    const message = 'dependency cycle: segment "s1" → segment "s2" → segment "s1"';
    expect(errorsOf(d)).toEqual([
      { path: 'segments[0].rules[0].conditions.values[0]', message },
      { path: 'segments[1].rules[0].conditions.values[0]', message },
      { path: 'audiences[0].conditions.not.audience', message: 'dependency cycle: audience "a1" → audience "a1"' },
    ]);
  });

  it('quarantines a flag that uses a segment caught in a cycle, and only that flag', () => {
    const d = datafile([flag('uses', { rules: [rule('r', { conditions: { op: 'segmentMatch', values: ['outer'] } })] }), flag('good')], {
      segments: [
        { key: 'outer', rules: [{ conditions: { op: 'segmentMatch', values: ['s1'] } }] },
        { key: 's1', rules: [{ conditions: { op: 'segmentMatch', values: ['s2'] } }] },
        { key: 's2', rules: [{ conditions: { op: 'segmentMatch', values: ['s1'] } }] },
      ],
    });
    expect(quarantinedOf(d)).toEqual([
      'flag uses @ flags[0].rules[0].conditions.values[0]',
      'segment outer @ segments[0].rules[0].conditions.values[0]',
      'segment s1 @ segments[1].rules[0].conditions.values[0]',
      'segment s2 @ segments[2].rules[0].conditions.values[0]',
    ]);
    expect(at(errorsOf(d), 'flags[0].rules[0].conditions.values[0]')).toEqual(['uses segment "outer", which is caught in a dependency cycle through segment "s1"']);
  });

  it('reports a holdout whose conditions depend on a flag it holds out', () => {
    const d = datafile([flag('a')], { holdouts: [holdout('h', { flags: ['a'], conditions: { flag: 'a', op: 'in', values: ['on'] } })] });
    expect(at(errorsOf(d), 'holdouts[0].conditions.flag')).toEqual(['dependency cycle: holdout "h" → flag "a" → holdout "h"']);
  });

  it('accepts a dependency chain without a cycle', () => {
    const d = datafile([
      flag('a'),
      flag('b', { prerequisites: [{ flagKey: 'a', variation: 'on' }] }),
      flag('c', { rules: [rule('r', { conditions: { and: [{ flag: 'a', op: 'in', values: ['on'] }, { flag: 'b', op: 'in', values: ['off'] }] } })] }),
    ]);
    expect(errorsOf(d)).toEqual([]);
  });
});
