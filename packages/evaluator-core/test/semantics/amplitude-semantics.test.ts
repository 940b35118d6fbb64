// Amplitude's own tables (ampcore experiment-core test/evaluation/semantic-version.test.ts and
// evaluation-array-values.test.ts), run through Ensign's amplitude semantics.
import type { Operator } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { compileDatafile } from '../../src/compile/compile-datafile.js';
import { compileAmplitudeMatcher } from '../../src/conditions/operators-amplitude.js';
import { evaluateFlag } from '../../src/evaluate/evaluate-flag.js';
import { compareAmplitudeVersions, parseAmplitudeVersion } from '../../src/conditions/semver-amplitude.js';
import { readVector } from './vectors.js';

interface VectorCase {
  test: string;
  fn: string;
  args: unknown[];
}

// Amplitude operator names → Ensign operators.
const OPS: Record<string, Operator> = {
  is: 'in',
  'is not': 'notIn',
  contains: 'contains',
  'does not contain': 'notContains',
  less: 'lessThan',
  'less or equal': 'lessThanOrEqual',
  greater: 'greaterThan',
  'greater or equal': 'greaterThanOrEqual',
  'version less': 'semVerLessThan',
  'version less or equal': 'semVerLessThanOrEqual',
  'version greater': 'semVerGreaterThan',
  'version greater or equal': 'semVerGreaterThanOrEqual',
  'set is': 'setEquals',
  'set is not': 'setNotEquals',
  'set contains': 'setContainsAll',
  'set does not contain': 'setNotContainsAll',
  'set contains any': 'setContainsAny',
  'set does not contain any': 'setNotContainsAny',
  'regex match': 'matches',
  'regex does not match': 'notMatches',
};

function load(file: string): VectorCase[] {
  const data = readVector(file) as { cases?: VectorCase[] };
  if (!Array.isArray(data.cases) || data.cases.length === 0) throw new Error(`${file} has no cases`);
  return data.cases;
}

describe('Amplitude semantic_version.json', () => {
  const cases = load('amplitude/semantic_version.json');

  it('runs every case of the three kinds the vendor test defines', () => {
    expect(new Set(cases.map((c) => c.fn))).toEqual(new Set(['assertInvalidVersion', 'assertValidVersion', 'assertVersionComparison']));
  });

  it.each(cases.map((c) => [`${c.fn}(${c.args.map((a) => JSON.stringify(a)).join(', ')})`, c] as const))('%s', (_name, c) => {
    if (c.fn === 'assertInvalidVersion') expect(parseAmplitudeVersion(c.args[0])).toBeUndefined();
    else if (c.fn === 'assertValidVersion') expect(parseAmplitudeVersion(c.args[0])).toBeDefined();
    else {
      const [v1, op, v2] = c.args as [string, string, string];
      const a = parseAmplitudeVersion(v1);
      const b = parseAmplitudeVersion(v2);
      expect(a).toBeDefined();
      expect(b).toBeDefined();
      const cmp = compareAmplitudeVersions(a!, b!);
      if (op === 'is') expect(cmp).toBe(0);
      else if (op === 'is not') expect(cmp).not.toBe(0);
      else if (op === 'version less') expect(cmp).toBeLessThan(0);
      else if (op === 'version greater') expect(cmp).toBeGreaterThan(0);
      else throw new Error(`unknown comparison ${op}`);
    }
  });
});

describe('Amplitude array_values.json', () => {
  const cases = load('amplitude/array_values.json');

  it.each(cases.map((c) => [c.test, c] as const))('%s', (_name, c) => {
    const [prop, op, values] = c.args as [unknown, string, string[]];
    const ensignOp = OPS[op];
    if (ensignOp === undefined) throw new Error(`unmapped Amplitude operator ${op}`);
    const result = compileAmplitudeMatcher(ensignOp, values, false)(prop);
    if (c.fn === 'assertMatch') expect(result).toBe(true);
    else if (c.fn === 'assertNoMatch') expect(result).toBe(false);
    else throw new Error(`unknown assertion ${c.fn}`);
  });

  it.each(cases.map((c) => [c.test, c] as const))('%s, through a flag rule reading /user_properties/test_prop', (_name, c) => {
    const [prop, op, values] = c.args as [unknown, string, string[]];
    const compiled = compileDatafile({
      schemaVersion: 1,
      revision: '1',
      environment: 'test',
      semantics: 'amplitude',
      flags: [
        {
          key: 'test-flag',
          on: true,
          variations: [{ key: 'on', value: 'on' }, { key: 'off', value: 'off' }],
          rules: [{ id: 's', conditions: { attribute: '/user_properties/test_prop', op: OPS[op] as Operator, values }, serve: { variation: 'on' } }],
        },
      ],
    });
    const r = evaluateFlag(compiled, { kind: 'user', key: 'u', user_properties: { test_prop: prop } } as never, 'test-flag');
    expect(r.variationKey).toBe(c.fn === 'assertMatch' ? 'on' : null);
  });
});
