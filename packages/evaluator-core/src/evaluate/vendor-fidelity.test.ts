// Vendor behaviours decided at compile time: Amplitude's selectors index into arrays (LaunchDarkly's references do
// not); LaunchDarkly answers MALFORMED_FLAG when evaluation reaches an empty rollout or a missing fallthrough (the
// others serve nothing there); a legacy user with an empty key is evaluated.
import { validateContext } from '@ensign/context';
import type { Condition, Semantics } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { evaluateFlag } from './evaluate-flag.js';

const onWhen = (conditions: Condition) => boolFlag('f', { rules: [{ id: 'r', conditions, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } });

describe('attribute references into arrays', () => {
  const context = user('u', { tags: ['vip', 'beta'], orders: [{ sku: 'book' }], map: { 0: 'vip' } });
  const served = (semantics: Semantics, attribute: string, value: string) => evaluateFlag(compile([onWhen({ attribute, op: 'in', values: [value] })], { semantics }), context, 'f').value;

  it('read an element by index under amplitude semantics, nested objects too', () => {
    expect(served('amplitude', '/tags/1', 'beta')).toBe(true);
    expect(served('amplitude', '/orders/0/sku', 'book')).toBe(true);
    expect(served('amplitude', '/tags/2', 'beta')).toBe(false);
    expect(served('amplitude', '/tags/01', 'beta')).toBe(false);
  });

  it('never index an array under launchdarkly or ensign semantics (objects with numeric names still read)', () => {
    for (const semantics of ['launchdarkly', 'ensign'] as const) {
      expect(served(semantics, '/tags/0', 'vip')).toBe(false);
      expect(served(semantics, '/map/0', 'vip')).toBe(true);
    }
  });

  it('bucket an amplitude rollout on an array element', () => {
    const rollout = (bucketBy: string) =>
      boolFlag('f', { fallthrough: { rollout: { bucketing: { hash: 'amplitude', salt: 's', bucketBy }, variations: [{ variation: 'on', weight: 42_949_673 }] } } });
    expect(evaluateFlag(compile([rollout('/ids/0')], { semantics: 'amplitude' }), user('u', { ids: ['a'] }), 'f').value).toBe(true);
    expect(evaluateFlag(compile([rollout('/ids/1')], { semantics: 'amplitude' }), user('u', { ids: ['a'] }), 'f').variationIndex).toBeNull();
  });
});

describe('what LaunchDarkly answers MALFORMED_FLAG for when reached', () => {
  const emptyRollout = { rollout: { bucketing: { hash: 'launchdarkly' as const }, variations: [] } };

  it('a rule serving a rollout with no variations: MALFORMED_FLAG when it matches, the fallthrough otherwise', () => {
    const flag = boolFlag('f', { rules: [{ id: 'r', conditions: { attribute: 'plan', op: 'in', values: ['pro'] }, serve: emptyRollout }], fallthrough: { variation: 'off' } });
    const compiled = compile([flag], { semantics: 'launchdarkly' });
    expect(evaluateFlag(compiled, user('u', { plan: 'pro' }), 'f').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
    expect(evaluateFlag(compiled, user('u', { plan: 'free' }), 'f').reason).toEqual({ kind: 'FALLTHROUGH' });
  });

  it('a missing fallthrough: MALFORMED_FLAG under launchdarkly semantics, nothing served under the others', () => {
    const flag = boolFlag('f', { rules: [{ id: 'r', conditions: { attribute: 'plan', op: 'in', values: ['pro'] }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([flag], { semantics: 'launchdarkly' }), user('u', { plan: 'pro' }), 'f').value).toBe(true);
    expect(evaluateFlag(compile([flag], { semantics: 'launchdarkly' }), user('u'), 'f').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
    const ensign = evaluateFlag(compile([flag]), user('u'), 'f');
    expect(ensign.reason).toEqual({ kind: 'FALLTHROUGH' });
    expect(ensign.variationIndex).toBeNull();
  });
});

describe('contexts with an empty key', () => {
  const compiled = compile([boolFlag('f', { fallthrough: { variation: 'on' } })]);

  it('are evaluated when validateContext made them from a legacy user', () => {
    const legacy = validateContext({ key: '' });
    if (!legacy.ok) throw new Error(legacy.error);
    expect(evaluateFlag(compiled, legacy.context, 'f').value).toBe(true);
  });
});
