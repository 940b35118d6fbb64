// Configs Amplitude still serves although part of them is broken or cannot be expressed in Ensign: an invalid
// regex, a group type that is not a valid context kind (`"org id"`), a variant stored under a name other than its
// key. Amplitude serves every other flag (and a variant under its own key); in Ensign only the affected condition
// may fail, never the rest of the flag or of the datafile.
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { describe, expect, it } from 'vitest';
import { amplitudeEvaluate, ensignEvaluate, ensignClientFor } from './amplitude-harness.js';

const variants = { off: { key: 'off' }, on: { key: 'on', value: 'on' } };

const HEALTHY: EvaluationFlag[] = [
  { key: 'plan', variants, segments: [{ conditions: [[{ selector: ['context', 'user', 'user_properties', 'plan'], op: 'is', values: ['pro'] }]], variant: 'on' }, { variant: 'off' }] },
  { key: 'org', variants, segments: [{ conditions: [[{ selector: ['context', 'groups', 'org', 'group_name'], op: 'is', values: ['Acme'] }]], variant: 'on' }] },
];
const BAD_REGEX: EvaluationFlag = {
  key: 'bad-regex',
  variants,
  segments: [{ conditions: [[{ selector: ['context', 'user', 'user_properties', 'email'], op: 'regex match', values: ['(unclosed'] }]], variant: 'on' }, { variant: 'off' }],
};
const ORG_ID: EvaluationFlag = {
  key: 'org-id',
  variants,
  segments: [{ conditions: [[{ selector: ['context', 'groups', 'org id', 'group_name'], op: 'is', values: ['Acme'] }]], variant: 'on' }, { variant: 'off' }],
};
// Stored as `treatment` / `control`, reported by Amplitude as `on` / `off`; a flag reads its result by the reported key.
const RENAMED: EvaluationFlag = {
  key: 'renamed',
  variants: { control: { key: 'off', value: 'c' }, treatment: { key: 'on', value: 't', payload: { n: 1 } } },
  segments: [{ conditions: [[{ selector: ['context', 'user', 'user_properties', 'plan'], op: 'is', values: ['pro'] }]], variant: 'treatment' }, { variant: 'control' }],
};
const READS_RENAMED: EvaluationFlag = {
  key: 'reads-renamed',
  dependencies: ['renamed'],
  variants,
  segments: [{ conditions: [[{ selector: ['result', 'renamed', 'key'], op: 'is', values: ['on'] }]], variant: 'on' }],
};
const FLAGS = [...HEALTHY, BAD_REGEX, ORG_ID, RENAMED, READS_RENAMED];

const users = (extra: Record<string, unknown>): Record<string, unknown>[] => [
  { user_id: 'u1', user_properties: { plan: 'pro' }, groups: { org: ['Acme'] }, ...extra },
  { user_id: 'u2', user_properties: { plan: 'free' }, ...extra },
  { device_id: 'd3', groups: { org: ['Other'], 'org id': ['Acme'] }, ...extra },
];

describe('Amplitude configs with a broken or inexpressible part', () => {
  const ensign = ensignClientFor(FLAGS);

  it('load without quarantining anything', () => {
    expect(ensign().getStatus()).toMatchObject({ quarantined: [] });
  });

  it('report a variant under its own key, as Amplitude does, and other flags read that key', () => {
    for (const user of users({})) {
      const theirs = amplitudeEvaluate(FLAGS, user);
      const ours = ensignEvaluate(ensign(), user);
      for (const key of ['renamed', 'reads-renamed']) expect(ours[key], `${key} ${JSON.stringify(user)}`).toEqual(theirs[key]);
    }
    expect(ensignEvaluate(ensign(), { user_id: 'u1', user_properties: { plan: 'pro' } }, ['renamed'])['renamed']).toEqual({ key: 'on', value: 't', payload: { n: 1 }, metadata: {} });
  });

  it('serve every flag as Amplitude does for users the invalid regex is not reached for', () => {
    for (const user of users({})) {
      const theirs = amplitudeEvaluate(FLAGS, user);
      const ours = ensignEvaluate(ensign(), user);
      for (const flag of FLAGS.filter((f) => f !== ORG_ID)) expect(ours[flag.key], `${flag.key} ${JSON.stringify(user)}`).toEqual(theirs[flag.key]);
    }
  });

  it('fail only the regex condition where Amplitude reaches it (its whole evaluation throws there)', () => {
    for (const user of users({ user_properties: { plan: 'pro', email: 'a@b.c' } })) {
      expect(() => amplitudeEvaluate(FLAGS, user)).toThrow(/Invalid regular expression/);
      // The rest is what Amplitude serves without the broken flag; the broken flag skips the condition's segment.
      const theirs = amplitudeEvaluate(FLAGS.filter((f) => f !== BAD_REGEX && f !== ORG_ID), user);
      const ours = ensignEvaluate(ensign(), user);
      expect(ours['bad-regex']).toEqual({ key: 'off', metadata: {} });
      for (const key of Object.keys(theirs)) expect(ours[key], key).toEqual(theirs[key]);
    }
  });

  it('fail only the condition on the "org id" group: it reads nothing, as if the user had no such group', () => {
    for (const user of users({})) {
      const withoutGroup = { ...user, groups: { ...((user['groups'] as object | undefined) ?? {}), 'org id': undefined } };
      expect(ensignEvaluate(ensign(), user)['org-id']).toEqual(amplitudeEvaluate([ORG_ID], withoutGroup)['org-id']);
    }
    // Where Amplitude matches the group, Ensign cannot: the one difference, confined to that condition.
    expect(amplitudeEvaluate([ORG_ID], users({})[2] as Record<string, unknown>)['org-id']?.key).toBe('on');
    expect(ensignEvaluate(ensign(), users({})[2] as Record<string, unknown>)['org-id']?.key).toBe('off');
  });
});
