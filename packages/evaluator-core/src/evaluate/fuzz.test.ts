// Never throws: random valid datafiles (built by the arbitraries below) and random contexts, garbage included,
// always give a well-formed result.
import { HASH_MODES, OPERATORS, SEMANTICS, type Condition, type Datafile, type Flag, type JsonValue, type Rollout } from '@ensign/datafile-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDatafile } from '../compile/compile-datafile.js';
import type { EvaluationResult } from '../types.js';
import { evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';

const FLAG_KEYS = ['f0', 'f1', 'f2', 'f3', 'ghost'];
const VARIATIONS = ['a', 'b', 'c', 'missing'];
const ATTRIBUTES = ['key', 'country', 'plan', 'age', '/address/city', 'tags', 'kind', 'anonymous', 'version', '__proto__', '//'];
const KINDS = ['user', 'org', 'device'];

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null));
const json = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record(
    {
      attribute: fc.constantFrom(...ATTRIBUTES),
      contextKind: fc.constantFrom(...KINDS),
      op: fc.constantFrom(...OPERATORS),
      values: fc.array(fc.oneof(scalar, fc.constantFrom('US', 'pro', '1.2.3', '(none)', '2024-01-01T00:00:00Z', '^a', 'seg-0', 'seg-big', 'c1')), { maxLength: 3 }),
      negate: fc.boolean(),
      semantics: fc.constantFrom(...SEMANTICS),
    },
    { requiredKeys: ['attribute', 'op', 'values'] },
  ),
  fc.record({ flag: fc.constantFrom(...FLAG_KEYS), op: fc.constantFrom(...OPERATORS), values: fc.array(scalar, { maxLength: 2 }) }),
  fc.record({ audience: fc.constantFrom('aud-0', 'aud-x') }),
  fc.record(
    {
      mongo: fc.constantFrom<Record<string, unknown>>({ country: { $in: ['US'] } }, { $or: [{ age: { $gt: 3 } }, { plan: 'pro' }] }, { tags: { $elemMatch: { $eq: 'x' } } }, { key: { $inGroup: 'g' } }, { value: 'A' }),
      flag: fc.constantFrom(...FLAG_KEYS),
    },
    { requiredKeys: ['mongo'] },
  ) as fc.Arbitrary<Condition>,
);

const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ and: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

const rollout: fc.Arbitrary<Rollout> = fc.record(
  {
    kind: fc.constantFrom('rollout' as const, 'experiment' as const),
    bucketing: fc.record(
      {
        hash: fc.constantFrom(...HASH_MODES),
        bucketBy: fc.constantFrom('key', 'country', 'age'),
        contextKind: fc.constantFrom(...KINDS),
        seed: fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 99 })),
        salt: fc.string({ maxLength: 4 }),
        namespace: fc.record({ id: fc.constant('ns'), range: fc.constant<[number, number]>([0, 0.5]) }),
        filters: fc.constant([{ seed: 'f', ranges: [[0, 0.5]] as [number, number][], attribute: 'country' }]),
        fallbackAttribute: fc.constant('plan'),
      },
      { requiredKeys: ['hash'] },
    ),
    variations: fc.array(
      fc.record({ variation: fc.oneof(fc.constantFrom(...VARIATIONS), fc.constant(null)), weight: fc.integer({ min: 0, max: 60000 }), untracked: fc.boolean() }, { requiredKeys: ['variation', 'weight'] }),
      { minLength: 1, maxLength: 3 },
    ),
    allocation: fc.constantFrom<[number, number]>([0, 50], [0, 100000]),
    coverage: fc.double({ min: 0, max: 1, noNaN: true }),
  },
  { requiredKeys: ['bucketing', 'variations'] },
);

const serve = fc.oneof(fc.record({ variation: fc.constantFrom(...VARIATIONS) }), fc.record({ rollout }));

function flagArb(key: string): fc.Arbitrary<Flag> {
  return fc.record(
    {
      key: fc.constant(key),
      on: fc.constantFrom(true, true, true, true, false),
      variations: fc.constant([
        { key: 'a', value: 'A', id: 'va' },
        { key: 'b', value: { x: 1 }, enabled: false },
        { key: 'c', value: 3, variables: { n: '5' } },
      ]),
      variables: fc.constant([{ key: 'n', type: 'integer' as const, default: 1 }]),
      offVariation: fc.oneof(fc.constantFrom(...VARIATIONS), fc.constant(null)),
      prerequisites: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Flag['prerequisites']>([]) },
        { weight: 1, arbitrary: fc.array(fc.record({ flagKey: fc.constantFrom(...FLAG_KEYS), variation: fc.constantFrom(...VARIATIONS) }), { maxLength: 2 }) },
      ),
      targets: fc.array(fc.record({ contextKind: fc.constantFrom(...KINDS), values: fc.array(fc.constantFrom('u1', 'u2', 'o1'), { maxLength: 2 }), variation: fc.constantFrom(...VARIATIONS) }), { maxLength: 2 }),
      rules: fc.array(
        fc.record(
          {
            id: fc.constantFrom('r0', 'r1', 'r2'),
            conditions: condition,
            serve,
            onMiss: fc.oneof(fc.constantFrom('next' as const, 'last' as const), fc.record({ variation: fc.constantFrom(...VARIATIONS) })),
            kind: fc.constantFrom('targeting' as const, 'experiment' as const, 'rollout' as const),
            status: fc.constantFrom('running' as const, 'paused' as const),
            group: fc.constantFrom('g0', 'g-missing'),
            gate: condition,
            experiment: fc.record({ key: fc.constant('e'), cmab: fc.constant({ trafficAllocation: 5000, attributeIds: [] }) }, { requiredKeys: ['key'] }),
            targets: fc.array(fc.record({ values: fc.array(fc.constantFrom('u1', 'u2'), { maxLength: 2 }), variation: fc.constantFrom(...VARIATIONS) }), { maxLength: 1 }),
          },
          { requiredKeys: ['id', 'serve'] },
        ),
        { maxLength: 3 },
      ),
      fallthrough: serve,
      salt: fc.string({ maxLength: 4 }),
    },
    { requiredKeys: ['key', 'on', 'variations', 'rules'] },
  );
}

const datafileArb: fc.Arbitrary<Datafile> = fc.record({
  schemaVersion: fc.constant(1 as const),
  revision: fc.string({ maxLength: 3 }),
  environment: fc.constant('fuzz'),
  semantics: fc.constantFrom(...SEMANTICS),
  flags: fc.tuple(flagArb('f0'), flagArb('f1'), flagArb('f2'), flagArb('f3')).map((t) => [...t]),
  segments: fc.constant([
    { key: 'seg-0', salt: 's', included: [{ values: ['u1'] }], rules: [{ weight: 50000, conditions: { attribute: 'plan', op: 'in' as const, values: ['pro'] } }] },
    { key: 'seg-big', unbounded: true, generation: 1, rules: [{ conditions: { op: 'segmentMatch' as const, values: ['seg-0'] } }] },
  ]),
  savedGroups: fc.constant({ g: ['u1', 'o1'] }),
  audiences: fc.constant([{ id: 'aud-0', conditions: { attribute: 'age', op: 'greaterThan' as const, values: [3], semantics: 'optimizely' as const } }]),
  cohorts: fc.constant([{ id: 'c1' }]),
  holdouts: fc.array(
    fc.record({
      key: fc.constantFrom('h0', 'h1'),
      status: fc.constantFrom('running' as const, 'draft' as const),
      variations: fc.constant([{ key: 'held', value: null, enabled: false }]),
      rollout: fc.constant({ bucketing: { hash: 'optimizely' as const }, variations: [{ variation: 'held', weight: 2000 }] }),
    }),
    { maxLength: 1 },
  ),
  groups: fc.constant([{ key: 'g0', bucketing: { hash: 'ensign' as const }, members: [{ rule: 'r0', weight: 50000 }, { rule: 'r1', weight: 50000 }] }]),
});

const contextArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.record(
    {
      kind: fc.constantFrom('user', 'user', 'user', 'org', 'device'),
      key: fc.constantFrom('u1', 'u2', 'o1', 'x'),
      country: fc.constantFrom('US', 'FR'),
      plan: scalar,
      age: scalar,
      address: fc.record({ city: scalar }),
      tags: fc.array(scalar, { maxLength: 3 }),
      version: fc.constantFrom('1.2.3', '2', 'v1', 'junk'),
      cohort_ids: fc.array(fc.constantFrom('c1', 'c2'), { maxLength: 2 }),
    },
    { requiredKeys: ['kind', 'key'] },
  ) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('multi'), user: fc.record({ key: fc.constantFrom('u1', 'u2'), plan: scalar, country: fc.constantFrom('US', 'FR') }), org: fc.record({ key: fc.constantFrom('o1', '') }) }) },
  { weight: 1, arbitrary: json },
  { weight: 1, arbitrary: fc.anything() },
);

function checkWellFormed(r: EvaluationResult, flagKey: string): void {
  expect(r.flagKey).toBe(flagKey);
  expect(['OFF', 'TARGET_MATCH', 'RULE_MATCH', 'FALLTHROUGH', 'PREREQUISITE_FAILED', 'ERROR']).toContain(r.reason.kind);
  expect(typeof r.enabled).toBe('boolean');
  expect(typeof r.revision).toBe('string');
  expect(r.variables !== null && typeof r.variables === 'object').toBe(true);
  if (r.reason.kind === 'ERROR') {
    expect(['FLAG_NOT_FOUND', 'MALFORMED_FLAG', 'USER_NOT_SPECIFIED', 'EXCEPTION']).toContain(r.reason.errorKind);
    expect(r.variationKey).toBeNull();
    expect(r.enabled).toBe(false);
  }
  if (r.variationIndex !== null) expect(typeof r.variationKey).toBe('string');
  if (r.variationKey === null) expect(r.enabled).toBe(false);
  // Evaluation never reports EXCEPTION on valid datafiles: that would be a bug caught by the top-level guard.
  expect(r.reason.errorKind).not.toBe('EXCEPTION');
}

describe('the evaluator never throws', () => {
  it('gives a well-formed result for random datafiles, contexts and options', () => {
    fc.assert(
      fc.property(
        datafileArb,
        contextArb,
        fc.constantFrom(...FLAG_KEYS),
        fc.record(
          {
            defaultValue: json,
            trace: fc.boolean(),
            includeReasons: fc.boolean(),
            forcedDecisions: fc.array(fc.record({ flagKey: fc.constantFrom(...FLAG_KEYS), ruleKey: fc.constantFrom('r0', 'r1'), variationKey: fc.constantFrom(...VARIATIONS) }, { requiredKeys: ['flagKey', 'variationKey'] }), { maxLength: 2 }),
            qualifiedSegments: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
            userProfile: fc.constant({ user_id: 'u1', experiment_bucket_map: { r0: { variation_id: 'va' } } }),
            privateAttributes: fc.constant(['country']),
            bigSegments: fc.constant({ getMembership: (key: string) => (key === 'u1' ? { 'seg-big.g1': true } : null) }),
          },
          { requiredKeys: [] },
        ),
        (df, context, flagKey, options) => {
          const compiled = compileDatafile(df);
          const r = evaluateFlag(compiled, context as never, flagKey, options);
          if (r.reason.errorKind !== 'USER_NOT_SPECIFIED' && flagKey !== 'ghost') expect(r.revision).toBe(df.revision);
          checkWellFormed(r, flagKey);
          const all = evaluateFlags(compiled, context as never, { flagKeys: FLAG_KEYS }, options);
          for (const key of FLAG_KEYS) checkWellFormed(all[key] as EvaluationResult, key);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on garbage in place of the compiled datafile, the key or the options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (compiled, context, key, options) => {
        const r = evaluateFlag(compiled as never, context as never, key as never, options as never);
        expect(r.reason.kind).toBe('ERROR');
        expect(typeof evaluateFlags(compiled as never, context as never, options as never)).toBe('object');
        expect(compileDatafile(compiled as never).flagKeys).toEqual(expect.any(Array));
      }),
      { numRuns: 200 },
    );
  });
});
