import { parseDatafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { importLaunchDarkly } from '../../src/launchdarkly/index.js';
import { malformedPayload } from './configs-malformed.js';
import { rolloutsPayload } from './configs-rollouts.js';
import { segmentsPayload } from './configs-segments.js';
import { targetingPayload } from './configs-targeting.js';

describe('the datafiles imported from the LaunchDarkly configurations', () => {
  for (const [name, payload] of [
    ['targeting', targetingPayload()],
    ['rollouts', rolloutsPayload()],
    ['segments', segmentsPayload()],
  ] as const) {
    it(`load whole for the ${name} configuration: nothing quarantined, every flag and segment kept`, () => {
      const imported = importLaunchDarkly(payload);
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      const parsed = parseDatafile(imported.datafile);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.quarantined).toEqual([]);
      expect(parsed.datafile.flags.map((f) => f.key)).toEqual(Object.keys(payload.flags));
      expect((parsed.datafile.segments ?? []).map((s) => s.key)).toEqual(Object.keys(payload.segments));
    });
  }

  it('quarantine only the flag with an invalid attribute reference: the others answer MALFORMED_FLAG where evaluation reaches it', () => {
    const imported = importLaunchDarkly(malformedPayload());
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const parsed = parseDatafile(imported.datafile);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.quarantined.map((q) => q.key)).toEqual(['bad-reference']);
  });
});
