// Amplitude configuration 2: buckets — several allocations (disjoint and overlapping), gaps between distributions,
// a distribution naming a variant the flag lacks (Amplitude goes on with the next segment), a missing or absent
// fallback variant, bucketing by user id, device id, a user property and a group, a missing salt, no allocations,
// `conditions: []` (never) and `[[]]` (always), no segments.
import type { EvaluationFlag, EvaluationSegment } from '@amplitude/experiment-core';

const END = 42_949_673;
const M = 1_000_000;

const variants = {
  off: { key: 'off', metadata: { default: true } },
  control: { key: 'control', value: 'control' },
  treatment: { key: 'treatment', value: 'treatment', payload: ['t', 1] },
  other: { key: 'other', value: 42 },
};

type Allocation = { range: [number, number]; distributions: { variant: string; range: [number, number] }[] };

function bucketed(salt: string | undefined, allocations: Allocation[], variant: string | undefined, selector = ['context', 'user', 'device_id'], extra: Partial<EvaluationSegment> = {}): EvaluationSegment {
  return { metadata: { segmentName: `bucket ${salt}` }, bucket: { selector, salt: salt as string, allocations }, ...(variant !== undefined ? { variant } : {}), ...extra };
}

const catchAll: EvaluationSegment = { metadata: { segmentName: 'All Other Users' }, variant: 'other' };

function flag(key: string, segments: EvaluationSegment[]): EvaluationFlag {
  return { key, metadata: { deployed: true, evaluationMode: 'local', flagType: 'experiment', flagVersion: 9, experimentKey: `exp-${key}` }, variants, segments };
}

/** The flags of configuration 2. */
export function bucketFlags(): EvaluationFlag[] {
  return [
    flag('two-allocations', [
      bucketed('s1', [
        { range: [0, 30], distributions: [{ variant: 'control', range: [0, 21_474_837] }, { variant: 'treatment', range: [21_474_837, END] }] },
        { range: [30, 60], distributions: [{ variant: 'treatment', range: [0, END] }] },
      ], 'off'),
    ]),
    flag('overlapping-allocations', [
      bucketed('s2', [
        { range: [0, 60], distributions: [{ variant: 'control', range: [0, 20 * M] }] },
        { range: [40, 100], distributions: [{ variant: 'treatment', range: [10 * M, END] }] },
      ], 'off'),
    ]),
    flag('gaps', [bucketed('s3', [{ range: [0, 100], distributions: [{ variant: 'control', range: [0, 10 * M] }, { variant: 'treatment', range: [20 * M, 30 * M] }] }], 'other')]),
    flag('ghost-distribution', [
      bucketed('s4', [{ range: [0, 80], distributions: [{ variant: 'deleted-variant', range: [0, 15 * M] }, { variant: 'treatment', range: [15 * M, END] }] }], 'control'),
      catchAll,
    ]),
    flag('ghost-fallback', [bucketed('s5', [{ range: [0, 50], distributions: [{ variant: 'control', range: [0, 21 * M] }, { variant: 'treatment', range: [21 * M, END] }] }], 'missing-fallback'), catchAll]),
    flag('no-fallback', [bucketed('s6', [{ range: [0, 50], distributions: [{ variant: 'treatment', range: [0, END] }] }], undefined), catchAll]),
    flag('group-bucketing', [
      bucketed('s7', [{ range: [0, 100], distributions: [{ variant: 'control', range: [0, 13 * M] }, { variant: 'treatment', range: [13 * M, END] }] }], 'off', ['context', 'groups', 'org', 'group_name']),
    ]),
    flag('property-bucketing', [
      bucketed('s8', [{ range: [0, 100], distributions: [{ variant: 'control', range: [0, 21 * M] }, { variant: 'treatment', range: [21 * M, END] }] }], 'off', ['context', 'user', 'user_properties', 'team']),
    ]),
    flag('user-id-no-salt', [bucketed(undefined, [{ range: [0, 100], distributions: [{ variant: 'control', range: [0, 21 * M] }, { variant: 'treatment', range: [21 * M, END] }] }], 'off', ['context', 'user', 'user_id'])]),
    flag('no-allocations', [bucketed('s10', [], 'treatment')]),
    flag('conditions', [
      { metadata: { segmentName: 'never' }, conditions: [], variant: 'control' },
      bucketed('s11', [{ range: [10, 90], distributions: [{ variant: 'deleted', range: [0, 5 * M] }, { variant: 'treatment', range: [5 * M, 40 * M] }] }], 'control', undefined, {
        conditions: [[{ selector: ['context', 'user', 'country'], op: 'is not', values: ['France'] }], [{ selector: ['context', 'user', 'platform'], op: 'is', values: ['iOS'] }]],
      }),
      { metadata: { segmentName: 'always' }, conditions: [[]], variant: 'off' },
    ]),
    flag('no-segments', []),
  ];
}
