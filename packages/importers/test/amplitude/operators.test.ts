import { describe, expect, it } from 'vitest';
import { compare, describeMismatches } from './differential.js';
import { operatorFlags } from './configs-operators.js';
import { generateUsers } from './users.js';

describe('Amplitude conditions with every operator, against @amplitude/experiment-core', () => {
  it('gives 10 000 generated users the same variant, value, payload and metadata for every flag', async () => {
    const flags = operatorFlags();
    const { mismatches, seen } = await compare(flags, generateUsers(10_000, 1));
    expect(describeMismatches(flags, mismatches)).toBe('');
    // Each operator matches some users and not others (the unknown operator "starts with" never matches).
    for (const f of flags) {
      const served = [...seen.keys()].filter((label) => label.startsWith(`${f.key}:`)).map((label) => label.split(':')[1]);
      if (f.key.endsWith('starts-with')) expect(served).not.toContain('on');
      else expect(served, f.key).toContain('on');
      expect(served.length, f.key).toBeGreaterThan(1);
    }
  }, 60_000);
});
