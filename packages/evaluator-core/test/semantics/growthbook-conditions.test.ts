// GrowthBook's own evalCondition table (gb packages/sdk-js/test/cases.json, spec 0.8.0), run through the `mongo`
// leaf's evaluator, with saved groups passed as the fifth element of a case, as GrowthBook's test runner does.
import { describe, expect, it } from 'vitest';
import type { Flag, JsonObject } from '@ensign/datafile-schema';
import { compileDatafile } from '../../src/compile/compile-datafile.js';
import { evalMongoCondition, type SavedGroups } from '../../src/conditions/mongo.js';
import { evaluateFlag } from '../../src/evaluate/evaluate-flag.js';
import { readVector } from './vectors.js';

type Case = [name: string, condition: unknown, attributes: unknown, expected: boolean, savedGroups?: SavedGroups];

// Cases whose outcome differs from GrowthBook on purpose. It must stay exactly this list: currently empty.
const EXPECTED_DIFFERENCES: readonly string[] = [];

function loadCases(): Case[] {
  const file = readVector('growthbook/cases.json') as { evalCondition?: Case[] };
  if (!Array.isArray(file.evalCondition)) throw new Error('cases.json has no evalCondition table');
  return file.evalCondition;
}

describe('GrowthBook evalCondition vectors', () => {
  it('finds the vendor table with its 248 cases', () => {
    expect(loadCases().length).toBe(248);
  });

  it('agrees with GrowthBook on every case except the documented expected differences', () => {
    const differing: string[] = [];
    for (const [name, condition, attributes, expected, groups] of loadCases()) {
      const actual = evalMongoCondition(attributes, condition, groups);
      if (actual !== expected) differing.push(name);
    }
    expect(differing).toEqual(EXPECTED_DIFFERENCES);
  });

  it('agrees through a `mongo` rule of a compiled flag, over the attributes of a user context', () => {
    const differing: string[] = [];
    for (const [name, condition, attributes, expected, groups] of loadCases()) {
      const flag: Flag = {
        key: 'gb',
        on: true,
        variations: [{ key: 'yes', value: true }],
        rules: [{ id: 'r', conditions: { mongo: condition as JsonObject }, serve: { variation: 'yes' } }],
      };
      const compiled = compileDatafile({ schemaVersion: 1, revision: '1', environment: 'test', flags: [flag] });
      const context = { ...(attributes as Record<string, unknown>), kind: 'user', key: 'gb-case' };
      const r = evaluateFlag(compiled, context as never, 'gb', groups === undefined ? {} : { savedGroups: groups });
      if (r.reason.kind === 'ERROR') throw new Error(`${name}: ${r.reason.errorKind}`);
      if ((r.variationKey === 'yes') !== expected) differing.push(name);
    }
    expect(differing).toEqual(EXPECTED_DIFFERENCES);
  });
});
