import { describe, expect, it } from 'vitest';
import { bucketFlags } from './configs-buckets.js';
import { compare, describeMismatches } from './differential.js';
import { generateUsers } from './users.js';

describe('Amplitude buckets, allocations and segments, against @amplitude/experiment-core', () => {
  it('gives 10 000 generated users the same variant for every flag, all flags at once and one flag at a time', async () => {
    const flags = bucketFlags();
    const { mismatches, seen } = await compare(flags, generateUsers(10_000, 2), flags.map((f) => f.key));
    expect(describeMismatches(flags, mismatches)).toBe('');
    const labels = [...seen.keys()];
    // Both allocations, the overlap, the gaps, the fallback, and "go on with the next segment" are all reached.
    for (const label of [
      'two-allocations:control', 'two-allocations:treatment', 'two-allocations:off',
      'overlapping-allocations:control', 'overlapping-allocations:treatment', 'overlapping-allocations:off',
      'gaps:control', 'gaps:treatment', 'gaps:other',
      'ghost-distribution:other', 'ghost-distribution:treatment', 'ghost-distribution:control',
      'ghost-fallback:other', 'no-fallback:other', 'no-fallback:treatment',
      'group-bucketing:off', 'group-bucketing:control', 'property-bucketing:off', 'property-bucketing:treatment',
      'user-id-no-salt:off', 'user-id-no-salt:control', 'no-allocations:treatment',
      'conditions:control', 'conditions:treatment', 'conditions:off', 'no-segments:-',
    ]) {
      expect(labels).toContain(label);
    }
  }, 60_000);
});
