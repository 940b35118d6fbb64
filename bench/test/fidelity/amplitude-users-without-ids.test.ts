// Amplitude evaluates a user with neither `user_id` nor `device_id`: segments without conditions serve it, conditions
// on missing properties answer as for any missing value, and a bucket whose selector reads nothing gives the
// segment's variant. Ensign's Amplitude face must answer the same (it used to answer `{}`).
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { describe, expect, it } from 'vitest';
import { amplitudeEvaluate, ensignEvaluate, ensignClientFor } from './amplitude-harness.js';

const variants = { off: { key: 'off', metadata: { default: true } }, on: { key: 'on', value: 'on' }, beta: { key: 'beta', value: { tier: 2 } } };

const FLAGS: EvaluationFlag[] = [
  { key: 'everyone', metadata: { flagType: 'release' }, variants, segments: [{ metadata: { segmentName: 'All Other Users' }, variant: 'on' }] },
  {
    key: 'by-country',
    variants,
    segments: [
      { conditions: [[{ selector: ['context', 'user', 'country'], op: 'is', values: ['FR'] }]], variant: 'beta' },
      { conditions: [[{ selector: ['context', 'user', 'user_id'], op: 'is', values: ['(none)'] }]], variant: 'on' },
      { variant: 'off' },
    ],
  },
  {
    key: 'bucketed',
    variants,
    segments: [
      {
        bucket: { selector: ['context', 'user', 'user_id'], salt: 'abc', allocations: [{ range: [0, 100], distributions: [{ variant: 'beta', range: [0, 42949673] }] }] },
        variant: 'off',
      },
    ],
  },
  { key: 'by-device', variants, segments: [{ conditions: [[{ selector: ['context', 'user', 'device_id'], op: 'is not', values: ['d-1'] }]], variant: 'on' }] },
];

const USERS: Record<string, unknown>[] = [
  {},
  { country: 'FR' },
  { country: 'DE', user_properties: { plan: 'pro' } },
  { user_id: '', device_id: '' },
  { groups: { org: ['Acme'] }, group_properties: { org: { Acme: { size: 3 } } } },
  // With an id, for contrast: the bucket hashes it.
  { user_id: 'user-1' },
];

describe('an Amplitude user without user_id and device_id', () => {
  const ensign = ensignClientFor(FLAGS);

  it.each(USERS.map((u) => [JSON.stringify(u), u] as const))('gets the variants Amplitude gives %s (every flag)', (_label, user) => {
    const theirs = amplitudeEvaluate(FLAGS, user);
    expect(Object.keys(theirs).length).toBeGreaterThan(0);
    expect(ensignEvaluate(ensign(), user)).toEqual(theirs);
  });

  it.each(FLAGS.map((f) => [f.key] as const))('gets what Amplitude gives when asked for %s alone', (key) => {
    for (const user of USERS) expect(ensignEvaluate(ensign(), user, [key]), JSON.stringify(user)).toEqual(amplitudeEvaluate(FLAGS, user, [key]));
  });
});
