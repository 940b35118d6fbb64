// Amplitude's selectors index into arrays (`['context', 'user', 'user_properties', 'list', '0']` reads the first
// element), in conditions and in a bucket's selector; Ensign's attribute references do the same under Amplitude
// semantics (`/user_properties/list/0`), and only there: LaunchDarkly's references never index arrays
// (launchdarkly-array-references.test.ts).
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { describe, expect, it } from 'vitest';
import { amplitudeEvaluate, ensignEvaluate, ensignClientFor } from './amplitude-harness.js';

const variants = { off: { key: 'off' }, on: { key: 'on', value: 'on' } };
const when = (selector: string[], op: string, values: string[]): EvaluationFlag['segments'] => [{ conditions: [[{ selector, op, values }]], variant: 'on' }];

const FLAGS: EvaluationFlag[] = [
  { key: 'first-tag', variants, segments: when(['context', 'user', 'user_properties', 'tags', '0'], 'is', ['vip']) },
  { key: 'second-tag-missing', variants, segments: when(['context', 'user', 'user_properties', 'tags', '1'], 'is', ['(none)']) },
  { key: 'nested-object', variants, segments: when(['context', 'user', 'user_properties', 'orders', '1', 'sku'], 'contains', ['book']) },
  { key: 'number-element', variants, segments: when(['context', 'user', 'user_properties', 'scores', '0'], 'greater', ['10']) },
  { key: 'not-an-index', variants, segments: when(['context', 'user', 'user_properties', 'tags', '00'], 'is', ['(none)']) },
  { key: 'group-array', variants, segments: when(['context', 'groups', 'org', 'group_properties', 'regions', '0'], 'is', ['eu']) },
  {
    key: 'bucket-on-element',
    variants,
    segments: [
      {
        bucket: {
          selector: ['context', 'user', 'user_properties', 'ids', '0'],
          salt: 'salt-1',
          allocations: [{ range: [0, 100], distributions: [{ variant: 'on', range: [0, 21474837] }, { variant: 'off', range: [21474837, 42949673] }] }],
        },
        variant: 'off',
      },
    ],
  },
];

const USERS: Record<string, unknown>[] = [
  { user_id: 'u1', user_properties: { tags: ['vip', 'beta'], orders: [{ sku: 'pen' }, { sku: 'bookmark' }], scores: [12], ids: ['a-1'] } },
  { user_id: 'u2', user_properties: { tags: ['beta'], orders: [{ sku: 'book' }], scores: [3, 40], ids: ['b-7', 'x'] } },
  { user_id: 'u3', user_properties: { tags: [], scores: '[11]', ids: 'c-3' }, groups: { org: ['Acme'] }, group_properties: { org: { Acme: { regions: ['eu', 'us'] } } } },
  { user_id: 'u4', user_properties: { tags: { 0: 'vip', '00': 'y' } }, groups: { org: ['Beta'] }, group_properties: { org: { Beta: { regions: ['us'] } } } },
  ...Array.from({ length: 40 }, (_, i) => ({ user_id: `b${i}`, user_properties: { ids: [`id-${i}`], tags: i % 2 === 0 ? ['vip'] : ['x', 'vip'] } })),
];

describe('Amplitude selectors that index into arrays', () => {
  const ensign = ensignClientFor(FLAGS);

  it('give every user the variants Amplitude gives', () => {
    for (const user of USERS) expect(ensignEvaluate(ensign(), user), JSON.stringify(user)).toEqual(amplitudeEvaluate(FLAGS, user));
  });

  it('reach both variants of every flag across the users (the comparison is not vacuous)', () => {
    for (const flag of FLAGS) {
      const served = new Set(USERS.map((u) => amplitudeEvaluate(FLAGS, u)[flag.key]?.key ?? '-'));
      expect(served.size, flag.key).toBeGreaterThan(1);
    }
  });
});
