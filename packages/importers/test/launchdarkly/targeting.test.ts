import { describe, expect, it } from 'vitest';
import { generateContexts } from './contexts.js';
import { compare, describeMismatches } from './differential.js';
import { targetingPayload } from './configs-targeting.js';

// Every operator, plain and negated, and the targets: 10 000 contexts per group of flags, in groups so each
// test stays within a few seconds.
const payload = targetingPayload();
const keys = Object.keys(payload.flags);
const operatorKeys = keys.filter((k) => k.startsWith('op-'));
// Each group also names the reasons its flags must reach between them.
const groups: [string, string[], number, string[]][] = [
  ['the first half of the operator flags', operatorKeys.slice(0, Math.ceil(operatorKeys.length / 2)), 11, ['RULE_MATCH#0', 'RULE_MATCH#1', 'FALLTHROUGH']],
  ['the second half of the operator flags', operatorKeys.slice(Math.ceil(operatorKeys.length / 2)), 12, ['RULE_MATCH#0', 'RULE_MATCH#1', 'FALLTHROUGH']],
  ['targets, context targets, mixed rules and off flags', keys.filter((k) => !k.startsWith('op-') && k !== 'null-variation'), 13, ['TARGET_MATCH', 'RULE_MATCH#0', 'RULE_MATCH#1', 'RULE_MATCH#3', 'RULE_MATCH#4', 'FALLTHROUGH', 'OFF']],
  ['a rule serving a null variation', ['null-variation'], 15, ['RULE_MATCH#0', 'FALLTHROUGH']],
];

describe('LaunchDarkly targets, rules and every clause operator, against the LaunchDarkly Node server SDK', () => {
  for (const [name, flags, seed, reasons] of groups) {
    it(`gives 10 000 generated contexts the same detail for ${name}`, async () => {
      const { mismatches, seen, evaluations } = await compare(payload, generateContexts(10_000, seed), flags);
      expect(describeMismatches(payload, mismatches)).toBe('');
      expect(evaluations).toBe(10_000 * flags.length);
      // Each flag of the group is decided by more than one branch.
      for (const flag of flags) {
        const branches = [...seen.keys()].filter((label) => label.startsWith(`${flag}:`));
        if (!flag.startsWith('off-')) expect(branches.length, `${flag} reaches only ${branches.join(', ')}`).toBeGreaterThan(1);
      }
      const kinds = new Set([...seen.keys()].map((label) => label.split(':')[1]));
      for (const k of reasons) expect(kinds).toContain(k);
    }, 60_000);
  }

});
