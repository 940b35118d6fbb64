// Attribute names that are built-ins of a context (`key`, `kind`, `name`, `anonymous`, `_meta`, and `~`-prefixed
// names, which the conversion escapes) are ordinary attributes for Optimizely: audiences on them decide as
// Optimizely's SDK does, whatever the value's type, and the user's own attribute is read, never the context's key.
import { OptimizelyDecideOption } from '@optimizely/optimizely-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datafile, leaf, probeFlag } from '../../../packages/importers/test/optimizely/builders.js';
import { answerOf, openPair, type Pair } from './optimizely-pair.js';

const NAMES = ['key', 'kind', 'name', 'anonymous', '_meta', '~tilde'] as const;

// Per name: exact string, exact number, exact boolean, exists, gt, substring.
const probes = NAMES.flatMap((name, i) => [
  [`${i * 10 + 1}`, `${name}-is-abc`, leaf(name, 'exact', 'abc')],
  [`${i * 10 + 2}`, `${name}-is-42`, leaf(name, 'exact', 42)],
  [`${i * 10 + 3}`, `${name}-is-true`, leaf(name, 'exact', true)],
  [`${i * 10 + 4}`, `${name}-exists`, leaf(name, 'exists', null)],
  [`${i * 10 + 5}`, `${name}-gt-10`, leaf(name, 'gt', 10)],
  [`${i * 10 + 6}`, `${name}-has-user`, leaf(name, 'substring', 'user')],
] as const);

const flags = probes.map(([id, key], n) => probeFlag(n, key, ['or', id]));

const config = datafile({
  attributes: NAMES.map((key, i) => ({ id: String(990 + i), key })),
  audiences: probes.map(([id, key, condition]) => ({ id, name: key, conditions: JSON.stringify(['or', condition]) })),
  experiments: flags.flatMap((f) => f.experiments),
  rollouts: flags.map((f) => f.rollout),
  featureFlags: flags.map((f) => f.flag),
});

const VALUES: readonly unknown[] = ['abc', 42, 7, true, false, 'user-1', null, { nested: 1 }, ['a']];

describe('attributes named as context built-ins', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await openPair(config);
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('decide as Optimizely on every probe, for every value type', () => {
    const options = [OptimizelyDecideOption.INCLUDE_REASONS, OptimizelyDecideOption.DISABLE_DECISION_EVENT];
    const outcomes = new Set<string>();
    let n = 0;
    for (const name of NAMES) {
      for (const value of VALUES) {
        // The user id 'user-1' would match `key` substring "user" if the condition read the context's key.
        for (const attributes of [{ [name]: value }, { [name]: value, plan: 'pro' }, {}]) {
          const id = `user-${n++ % 3}`;
          const theirs = pair.vendor.createUserContext(id, attributes as never);
          const ours = pair.ensign.createUserContext(id, attributes);
          for (const [, key] of probes) {
            const expected = answerOf(theirs.decide(key, options));
            outcomes.add(`${key}:${expected['variationKey']}`);
            expect({ key, attributes, decision: answerOf(ours.decide(key, options as never)) }).toEqual({ key, attributes, decision: expected });
          }
        }
      }
    }
    // Every probe was decided "yes" for some user and "no" or "unknown" for others.
    for (const [, key] of probes) expect(outcomes.has(`${key}:yes`), key).toBe(true);
  });

  it('gives back the attributes as they were given', () => {
    const attributes = { key: 'k', kind: 'org', name: 42, anonymous: 'yes', _meta: { a: 1 }, '~tilde': 1 };
    const ours = pair.ensign.createUserContext('user-1', attributes);
    expect(ours.getAttributes()).toEqual(pair.vendor.createUserContext('user-1', attributes as never).getAttributes());
    expect(ours.decide('name-is-42').userContext.attributes).toEqual(attributes);
  });
});
