import { describe, expect, it } from 'vitest';
import { generateContexts } from './contexts.js';
import { compare, describeMismatches } from './differential.js';
import { rolloutsPayload } from './configs-rollouts.js';

const payload = rolloutsPayload();
const keys = Object.keys(payload.flags);
const experiments = keys.filter((k) => k.startsWith('experiment') || k === 'rules-with-rollouts');
const rollouts = keys.filter((k) => !experiments.includes(k));

describe('LaunchDarkly rollouts and experiments, against the LaunchDarkly Node server SDK', () => {
  it('buckets 10 000 generated contexts into the same variation for every percentage rollout', async () => {
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 21), rollouts);
    expect(describeMismatches(payload, mismatches)).toBe('');
    // Every rollout spreads contexts over more than one variation.
    for (const flag of rollouts) expect([...seen.keys()].filter((l) => l.startsWith(`${flag}:`)).length + 1).toBeGreaterThan(1);
  }, 60_000);

  it('buckets 10 000 generated contexts into the same variation, with the same inExperiment, for every experiment', async () => {
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 22), experiments);
    expect(describeMismatches(payload, mismatches)).toBe('');
    const labels = [...seen.keys()];
    // In the experiment, left out by an untracked slice, and left out for lack of the rollout's context kind.
    for (const label of ['experiment:FALLTHROUGH+exp', 'experiment:FALLTHROUGH', 'experiment-org:FALLTHROUGH+exp', 'experiment-org:FALLTHROUGH', 'rules-with-rollouts:RULE_MATCH#0+exp', 'rules-with-rollouts:RULE_MATCH#1']) {
      expect(labels).toContain(label);
    }
  }, 60_000);
});
