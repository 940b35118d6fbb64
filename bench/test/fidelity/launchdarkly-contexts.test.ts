// Contexts LaunchDarkly's Node SDK (v9) evaluates although they are odd: a legacy user with an empty key (only
// legacy users may have one), a `name` that is not a string (kept as it is: clauses compare it by type), an
// `anonymous` that is not a boolean (read as its truthiness), a nested context that carries its own `kind`
// (ignored), a kind named `multi` inside a multi-kind context. Ensign evaluates each as LaunchDarkly does, with a
// warning (it used to answer USER_NOT_SPECIFIED); contexts LaunchDarkly rejects stay rejected.
import { describe, expect, it } from 'vitest';
import { bothAnswers, bothClientsFor, ldFlag } from './launchdarkly-harness.js';

const clause = (attribute: string, values: unknown[], contextKind = 'user') => ({ contextKind, attribute, op: 'in', values, negate: false });
const rule = (id: string, variation: number, ...clauses: unknown[]) => ({ id, clauses, variation });
const halves = { rollout: { variations: [{ variation: 1, weight: 50_000 }, { variation: 2, weight: 50_000 }] } };

const FLAGS = [
  ldFlag('by-key', { targets: [{ values: [''], variation: 2 }], rules: [rule('r0', 1, clause('key', ['', 'u']))] }),
  ldFlag('rollout', { fallthrough: halves }),
  ldFlag('by-name', { rules: [rule('r-num', 1, clause('name', [5])), rule('r-text', 2, clause('name', ['5']))] }),
  ldFlag('by-anonymous', { rules: [rule('r-true', 1, clause('anonymous', [true])), rule('r-yes', 2, clause('anonymous', ['yes']))] }),
  ldFlag('by-org', { rules: [rule('r-org', 1, clause('key', ['o'], 'org'))], fallthrough: { variation: 2 } }),
  ldFlag('by-kind', { rules: [rule('r-kind', 1, clause('kind', ['org'], 'org'))] }),
];

const ACCEPTED: Record<string, unknown>[] = [
  { key: '' },
  { key: '', name: 'Ann', custom: { plan: 'pro' } },
  { key: 'u', name: 5 },
  { key: 42 },
  { key: true, name: false },
  { key: 'u', anonymous: 'yes' },
  { kind: 'user', key: 'u', name: 5 },
  { kind: 'user', key: 'u', name: { first: 'A' } },
  { kind: 'user', key: 'u', anonymous: 'yes' },
  { kind: 'user', key: 'u', anonymous: 0 },
  { kind: 'multi', user: { key: 'u' }, org: { kind: 'multi', key: 'o' } },
  { kind: 'multi', user: { key: 'u', kind: 'org' }, org: { key: 'o', name: 7, anonymous: 1 } },
  { kind: 'multi', multi: { key: 'm' }, user: { key: 'u' }, org: { key: 'o' } },
];
const REJECTED: unknown[] = [{ kind: 'user', key: '' }, { kind: 'multi', user: { key: '' }, org: { key: 'o' } }, { key: null }, {}];

describe('odd contexts LaunchDarkly evaluates', () => {
  const clients = bothClientsFor(FLAGS);

  it.each(ACCEPTED.map((c) => [JSON.stringify(c), c] as const))('evaluates %s as LaunchDarkly does', async (_label, context) => {
    const all = await bothAnswers(clients(), FLAGS.map((f) => f['key'] as string), [context]);
    for (const { label, theirs, ours } of all) expect(ours, label).toEqual(theirs);
    expect(all.some((a) => a.theirs['kind'] === 'ERROR')).toBe(false);
  });

  it('warns about the odd parts it accepted', () => {
    const text = clients().logged.warnings.join('\n');
    expect(text).toMatch(/name should be a string, got a number/);
    expect(text).toMatch(/anonymous should be a boolean, got a string: read as true/);
    expect(text).toMatch(/its "kind" property \("multi"\) was removed/);
    expect(text).toMatch(/a kind named "multi" cannot be targeted/);
  });

  it.each(REJECTED.map((c) => [JSON.stringify(c), c] as const))('answers USER_NOT_SPECIFIED for %s, as LaunchDarkly does', async (_label, context) => {
    for (const { label, theirs, ours } of await bothAnswers(clients(), ['by-key'], [context])) {
      expect(theirs['errorKind'], label).toBe('USER_NOT_SPECIFIED');
      expect(ours, label).toEqual(theirs);
    }
  });
});
