// Datafile details of LaunchDarkly semantics, against LaunchDarkly's SDK: rules without ids are valid (their reasons
// carry no ruleId); a rollout's `bucketBy` without `contextKind` is a literal attribute name, even one starting with
// `/` (docs/datafile.md says so: no escaping); attribute references never index into arrays (`/list/0` reads a
// property named `0` of an object only), unlike Amplitude's selectors (amplitude-array-selectors.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDatafile } from '@ensign/datafile-schema';
import { importLaunchDarkly } from '@ensign/importers/launchdarkly';
import { bothAnswers, bothClientsFor, ldFlag } from './launchdarkly-harness.js';

const planIs = (plan: string) => ({ contextKind: 'user', attribute: 'plan', op: 'in', values: [plan], negate: false });
const slices = [{ variation: 0, weight: 33_000 }, { variation: 1, weight: 33_000 }, { variation: 2, weight: 34_000 }];

const FLAGS = [
  ldFlag('rules-without-ids', { rules: [{ clauses: [planIs('pro')], variation: 1 }, { id: 'second', clauses: [planIs('free')], variation: 2 }, { clauses: [planIs('team')], rollout: { variations: slices } }] }),
  ldFlag('literal-bucket-by', { fallthrough: { rollout: { bucketBy: '/team', variations: slices } } }),
  ldFlag('reference-bucket-by', { fallthrough: { rollout: { contextKind: 'user', bucketBy: '/team', variations: slices } } }),
  ldFlag('array-reference', { rules: [{ id: 'r0', clauses: [{ contextKind: 'user', attribute: '/tags/0', op: 'in', values: ['vip'], negate: false }], variation: 1 }] }),
  ldFlag('array-bucket-by', { fallthrough: { rollout: { contextKind: 'user', bucketBy: '/ids/0', variations: slices } } }),
];

const CONTEXTS = Array.from({ length: 60 }, (_, i) => ({
  kind: 'user',
  key: `user-${i}`,
  plan: ['pro', 'free', 'team', 'none'][i % 4],
  '/team': `literal-${i % 17}`,
  team: `nested-${i % 13}`,
  tags: i % 3 === 0 ? ['vip'] : { 0: 'vip' },
  ids: [`id-${i}`],
}));

describe('LaunchDarkly semantics of the datafile', () => {
  const clients = bothClientsFor(FLAGS);

  it('answers every flag as LaunchDarkly does', async () => {
    for (const { label, theirs, ours } of await bothAnswers(clients(), FLAGS.map((f) => f['key'] as string), CONTEXTS)) expect(ours, label).toEqual(theirs);
  });

  it('keeps rules without ids valid: the imported datafile parses with no issue about them, and their reasons carry no ruleId', async () => {
    const imported = importLaunchDarkly({ flags: { [FLAGS[0]?.['key'] as string]: FLAGS[0] }, segments: {} } as never);
    if (!imported.ok) throw new Error('import failed');
    const parsed = parseDatafile(imported.datafile);
    expect(parsed.ok && parsed.quarantined).toEqual([]);
    expect(parsed.warnings.filter((w) => /\bid\b/.test(w.message))).toEqual([]);
    const reasons = (await bothAnswers(clients(), ['rules-without-ids'], CONTEXTS.slice(0, 4))).map((a) => a.theirs);
    expect(reasons.filter((r) => r['kind'] === 'RULE_MATCH' && r['ruleId'] === undefined).length).toBe(2);
  });

  it('buckets a literal bucketBy and a reference bucketBy differently (the comparison is not vacuous)', async () => {
    const answers = await bothAnswers(clients(), ['literal-bucket-by', 'reference-bucket-by'], CONTEXTS);
    const literal = answers.filter((a) => a.label.startsWith('literal')).map((a) => a.theirs['variationIndex']);
    const reference = answers.filter((a) => a.label.startsWith('reference')).map((a) => a.theirs['variationIndex']);
    expect(literal).not.toEqual(reference);
  });

  it('documents a literal bucketBy as read as is, with no escaping', () => {
    const doc = readFileSync(new URL('../../../docs/datafile.md', import.meta.url), 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `bucketBy` without `contextKind`'));
    expect(row).toMatch(/as is, no escaping/);
    expect(doc).not.toMatch(/escape[sd]? (a|the) literal `?bucketBy/i);
  });
});
