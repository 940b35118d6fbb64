import { describe, expect, it } from 'vitest';
import { generateContexts } from './contexts.js';
import { compare, describeMismatches } from './differential.js';
import { targetingPayload } from './configs-targeting.js';

describe('LaunchDarkly targets, rules and every clause operator, against the LaunchDarkly Node server SDK', () => {
  it('gives 10 000 generated contexts the same detail for every flag', async () => {
    const payload = targetingPayload();
    const { mismatches, seen, evaluations } = await compare(payload, generateContexts(10_000, 1));
    expect(describeMismatches(payload, mismatches)).toBe('');
    expect(evaluations).toBe(10_000 * Object.keys(payload.flags).length);
    // The configuration reaches targets, both rules of each operator flag and the fallthrough.
    const kinds = new Set([...seen.keys()].map((label) => label.split(':')[1]));
    for (const k of ['TARGET_MATCH', 'RULE_MATCH#0', 'RULE_MATCH#1', 'FALLTHROUGH', 'OFF']) expect(kinds).toContain(k);
  }, 120_000);
});
