import { describe, expect, it } from 'vitest';
import { importAmplitudeFlags } from '../../src/amplitude/index.js';
import { dependencyFlags } from './configs-dependencies.js';
import { compare, describeMismatches } from './differential.js';
import { generateUsers } from './users.js';

describe('Amplitude flag dependencies and cohorts, against @amplitude/experiment-core', () => {
  it('gives 10 000 generated users the same variants, all flags at once, and one flag at a time where only declared dependencies are read', async () => {
    const flags = dependencyFlags();
    // Evaluated alone, "undeclared-earlier" would not see "mutex-group" in Amplitude (the warning says so).
    const alone = flags.map((f) => f.key).filter((k) => k !== 'undeclared-earlier');
    const { mismatches, seen } = await compare(flags, generateUsers(10_000, 3), alone);
    expect(describeMismatches(flags, mismatches)).toBe('');
    const labels = [...seen.keys()];
    for (const label of [
      'experiment-a:off', 'experiment-a:control', 'experiment-a:treatment', 'chained:on', 'chained:off',
      // No 'cohorts:org': Amplitude's local client fills a targeted group's cohort ids from cohort sync only (the
      // caller's are replaced), which node-server-sdk.test.ts runs against the SDK itself.
      'undeclared-earlier:on', 'undeclared-earlier:off', 'late-reader:on', 'cohorts:member', 'cohorts:outsider', 'cohorts:off',
    ]) {
      expect(labels).toContain(label);
    }
  }, 60_000);

  it('warns about results read without a declared dependency, and about flags not in the configs', () => {
    const result = importAmplitudeFlags(dependencyFlags());
    expect(result.ok).toBe(true);
    const messages = result.warnings.map((w) => `${w.path}: ${w.message}`);
    expect(messages.some((m) => m.startsWith('[4].segments[0].conditions[0][0]') && m.includes('when it evaluates every flag'))).toBe(true);
    expect(messages.some((m) => m.startsWith('[5].segments[0].conditions[0][0]') && m.includes('always missing'))).toBe(true);
    expect(messages.some((m) => m.startsWith('[5].segments[1].conditions[0][0]') && m.includes('not in the configs'))).toBe(true);
    expect(result.ok && result.datafile.cohorts).toEqual([{ id: 'cohort-a' }, { id: 'cohort-b' }, { id: 'cohort-c', contextKind: 'org' }]);
  });
});
