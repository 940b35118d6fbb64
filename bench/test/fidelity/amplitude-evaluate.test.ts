// What `evaluate` returns, against Amplitude's `evaluateV2`: every variant has `metadata` (`{}` when neither the flag,
// the segment nor the variant has any: Amplitude's engine merges them into a new object), and `evaluate(user,
// flagKeys)` also returns the flags those keys declare as dependencies (transitively), as `topologicalSort` lists
// them. `stop()` is Amplitude's name for `close()`.
import type { EvaluationFlag } from '@amplitude/experiment-core';
import { describe, expect, it } from 'vitest';
import { amplitudeEvaluate, ensignClientFor, ensignEvaluate, ensignOnAmplitude } from './amplitude-harness.js';

const plain = { off: { key: 'off' }, on: { key: 'on', value: 'on' } };
const isOn = (flag: string) => ({ selector: ['result', flag, 'key'], op: 'is', values: ['on'] });

const FLAGS: EvaluationFlag[] = [
  // No metadata anywhere.
  { key: 'bare', variants: plain, segments: [{ variant: 'on' }] },
  { key: 'bare-bucket', variants: plain, segments: [{ bucket: { selector: ['context', 'user', 'user_id'], salt: 's', allocations: [{ range: [0, 100], distributions: [{ variant: 'on', range: [0, 42949673] }] }] }, variant: 'off' }] },
  // Metadata on one level only, then on all three.
  { key: 'segment-meta', variants: plain, segments: [{ metadata: { segmentName: 'everyone' }, variant: 'on' }] },
  { key: 'all-meta', metadata: { flagType: 'experiment', experimentKey: 'exp-1' }, variants: { on: { key: 'on', value: 'on', metadata: { payloadKind: 'x' } } }, segments: [{ metadata: { segmentName: 's' }, variant: 'on' }] },
  // A chain of declared dependencies: holdout ← gate ← feature; `unrelated` depends on nothing.
  { key: 'holdout', variants: plain, segments: [{ conditions: [[{ selector: ['context', 'user', 'country'], op: 'is', values: ['FR'] }]], variant: 'off' }, { variant: 'on' }] },
  { key: 'gate', dependencies: ['holdout'], variants: plain, segments: [{ conditions: [[isOn('holdout')]], variant: 'on' }] },
  { key: 'feature', dependencies: ['gate', 'missing-flag'], variants: plain, segments: [{ conditions: [[isOn('gate')]], variant: 'on' }, { variant: 'off' }] },
  { key: 'unrelated', variants: plain, segments: [{ variant: 'on' }] },
];

const USERS: Record<string, unknown>[] = [{ user_id: 'u1', country: 'FR' }, { user_id: 'u2', country: 'US' }, { device_id: 'd3' }];

describe('Amplitude evaluate', () => {
  const ensign = ensignClientFor(FLAGS);

  it('gives every variant the metadata Amplitude gives, {} when there is none', () => {
    for (const user of USERS) {
      const theirs = amplitudeEvaluate(FLAGS, user);
      expect(theirs['bare']?.metadata).toEqual({});
      expect(ensignEvaluate(ensign(), user)).toEqual(theirs);
    }
  });

  it.each([[['feature']], [['gate']], [['feature', 'unrelated']], [['unrelated', 'bare']], [['holdout']], [['no-such-flag', 'gate']]])(
    'returns what evaluateV2 returns for flagKeys %j (the dependencies too)',
    (keys) => {
      for (const user of USERS) expect(ensignEvaluate(ensign(), user, keys), JSON.stringify(user)).toEqual(amplitudeEvaluate(FLAGS, user, keys));
    },
  );

  it('returns the dependencies in the order Amplitude evaluates them', () => {
    const user = USERS[1] as Record<string, unknown>;
    expect(Object.keys(ensignEvaluate(ensign(), user, ['feature']))).toEqual(Object.keys(amplitudeEvaluate(FLAGS, user, ['feature'])));
  });
});

describe('stop()', () => {
  it('is close() under Amplitude\'s name: it resolves and the client records nothing afterwards', async () => {
    const { client } = await ensignOnAmplitude(FLAGS);
    const stopped = await client.stop();
    expect(stopped).toEqual(await client.close());
    expect(client.getStatus()).toMatchObject({ closed: true });
  });
});
