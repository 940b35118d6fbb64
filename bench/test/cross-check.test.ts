// The correctness cross-check behind the benchmark: every implementation decides the same flags the same way for
// the same 1 000 users. The rule branch must agree everywhere; rollout halves agree only where the hash is the same
// (Ensign's datafile written in a vendor's hash mode must put every user in that vendor's half).
import { describe, expect, it } from 'vitest';
import { ensignDecisions } from '../src/ensign/evaluator.js';
import type { BenchHashMode } from '../src/ensign/datafile.js';
import { loadSubject } from '../src/subjects.js';
import { FLAG_COUNT, ruleMatches, type Decision } from '../src/workload/spec.js';
import { userCountry, userId, userPlan } from '../src/workload/users.js';

const USERS = 1_000;

interface Case {
  n: number;
  flag: number;
  id: string;
  country: string;
  plan: string;
}

// Each user meets a different flag, so all 100 flags (and their salts) are exercised.
const CASES: Case[] = Array.from({ length: USERS }, (_, n) => ({ n, flag: (n * 7) % FLAG_COUNT, id: userId(n), country: userCountry(n), plan: userPlan(n) }));

async function decisionsOf(subject: string): Promise<Decision[]> {
  const s = await loadSubject(subject);
  if (!s.decisions) throw new Error(`${subject} offers no decisions`);
  const d = await s.decisions();
  try {
    const out: Decision[] = [];
    for (const c of CASES) out.push(await d.decide(c.flag, c.id, c.country, c.plan));
    return out;
  } finally {
    await d.close();
  }
}

function expectRuleBranchEverywhere(decisions: readonly Decision[]): void {
  const wrong = CASES.filter((c, i) => {
    const d = decisions[i] as Decision;
    return ruleMatches(c.country, c.plan) ? d.branch !== 'rule' || d.variation !== 'on' : d.branch !== 'rollout' || d.variation === null;
  });
  expect(wrong.map((c) => `${c.id} ${c.country}/${c.plan} flag-${c.flag}`)).toEqual([]);
}

function halves(decisions: readonly Decision[]): { on: number; off: number } {
  const rollout = decisions.filter((d) => d.branch === 'rollout');
  return { on: rollout.filter((d) => d.variation === 'on').length, off: rollout.filter((d) => d.variation === 'off').length };
}

describe('the cross-check of decisions for 1 000 users', () => {
  it('sanity: a quarter of the users match the rule, so both branches are exercised', () => {
    const matching = CASES.filter((c) => ruleMatches(c.country, c.plan)).length;
    expect(matching).toBe(250);
  });

  for (const peer of ['baseline', 'amplitude', 'growthbook', 'launchdarkly', 'optimizely']) {
    it(`${peer} serves "on" through the rule exactly to pro users in US/CA, and splits everyone else about 50/50`, async () => {
      const decisions = await decisionsOf(peer);
      expectRuleBranchEverywhere(decisions);
      const { on, off } = halves(decisions);
      expect(on + off).toBe(750);
      // 750 fair coin flips: 375 ± 4.5 standard deviations.
      expect(Math.abs(on - 375)).toBeLessThan(62);
    });
  }

  it('Ensign (native hash, the datafile its rows use) serves "on" through the rule exactly to pro users in US/CA, and splits the rest', async () => {
    const decide = await ensignDecisions('ensign', 'auto');
    const decisions = CASES.map((c) => decide(c.flag, c.id, c.country, c.plan));
    expectRuleBranchEverywhere(decisions);
    const { on } = halves(decisions);
    expect(Math.abs(on - 375)).toBeLessThan(62);
  });

  for (const facade of ['ensign-sdk-decide', 'ensign-sdk-variation', 'ensign-sdk-evaluate']) {
    it(`${facade} (a facade row) gives every one of the 1 000 users the variation the raw evaluator gives`, async () => {
      const [theirs, decide] = await Promise.all([decisionsOf(facade), ensignDecisions('ensign', 'auto')]);
      const differ = CASES.filter((c, i) => decide(c.flag, c.id, c.country, c.plan).variation !== (theirs[i] as Decision).variation);
      expect(theirs.filter((d) => d.variation !== null)).toHaveLength(USERS);
      expect(differ.map((c) => `${c.id} flag-${c.flag}`)).toEqual([]);
    });
  }

  const sameHash: [string, BenchHashMode][] = [
    ['baseline', 'ensign'],
    ['optimizely', 'optimizely'],
    ['launchdarkly', 'launchdarkly'],
    ['amplitude', 'amplitude'],
    ['growthbook', 'growthbook-v2'],
  ];
  for (const [peer, mode] of sameHash) {
    it(`Ensign in "${mode}" hash mode puts every one of the 1 000 users in the same variation as ${peer}`, async () => {
      const [theirs, decide] = await Promise.all([decisionsOf(peer), ensignDecisions(mode, 'bench')]);
      const differ = CASES.filter((c, i) => {
        const ours = decide(c.flag, c.id, c.country, c.plan);
        const d = theirs[i] as Decision;
        return ours.variation !== d.variation || ours.branch !== d.branch;
      });
      expect(differ.map((c) => `${c.id} flag-${c.flag}`)).toEqual([]);
    });
  }
});
