import type { Datafile } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { referencedValues } from './datafile-references.js';

describe('referencedValues', () => {
  it('finds qualified segment names in flags and audiences, once each, and inCohort ids with their kind', () => {
    const datafile = {
      schemaVersion: 1,
      revision: '1',
      environment: 't',
      audiences: [{ id: 'a1', conditions: { or: [{ op: 'qualified', values: ['vip'] }, { op: 'qualified', values: ['beta', 'vip'] }] } }],
      flags: [{ key: 'f', rules: [{ conditions: { and: [{ op: 'qualified', values: ['gold'] }, { op: 'inCohort', values: ['c9'], contextKind: 'org' }] } }] }],
    } as unknown as Datafile;
    expect([...referencedValues(datafile, 'qualified').keys()]).toEqual(['gold', 'vip', 'beta']);
    expect([...referencedValues(datafile, 'inCohort')]).toEqual([['c9', 'org']]);
  });
});
