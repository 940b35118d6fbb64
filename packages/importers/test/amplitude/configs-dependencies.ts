// Amplitude configuration 3: flag dependencies — a declared parent read by key and by value, a mutual-exclusion
// group and a holdout group read by their members, a chain, a flag read without being listed in `dependencies`
// (earlier in Amplitude's order: seen when every flag is evaluated; later: never seen), a flag that is not in the
// configs — and cohort conditions on users and groups, variant payloads and metadata.
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { COHORTS } from './users.js';

const END = 42_949_673;

function split(salt: string, a: string, b: string, selector = ['context', 'user', 'device_id']) {
  return { selector, salt, allocations: [{ range: [0, 100], distributions: [{ variant: a, range: [0, 21_474_837] }, { variant: b, range: [21_474_837, END] }] }] };
}

const onOff = { off: { key: 'off', metadata: { default: true } }, on: { key: 'on', value: 'on', payload: { limit: 10 }, metadata: { note: 'variant metadata wins' } } };

/** The flags of configuration 3, in the order the flag API would list them. */
export function dependencyFlags(): EvaluationFlag[] {
  return [
    {
      key: 'mutex-group',
      metadata: { flagType: 'mutual-exclusion-group', flagVersion: 2 },
      variants: { 'slot-1': { key: 'slot-1' }, 'slot-2': { key: 'slot-2' } },
      segments: [{ metadata: { segmentName: 'slots' }, bucket: split('mutex', 'slot-1', 'slot-2', ['context', 'user', 'user_id']), variant: 'slot-2' }],
    },
    {
      key: 'holdout',
      metadata: { flagType: 'holdout-group', flagVersion: 1 },
      variants: { holdout: { key: 'holdout', value: 'holdout' }, on: { key: 'on', value: 'on' } },
      segments: [{ bucket: { selector: ['context', 'user', 'device_id'], salt: 'hold', allocations: [{ range: [0, 10], distributions: [{ variant: 'holdout', range: [0, END] }] }] }, variant: 'on' }],
    },
    {
      key: 'experiment-a',
      metadata: { flagType: 'experiment', flagVersion: 5, experimentKey: 'exp-a', evaluationMode: 'local' },
      dependencies: ['mutex-group', 'holdout'],
      variants: { off: { key: 'off', metadata: { default: true } }, control: { key: 'control', value: 'control' }, treatment: { key: 'treatment', value: 'treatment', payload: [1, 'two', { three: 3 }] } },
      segments: [
        { metadata: { segmentName: 'held out' }, conditions: [[{ selector: ['result', 'holdout', 'key'], op: 'is', values: ['holdout'] }]], variant: 'off' },
        { metadata: { segmentName: 'not in slot 1' }, conditions: [[{ selector: ['result', 'mutex-group', 'key'], op: 'is not', values: ['slot-1'] }]], variant: 'off' },
        { metadata: { segmentName: 'All Other Users' }, bucket: split('exp-a', 'control', 'treatment'), variant: 'off' },
      ],
    },
    {
      key: 'chained',
      dependencies: ['experiment-a'],
      variants: onOff,
      segments: [
        { metadata: { segmentName: 'treated' }, conditions: [[{ selector: ['result', 'experiment-a', 'value'], op: 'is', values: ['treatment'] }]], variant: 'on' },
        { metadata: { segmentName: 'no variant' }, conditions: [[{ selector: ['result', 'experiment-a', 'key'], op: 'is', values: ['(none)'] }]], variant: 'on' },
        { variant: 'off' },
      ],
    },
    // Reads "mutex-group" (earlier in the order) and "evaluated-late" (later) without declaring either.
    {
      key: 'undeclared-earlier',
      variants: onOff,
      segments: [{ conditions: [[{ selector: ['result', 'mutex-group', 'key'], op: 'is', values: ['slot-2'] }]], variant: 'on' }, { variant: 'off' }],
    },
    {
      key: 'late-reader',
      variants: onOff,
      segments: [
        { conditions: [[{ selector: ['result', 'evaluated-late', 'key'], op: 'is not', values: ['on'] }]], variant: 'on' },
        { conditions: [[{ selector: ['result', 'not-a-flag', 'key'], op: 'is', values: ['(none)'] }]], variant: 'off' },
      ],
    },
    {
      key: 'cohorts',
      metadata: { flagType: 'release', deliveryMethod: 'feature', trackExposure: true },
      variants: { off: { key: 'off', metadata: { default: true } }, member: { key: 'member', value: 'member' }, outsider: { key: 'outsider', value: 'outsider' }, org: { key: 'org', value: 'org' } },
      segments: [
        { metadata: { segmentName: 'in a or b' }, conditions: [[{ selector: ['context', 'user', 'cohort_ids'], op: 'set contains any', values: [COHORTS[0] as string, COHORTS[1] as string] }]], variant: 'member' },
        { metadata: { segmentName: 'org in c' }, conditions: [[{ selector: ['context', 'groups', 'org', 'cohort_ids'], op: 'set contains any', values: [COHORTS[2] as string] }]], variant: 'org' },
        { metadata: { segmentName: 'not in c' }, conditions: [[{ selector: ['context', 'user', 'cohort_ids'], op: 'set does not contain any', values: [COHORTS[2] as string] }]], variant: 'outsider' },
        { variant: 'off' },
      ],
    },
    // Read by "late-reader" without being declared, and listed last: Amplitude never shows it to that reader.
    {
      key: 'evaluated-late',
      metadata: { flagType: 'release', flagVersion: 1 },
      variants: onOff,
      segments: [{ bucket: split('late', 'on', 'off'), variant: 'off' }],
    },
  ];
}
