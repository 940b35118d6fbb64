// The lean form (compile-lean.ts, evaluate-lean.ts) must decide exactly as the general evaluator. Passing
// `forcedDecisions: []` forces nothing but sends every evaluation down the general path, so each property below
// compares the two on random flags of the shapes the lean form covers (and some it does not), and random contexts.
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { OPERATORS, SEMANTICS, type Condition, type Datafile, type Flag, type JsonValue, type Rollout } from '@ensign/datafile-schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDatafile, stateOf } from '../compile/compile-datafile.js';
import { evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';

const GENERAL = { forcedDecisions: [] };
const ATTRIBUTES = ['country', 'plan', 'age', 'key', 'tags', '__proto__', 'constructor', 'toString', 'kind', '/address/city'];
const KINDS = ['user', 'org'];
const scalar = fc.oneof(fc.constantFrom('US', 'CA', 'pro', 'free', '1.2.3'), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null));

const leaf: fc.Arbitrary<Condition> = fc.record(
  {
    attribute: fc.constantFrom(...ATTRIBUTES),
    contextKind: fc.constantFrom(...KINDS, 'user', 'user'),
    op: fc.constantFrom('in', 'in', 'in', 'notIn', 'exists', 'greaterThan', 'startsWith', ...OPERATORS.filter((op) => op !== 'segmentMatch')),
    values: fc.array(scalar, { maxLength: 3 }),
    negate: fc.boolean(),
    semantics: fc.constantFrom(...SEMANTICS),
  },
  { requiredKeys: ['attribute', 'op', 'values'] },
) as fc.Arbitrary<Condition>;

const conditions: fc.Arbitrary<Condition | undefined> = fc.oneof(
  fc.constant(undefined),
  leaf,
  fc.record({ and: fc.array(leaf, { maxLength: 3 }) }),
  fc.record({ or: fc.array(leaf, { maxLength: 2 }) }),
);

const rollout: fc.Arbitrary<Rollout> = fc.record(
  {
    kind: fc.constantFrom('rollout' as const, 'experiment' as const),
    bucketing: fc.record(
      {
        hash: fc.constantFrom('ensign' as const, 'ensign' as const, 'amplitude' as const),
        bucketBy: fc.constantFrom('key', 'country', 'age', '/address/city'),
        contextKind: fc.constantFrom(...KINDS, 'user'),
        seed: fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: 0, max: 99 }), fc.constant('é\uD800')),
      },
      { requiredKeys: ['hash'] },
    ),
    variations: fc.array(
      fc.record({ variation: fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.constant(null)), weight: fc.integer({ min: 0, max: 60_000 }), untracked: fc.boolean() }, { requiredKeys: ['variation', 'weight'] }),
      { minLength: 1, maxLength: 3 },
    ),
    allocation: fc.constantFrom<[number, number]>([0, 50_000], [0, 100_000]),
  },
  { requiredKeys: ['bucketing', 'variations'] },
);

const serve = fc.oneof(fc.record({ variation: fc.constantFrom('a', 'b', 'c') }), fc.record({ rollout }), fc.record({ rollout }));

function flagArb(key: string): fc.Arbitrary<Flag> {
  return fc.record(
    {
      key: fc.constant(key),
      on: fc.constantFrom(true, true, true, false),
      variations: fc.constant([{ key: 'a', value: 'A' }, { key: 'b', value: { x: 1 }, enabled: false }, { key: 'c', value: 3, variables: { n: '5' } }]),
      variables: fc.constant([{ key: 'n', type: 'integer' as const, default: 1 }]),
      rules: fc.array(
        fc.record(
          {
            id: fc.constantFrom('r0', 'r1', ''),
            conditions,
            serve,
            onMiss: fc.constantFrom('next' as const, 'last' as const),
            status: fc.constantFrom('running' as const, 'running' as const, 'paused' as const),
          },
          { requiredKeys: ['id', 'serve'] },
        ),
        { maxLength: 3 },
      ),
      fallthrough: serve,
      salt: fc.string({ maxLength: 3 }),
    },
    { requiredKeys: ['key', 'on', 'variations', 'rules'] },
  );
}

const datafileArb: fc.Arbitrary<Datafile> = fc.record({
  schemaVersion: fc.constant(1 as const),
  revision: fc.string({ maxLength: 3 }),
  environment: fc.constant('lean'),
  semantics: fc.constantFrom(...SEMANTICS),
  flags: fc.tuple(flagArb('f0'), flagArb('f1'), flagArb('f2'), flagArb('__proto__')).map((t) => [...t]),
});

const attributes = {
  country: fc.constantFrom('US', 'CA', 'FR'),
  plan: scalar,
  age: scalar,
  tags: fc.array(scalar, { maxLength: 2 }),
  address: fc.record({ city: scalar }),
};

const contextArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('user', 'user', 'org'), key: fc.constantFrom('u1', 'u2', 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'é'), ...attributes }, { requiredKeys: ['kind', 'key'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('multi'), user: fc.record({ key: fc.constant('u1'), country: fc.constantFrom('US', 'FR') }), org: fc.record({ key: fc.constant('o1') }) }) },
  // Attributes inherited from a prototype are not the context's: every read must ignore them.
  {
    weight: 1,
    arbitrary: fc.record(attributes).map((inherited) => Object.assign(Object.create(inherited) as Record<string, unknown>, { kind: 'user', key: 'u1' })),
  },
);

function isLean(df: Datafile, key: string): boolean {
  return stateOf(compileDatafile(df))?.flags.get(key)?.lean != null;
}

describe('the lean form', () => {
  it('decides every flag as the general evaluator does, for any context', () => {
    let lean = 0;
    fc.assert(
      fc.property(datafileArb, contextArb, fc.constantFrom('f0', 'f1', 'f2', '__proto__'), fc.oneof(fc.constant(undefined), fc.constant(false), fc.constant('d')), (df, context, key, defaultValue) => {
        const compiled = compileDatafile(df);
        const options = defaultValue === undefined ? undefined : { defaultValue };
        if (isLean(df, key)) lean++;
        expect(evaluateFlag(compiled, context as never, key, options)).toEqual(evaluateFlag(compiled, context as never, key, { ...options, ...GENERAL }));
        const all = evaluateFlags(compiled, context as never, undefined, options);
        const general = evaluateFlags(compiled, context as never, undefined, { ...options, ...GENERAL });
        expect(all).toEqual(general);
        expect(Object.keys(all)).toEqual(Object.keys(general));
        expect(evaluateFlags(compiled, context as never, { enabledOnly: true })).toEqual(evaluateFlags(compiled, context as never, { enabledOnly: true }, GENERAL));
      }),
      { numRuns: 400 },
    );
    // The arbitraries must reach the lean form often enough for the comparison to mean something.
    expect(lean).toBeGreaterThan(40);
  });

  it('covers the benchmark shape, and answers it with one shared, frozen result per decision', () => {
    const df = generateDatafile({ flags: 3 });
    const compiled = compileDatafile(df);
    const key = df.flags[1]?.key as string;
    expect(isLean(df, key)).toBe(true);
    const pro = { kind: 'user', key: 'u-1', country: 'US', plan: 'pro' } as const;
    const first = evaluateFlag(compiled, { ...pro }, key);
    expect(first).toEqual(evaluateFlag(compiled, { ...pro }, key, GENERAL));
    expect(first.reason).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: expect.any(String) });
    expect(evaluateFlag(compiled, { ...pro, key: 'u-2' }, key)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads only the own attributes of a context, never inherited ones', () => {
    const rule = (id: string, attribute: string, op: 'in' | 'exists', values: JsonValue[]) => ({ id, conditions: { attribute, op, values }, serve: { variation: 'b' } });
    const df: Datafile = {
      schemaVersion: 1,
      revision: 'r',
      environment: 'lean',
      flags: [
        { key: 'country', on: true, variations: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }], rules: [rule('r', 'country', 'in', ['US'])], fallthrough: { variation: 'a' } },
        { key: 'to-string', on: true, variations: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }], rules: [rule('r', 'toString', 'exists', [])], fallthrough: { variation: 'a' } },
      ],
    };
    expect(isLean(df, 'country') && isLean(df, 'to-string')).toBe(true);
    const compiled = compileDatafile(df);
    const context = Object.assign(Object.create({ country: 'US' }) as Record<string, unknown>, { kind: 'user', key: 'u1' });
    for (const key of ['country', 'to-string']) {
      expect(evaluateFlag(compiled, context as never, key).variationKey).toBe('a');
      expect(evaluateFlag(compiled, { kind: 'user', key: 'u1', country: 'US', toString: 'x' }, key).variationKey).toBe('b');
    }
  });

  it('leaves the other shapes and options to the general evaluator', () => {
    const df: Datafile = {
      schemaVersion: 1,
      revision: 'r',
      environment: 'lean',
      flags: [
        { key: 'targeted', on: true, variations: [{ key: 'a', value: 1 }], targets: [{ values: ['u1'], variation: 'a' }], rules: [], fallthrough: { variation: 'a' } },
        { key: 'off', on: false, variations: [{ key: 'a', value: 1 }], offVariation: 'a', rules: [], fallthrough: { variation: 'a' } },
        { key: 'plain', on: true, variations: [{ key: 'a', value: 1 }], rules: [], fallthrough: { variation: 'a' } },
      ],
    };
    expect(isLean(df, 'targeted')).toBe(false);
    expect(isLean(df, 'off')).toBe(false);
    expect(isLean(df, 'plain')).toBe(true);
    const compiled = compileDatafile(df);
    const traced = evaluateFlag(compiled, { kind: 'user', key: 'u1' }, 'plain', { trace: true, includeReasons: true });
    expect(traced.trace?.steps).toEqual([{ step: 'fallthrough', matched: true }]);
    expect(Object.isFrozen(traced)).toBe(false);
    const bare = evaluateFlag(compiled, { kind: 'user', key: 'u1' }, 'plain', { excludeVariables: true });
    expect(bare.variables).toEqual({});
    expect(bare.value).toBe(1);
  });
});
