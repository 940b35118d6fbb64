// GrowthBook's shared SDK cases (growthbook packages/sdk-js/test/cases.json): the bucketing tables only
// (`hash`, `getBucketRange`, `chooseVariation`, `inNamespace`, `getEqualWeights`). The evaluator's suites own
// `evalCondition`, `feature` and `run`.
//
// Comparisons follow GrowthBook's own runner (sdk-js test/json.test.ts): `hash`, `chooseVariation` and
// `inNamespace` compare exactly; `getBucketRange` and `getEqualWeights` compare both sides after
// `Math.floor(n * 1e8) / 1e8`.
import { describe, expect, it } from 'vitest';
import { gbChooseVariation, gbGetBucketRanges, gbGetEqualWeights, gbHash, gbInNamespace } from '@ensign/evaluator-core/bucketing';
import type { GbNamespace, GbRange } from '@ensign/evaluator-core/bucketing';
import { arrayAt, assertReadable, readVectorFile } from './vendor-vectors.js';

const round = (n: number) => Math.floor(n * 1e8) / 1e8;
const roundArray = (arr: readonly number[]) => arr.map(round);
const roundRanges = (arr: readonly (readonly number[])[]) => arr.map(roundArray);

type HashCase = [seed: string, value: string, version: number, expected: number | null];
type BucketRangeCase = [name: string, args: [number, number, number[] | null], expected: [number, number][]];
type ChooseCase = [name: string, n: number, ranges: [number, number][], expected: number];
type NamespaceCase = [name: string, id: string, namespace: [string, number, number], expected: boolean];
type EqualWeightsCase = [n: number, expected: number[]];

const file = readVectorFile('growthbook/cases.json');
const data = file.ok ? file.data : null;
const TABLES = ['hash', 'getBucketRange', 'chooseVariation', 'inNamespace', 'getEqualWeights'] as const;
const table = <T>(name: (typeof TABLES)[number]) => (arrayAt(data, name) ?? []) as T[];

describe('GrowthBook cases.json, bucketing tables', () => {
  it.each(TABLES)('holds a non-empty "%s" table', (name) => {
    assertReadable(file);
    const rows = arrayAt(file.data, name);
    expect(rows, `${file.path} has no "${name}" array`).not.toBeNull();
    expect(rows!.length).toBeGreaterThan(0);
  });

  it.each(table<HashCase>('hash'))('hash(%j, %j, %j) is %j', (seed, value, version, expected) => {
    expect(gbHash(seed, value, version)).toEqual(expected);
  });

  it.each(table<BucketRangeCase>('getBucketRange'))('getBucketRange: %s', (_name, [n, coverage, weights], expected) => {
    expect(roundRanges(gbGetBucketRanges(n, coverage, weights ?? undefined))).toEqual(roundRanges(expected));
  });

  it.each(table<ChooseCase>('chooseVariation'))('chooseVariation: %s', (_name, n, ranges, expected) => {
    expect(gbChooseVariation(n, ranges as GbRange[])).toEqual(expected);
  });

  it.each(table<NamespaceCase>('inNamespace'))('inNamespace: %s', (_name, id, namespace, expected) => {
    expect(gbInNamespace(id, namespace as GbNamespace)).toEqual(expected);
  });

  it.each(table<EqualWeightsCase>('getEqualWeights'))('getEqualWeights(%j)', (n, expected) => {
    expect(roundArray(gbGetEqualWeights(n))).toEqual(roundArray(expected));
  });
});
