import { parseDatafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { importAmplitudeFlags } from '../../src/amplitude/index.js';
import { bucketFlags } from './configs-buckets.js';
import { dependencyFlags } from './configs-dependencies.js';
import { operatorFlags } from './configs-operators.js';

describe('the datafiles imported from the Amplitude configurations', () => {
  for (const [name, flags] of [
    ['operators', operatorFlags()],
    ['buckets', bucketFlags()],
    ['dependencies', dependencyFlags()],
  ] as const) {
    it(`load whole for the ${name} configuration: nothing quarantined, every flag kept`, () => {
      const imported = importAmplitudeFlags(flags);
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      const parsed = parseDatafile(imported.datafile);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.quarantined).toEqual([]);
      expect(parsed.datafile.flags.map((f) => f.key)).toEqual(flags.map((f) => f.key));
    });
  }
});
