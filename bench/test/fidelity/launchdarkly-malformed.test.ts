// What LaunchDarkly answers MALFORMED_FLAG for is malformed only when evaluation reaches it: a rule whose rollout
// has no variations (or that serves neither a variation nor a rollout, or a variation index out of range) answers
// the default with MALFORMED_FLAG when the rule matches, and the rest of the flag serves as usual; a flag without a
// fallthrough answers MALFORMED_FLAG when evaluation falls through; a target, a rollout slice or an off variation out
// of range, for the contexts that reach it. Ensign must answer the same (it used to
// quarantine the whole flag, and a native `launchdarkly` datafile without a fallthrough served nothing with FALLTHROUGH).
import { createClient } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { answer, bothAnswers, DEFAULT, bothClientsFor, ldFlag } from './launchdarkly-harness.js';

const planIs = (plan: string) => ({ contextKind: 'user', attribute: 'plan', op: 'in', values: [plan], negate: false });

const FLAGS = [
  ldFlag('empty-rollout', { rules: [{ id: 'r0', clauses: [planIs('pro')], rollout: { variations: [] } }, { id: 'r1', clauses: [planIs('free')], variation: 2 }], fallthrough: { variation: 1 } }),
  ldFlag('no-serve', { rules: [{ id: 'r0', clauses: [planIs('pro')] }], fallthrough: { variation: 1 } }),
  ldFlag('index-out-of-range', { rules: [{ id: 'r0', clauses: [planIs('pro')], variation: 7 }], fallthrough: { variation: 1 } }),
  ldFlag('no-fallthrough', { fallthrough: undefined, targets: [{ values: ['vip'], variation: 2 }], rules: [{ id: 'r0', clauses: [planIs('free')], variation: 1 }] }),
  ldFlag('empty-fallthrough-rollout', { fallthrough: { rollout: { variations: [] } }, rules: [{ id: 'r0', clauses: [planIs('free')], variation: 2 }] }),
  ldFlag('off-without-fallthrough', { on: false, fallthrough: undefined }),
  ldFlag('target-out-of-range', { targets: [{ values: ['vip'], variation: 8 }], fallthrough: { variation: 1 } }),
  ldFlag('slice-out-of-range', { fallthrough: { rollout: { variations: [{ variation: 0, weight: 50_000 }, { variation: 6, weight: 50_000 }] } } }),
  ldFlag('off-variation-out-of-range', { on: false, offVariation: 4 }),
  ldFlag('healthy', { rules: [{ id: 'r0', clauses: [planIs('pro')], variation: 2 }], fallthrough: { variation: 1 } }),
];
const CONTEXTS = [
  { kind: 'user', key: 'u-pro', plan: 'pro' },
  { kind: 'user', key: 'u-free', plan: 'free' },
  { kind: 'user', key: 'u-other' },
  { kind: 'user', key: 'vip', plan: 'pro' },
  ...Array.from({ length: 12 }, (_, i) => ({ kind: 'user', key: `user-${i}`, plan: i % 2 === 0 ? 'pro' : 'team' })),
];

describe('LaunchDarkly flags malformed where evaluation reaches', () => {
  const clients = bothClientsFor(FLAGS);

  it('answer every context as LaunchDarkly does', async () => {
    const all = await bothAnswers(clients(), FLAGS.map((f) => f['key'] as string), CONTEXTS);
    for (const { label, theirs, ours } of all) expect(ours, label).toEqual(theirs);
    // Both outcomes occur for every broken flag: MALFORMED_FLAG where reached, a variation elsewhere.
    for (const key of ['empty-rollout', 'no-serve', 'index-out-of-range', 'no-fallthrough', 'empty-fallthrough-rollout', 'target-out-of-range', 'slice-out-of-range']) {
      const kinds = new Set(all.filter((a) => a.label.startsWith(`${key} `)).map((a) => a.theirs['errorKind'] ?? a.theirs['kind']));
      expect([...kinds].sort(), key).toContain('MALFORMED_FLAG');
      expect(kinds.size, key).toBeGreaterThan(1);
    }
  });

  it('keep the broken flags loaded (nothing quarantined)', () => {
    expect(clients().ensign.getStatus()).toMatchObject({ quarantined: [] });
  });

  it('answer a native launchdarkly datafile without a fallthrough as LaunchDarkly answers the same flag', async () => {
    const native = createClient({
      datafile: {
        schemaVersion: 1,
        revision: 'r1',
        environment: 'test',
        semantics: 'launchdarkly',
        flags: [{ key: 'no-fallthrough', on: true, variations: [{ key: '0', value: 'a' }, { key: '1', value: 'b' }, { key: '2', value: 'c' }], offVariation: '0', rules: [{ id: 'r0', conditions: { attribute: 'plan', op: 'in', values: ['free'] }, serve: { variation: '1' } }] }],
      },
      events: false,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await native.onReady({ timeout: 5_000 });
    try {
      for (const context of CONTEXTS.filter((c) => c.key !== 'vip')) {
        expect(answer(native.variationDetail('no-fallthrough', context, DEFAULT)), JSON.stringify(context)).toEqual(answer(await clients().ld.variationDetail('no-fallthrough', context, DEFAULT)));
      }
    } finally {
      await native.close();
    }
  });
});
