// A variation whose value is null, as LaunchDarkly 9's Node SDK answers it (checked side by side with
// @launchdarkly/node-server-sdk): `variationDetail` keeps the null and its index; a typed call answers WRONG_TYPE.
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';

const datafile = {
  schemaVersion: 1, revision: 'n1', environment: 'test', semantics: 'launchdarkly',
  flags: [{ key: 'f', on: true, variations: [{ key: 'nothing', value: null }, { key: 'yes', value: true }], fallthrough: { variation: 'nothing' }, offVariation: 'nothing' }],
};

describe('a served null (LaunchDarkly face)', () => {
  it('stays null with its variation index for variation and variationDetail', () => {
    const client = createClient({ datafile });
    const ctx = { kind: 'user', key: 'u' };
    expect(client.variationDetail('f', ctx, 'default')).toMatchObject({ value: null, variationIndex: 0, reason: { kind: 'FALLTHROUGH' } });
    expect(client.variation('f', ctx, 'default')).toBeNull();
  });

  it('answers the default with WRONG_TYPE from a typed call', () => {
    const client = createClient({ datafile });
    expect(client.boolVariationDetail('f', { kind: 'user', key: 'u' }, false)).toMatchObject({ value: false, variationIndex: null, reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' } });
    expect(client.boolVariation('f', { kind: 'user', key: 'u' }, false)).toBe(false);
  });
});
