// Condition trees through evaluateFlag: three-valued logic, per-leaf semantics, segments, audiences, ODP segments,
// cohorts and GrowthBook conditions.
import type { Condition, Datafile, Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import type { EvaluateOptions } from '../types.js';
import { evaluateFlag } from './evaluate-flag.js';

function matches(conditions: Condition, context: Record<string, unknown>, extra: Partial<Datafile> = {}, options?: EvaluateOptions): boolean | string {
  const f: Flag = boolFlag('f', { rules: [{ id: 'r', conditions, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } });
  const r = evaluateFlag(compile([f], extra), { kind: 'user', key: 'u', ...context } as never, 'f', options);
  return r.reason.kind === 'ERROR' ? (r.reason.errorKind as string) : r.variationKey === 'on';
}

const unknown: Condition = { attribute: 'missing', op: 'in', values: ['x'], semantics: 'optimizely' };
const yes: Condition = { attribute: 'plan', op: 'in', values: ['pro'] };
const no: Condition = { attribute: 'plan', op: 'in', values: ['free'] };

describe('three-valued logic', () => {
  it('does not match at the top when the result is unknown', () => {
    expect(matches(unknown, { plan: 'pro' })).toBe(false);
    expect(matches({ not: unknown }, { plan: 'pro' })).toBe(false);
  });

  it('lets "and" be false on any false, even beside an unknown', () => {
    expect(matches({ not: { and: [unknown, no] } }, { plan: 'pro' })).toBe(true);
    expect(matches({ not: { and: [unknown, yes] } }, { plan: 'pro' })).toBe(false);
  });

  it('lets "or" be true on any true, even beside an unknown', () => {
    expect(matches({ or: [unknown, yes] }, { plan: 'pro' })).toBe(true);
    expect(matches({ not: { or: [unknown, no] } }, { plan: 'pro' })).toBe(false);
  });

  it('treats an empty "and" as true and an empty "or" as false', () => {
    expect(matches({ and: [] }, {})).toBe(true);
    expect(matches({ or: [] }, {})).toBe(false);
  });

  it('takes each leaf semantics from the leaf, then the datafile, then ensign', () => {
    const negated: Condition = { attribute: 'missing', op: 'in', values: ['x'], negate: true };
    expect(matches(negated, {})).toBe(true);
    expect(matches(negated, {}, { semantics: 'launchdarkly' })).toBe(false);
    expect(matches({ ...negated, semantics: 'ensign' }, {}, { semantics: 'launchdarkly' })).toBe(true);
  });

  it('reads nested attributes by reference and other context kinds', () => {
    expect(matches({ attribute: '/address/city', op: 'in', values: ['Oakland'] }, { address: { city: 'Oakland' } })).toBe(true);
    const org: Condition = { attribute: 'tier', contextKind: 'org', op: 'in', values: ['gold'] };
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: org, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f]), { kind: 'multi', user: { key: 'u' }, org: { key: 'o', tier: 'gold' } }, 'f').variationKey).toBe('on');
  });

  it('reads the kind attribute as the list of kinds, and anonymous as a boolean', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { attribute: 'kind', op: 'in', values: ['org'] }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f]), { kind: 'multi', user: { key: 'u' }, org: { key: 'o' } }, 'f').variationKey).toBe('on');
    expect(matches({ attribute: 'anonymous', op: 'in', values: [false] }, {}, { semantics: 'launchdarkly' })).toBe(true);
  });

  it('reads own properties only: "constructor" is not an attribute of every context', () => {
    expect(matches({ attribute: 'constructor', op: 'exists', values: [] }, {})).toBe(false);
  });
});

describe('segments', () => {
  const segments: Datafile['segments'] = [
    {
      key: 'beta',
      salt: 'salty',
      included: [{ values: ['in-1'] }, { contextKind: 'org', values: ['acme'] }],
      excluded: [{ values: ['out-1'] }],
      rules: [{ conditions: { attribute: 'email', op: 'endsWith', values: ['@example.com'] } }],
    },
    // ldh segment-match.yml: segment3 / salty / "user-key" buckets at 0.14950212.
    { key: 'segment3', salt: 'salty', rules: [{ weight: 14955 }] },
    { key: 'segment3-narrow', salt: 'salty', rules: [{ weight: 14950 }] },
    { key: 'outer', rules: [{ conditions: { op: 'segmentMatch', values: ['beta'] } }] },
    { key: 'loop', rules: [{ conditions: { op: 'segmentMatch', values: ['loop'] } }] },
  ];
  const seg = (key: string, negate = false): Condition => ({ op: 'segmentMatch', values: [key], negate });

  it('matches included keys, per context kind, before anything else', () => {
    expect(matches(seg('beta'), { key: 'in-1' } as never, { segments })).toBe(true);
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: seg('beta'), serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f], { segments }), { kind: 'multi', user: { key: 'x' }, org: { key: 'acme' } }, 'f').variationKey).toBe('on');
  });

  it('excludes excluded keys even when a rule would match', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: seg('beta'), serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f], { segments }), user('out-1', { email: 'a@example.com' }), 'f').variationKey).toBeNull();
    expect(evaluateFlag(compile([f], { segments }), user('other', { email: 'a@example.com' }), 'f').variationKey).toBe('on');
  });

  it('applies a segment rule weight with LaunchDarkly arithmetic: user-key at 0.14950212 is in 14955, out of 14950', () => {
    const f = (key: string) => boolFlag('f', { rules: [{ id: 'r', conditions: seg(key), serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f('segment3')], { segments }), user('user-key'), 'f').variationKey).toBe('on');
    expect(evaluateFlag(compile([f('segment3-narrow')], { segments }), user('user-key'), 'f').variationKey).toBeNull();
  });

  it('nests segments and negates them', () => {
    expect(matches(seg('outer'), { key: 'in-1' } as never, { segments })).toBe(true);
    expect(matches(seg('beta', true), {}, { segments })).toBe(true);
  });

  it('answers MALFORMED_FLAG for a segment that refers to itself', () => {
    expect(matches(seg('loop'), {}, { segments })).toBe('MALFORMED_FLAG');
  });
});

describe('audiences, ODP segments and cohorts', () => {
  const audiences: Datafile['audiences'] = [
    { id: 'adults', conditions: { attribute: 'age', op: 'greaterThanOrEqual', values: [18], semantics: 'optimizely' } },
  ];

  it('evaluates an audience three-valued, and an unknown audience as unknown', () => {
    expect(matches({ audience: 'adults' }, { age: 30 }, { audiences })).toBe(true);
    expect(matches({ audience: 'adults' }, { age: 3 }, { audiences })).toBe(false);
    expect(matches({ not: { audience: 'adults' } }, {}, { audiences })).toBe(false);
    expect(matches({ not: { audience: 'ghost' } }, {}, { audiences })).toBe(false);
  });

  it('matches qualified ODP segments supplied by the caller, and nothing when none were fetched', () => {
    const q: Condition = { op: 'qualified', values: ['has_email'] };
    expect(matches(q, {}, {}, { qualifiedSegments: ['has_email'] })).toBe(true);
    expect(matches(q, {}, {}, { qualifiedSegments: ['other'] })).toBe(false);
    expect(matches(q, {}, {})).toBe(false);
  });

  it('asks the cohorts port, or reads the context cohort_ids', () => {
    const c: Condition = { op: 'inCohort', values: ['c1'] };
    const cohorts = { isMember: (id: string, kind: string, key: string) => id === 'c1' && kind === 'user' && key === 'u' };
    expect(matches(c, {}, {}, { cohorts })).toBe(true);
    expect(matches(c, { cohort_ids: ['c1'] })).toBe(true);
    expect(matches(c, { cohort_ids: ['c2'] })).toBe(false);
    expect(matches(c, {}, {}, { cohorts: { isMember: () => { throw new Error('down'); } } })).toBe(false);
  });

  it("reads cohort_ids as Amplitude's set operators do: a list, or the JSON text of one; anything else matches neither way", () => {
    const c: Condition = { op: 'inCohort', values: ['c1'] };
    const not: Condition = { op: 'inCohort', values: ['c1'], negate: true };
    expect(matches(c, { cohort_ids: '["c1","c2"]' })).toBe(true);
    expect(matches(not, { cohort_ids: '["c2"]' })).toBe(true);
    expect(matches(c, { cohort_ids: [7, 'c1'] })).toBe(true);
    expect(matches({ op: 'inCohort', values: ['7'] }, { cohort_ids: [7] })).toBe(true); // an entry compared as its text
    for (const unreadable of ['c1', 'c2', 5, true, { c1: true }, '[c1']) {
      expect(matches(c, { cohort_ids: unreadable })).toBe(false);
      expect(matches(not, { cohort_ids: unreadable })).toBe(false);
    }
    // Missing (or null): in no cohort, so the negated condition matches.
    expect(matches(not, {})).toBe(true);
    expect(matches(not, { cohort_ids: null })).toBe(true);
  });

  it('uses the context kind a cohort is declared for', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { op: 'inCohort', values: ['orgs'] }, serve: { variation: 'on' } }] });
    const c = compile([f], { cohorts: [{ id: 'orgs', contextKind: 'org' }] });
    expect(evaluateFlag(c, { kind: 'multi', user: { key: 'u', cohort_ids: ['orgs'] }, org: { key: 'o', cohort_ids: ['orgs'] } }, 'f').variationKey).toBe('on');
    expect(evaluateFlag(c, user('u', { cohort_ids: ['orgs'] }), 'f').variationKey).toBeNull();
  });
});

describe('GrowthBook conditions', () => {
  it('evaluates a mongo condition over the attributes of the context kind', () => {
    const cond: Condition = { mongo: { country: { $in: ['US', 'CA'] }, 'address.zip': { $regex: '^9' } } };
    expect(matches(cond, { country: 'US', address: { zip: '94110' } })).toBe(true);
    expect(matches(cond, { country: 'FR', address: { zip: '94110' } })).toBe(false);
  });

  it('passes the caller saved groups to $inGroup', () => {
    expect(matches({ mongo: { key: { $inGroup: 'staff' } } }, {}, {}, { savedGroups: { staff: ['u'] } })).toBe(true);
  });
});
