// Amplitude configuration 1: one flag per condition operator, on top-level user fields, on user_properties (nested
// too), on groups; values with "(none)", booleans, numbers as strings, versions, lists; then a bucketed catch-all.
import type { EvaluationFlag } from '@amplitude/experiment-core';

const END = 42_949_673;

function flag(key: string, selector: string[], op: string, values: string[]): EvaluationFlag {
  return {
    key,
    metadata: { deployed: true, evaluationMode: 'local', flagType: 'release', flagVersion: 3 },
    variants: {
      off: { key: 'off', metadata: { default: true } },
      on: { key: 'on', value: 'on', payload: { color: 'green', sizes: [1, 2] } },
      other: { key: 'other', value: { json: true } },
    },
    segments: [
      { metadata: { segmentName: 'matching' }, conditions: [[{ selector, op, values }]], variant: 'on' },
      {
        metadata: { segmentName: 'All Other Users' },
        bucket: { selector: ['context', 'user', 'device_id'], salt: `salt-${key}`, allocations: [{ range: [0, 100], distributions: [{ variant: 'other', range: [0, 21_474_837] }, { variant: 'off', range: [21_474_837, END] }] }] },
        variant: 'off',
      },
    ],
  };
}

const user = (...path: string[]): string[] => ['context', 'user', ...path];
const props = (...path: string[]): string[] => user('user_properties', ...path);
const org = (...path: string[]): string[] => ['context', 'groups', 'org', ...path];

const CASES: [string[], string, string[]][] = [
  [user('country'), 'is', ['United States', 'Canada']],
  [user('country'), 'is not', ['Germany', '(none)']],
  [props('plan'), 'is', ['pro', '(none)']],
  [props('beta'), 'is', ['true']],
  [props('beta'), 'is not', ['FALSE']],
  [props('email'), 'contains', ['example', '@TEST']],
  [props('email'), 'does not contain', ['example']],
  [props('age'), 'less', ['18']],
  [props('age'), 'less or equal', ['18', 'abc']],
  [props('age'), 'greater', ['20.5']],
  [props('age'), 'greater or equal', ['21', '(none)']],
  [user('version'), 'version less', ['1.2.3']],
  [props('app_version'), 'version less or equal', ['1.2']],
  [user('version'), 'version greater', ['1.2.3-alpha']],
  [props('app_version'), 'version greater or equal', ['1.10.0', 'x']],
  [props('tags'), 'set is', ['a', 'b']],
  [props('tags'), 'set is not', ['a', 'b']],
  [props('tags'), 'set contains', ['a']],
  [props('tags'), 'set does not contain', ['a', 'c']],
  [props('tags'), 'set contains any', ['b', 'c']],
  [props('tags'), 'set does not contain any', ['b', '(none)']],
  [props('email'), 'regex match', ['^[a-c][a-z]*@', 'ORG$']],
  [props('email'), 'regex does not match', ['example\\.com$']],
  [props('tags'), 'is', ['a']],
  [props('team'), 'is', ['7', '{"a":1}']],
  [props('address', 'city'), 'is', ['Zürich', 'Paris']],
  [org('group_properties', 'tier'), 'is', ['gold']],
  [org('group_properties', 'seats'), 'greater', ['50']],
  [org('group_name'), 'is not', ['acme']],
  [user('language'), 'starts with', ['en']],
];

/** The flags of configuration 1. */
export function operatorFlags(): EvaluationFlag[] {
  return CASES.map(([selector, op, values], i) => flag(`op-${i}-${op.replace(/ /g, '-')}`, selector, op, values));
}
