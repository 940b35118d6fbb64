// Shared set-up of the ODP segment and cohort tests: a datafile with a `qualified` flag and cohort flags, membership
// files, and a datafile source the test can push new revisions through.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatafileSink, DatafileSource } from '@ensign/node-sdk';
import { datafileText, PROD_KEY } from './helpers.js';

export const COHORT_API_KEY = 'cohort-api-key-1';
export const COHORT_SECRET = 'cohort-secret-1';

const onOff = [
  { key: 'off', value: false },
  { key: 'on', value: true },
];

/** The example datafile plus `vip-banner` (ODP segment `vip`), `gold-perk` (user cohort `c-gold`) and `org-perk` (org cohort `c-orgs`). */
export function membershipDatafile(odpHost: string | null, revision = '100', publicKey = PROD_KEY): string {
  return datafileText(revision, (d) => {
    const doc = d as unknown as { flags: unknown[]; integrations?: unknown[]; cohorts?: unknown[] };
    doc.flags.push(
      { key: 'vip-banner', on: true, variations: onOff, offVariation: 'off', rules: [{ id: 'rule-vip', conditions: { op: 'qualified', values: ['vip'] }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } },
      { key: 'beta-banner', on: true, variations: onOff, offVariation: 'off', rules: [{ id: 'rule-beta', conditions: { op: 'qualified', values: ['beta'] }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } },
      { key: 'gold-perk', on: true, variations: onOff, offVariation: 'off', rules: [{ id: 'rule-gold', conditions: { op: 'inCohort', values: ['c-gold'] }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } },
      { key: 'org-perk', on: true, variations: onOff, offVariation: 'off', rules: [{ id: 'rule-org', conditions: { op: 'inCohort', values: ['c-orgs'], contextKind: 'org' }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } },
    );
    doc.cohorts = [{ id: 'c-gold' }, { id: 'c-orgs', contextKind: 'org' }];
    if (odpHost !== null) doc.integrations = [{ key: 'odp', host: odpHost, publicKey }];
  });
}

/** Writes `segments/production.json`. */
export async function writeSegments(dir: string, members: Record<string, string[]>): Promise<void> {
  await mkdir(join(dir, 'segments'), { recursive: true });
  await writeFile(join(dir, 'segments', 'production.json'), JSON.stringify(members));
}

/** Writes `cohorts/<id>.json` and the cohort credentials. */
export async function writeCohort(dir: string, cohort: { cohortId: string; groupType?: string; lastModified: number; memberIds: string[] }): Promise<void> {
  await mkdir(join(dir, 'cohorts'), { recursive: true });
  await writeFile(join(dir, 'cohort-keys.json'), JSON.stringify({ [COHORT_API_KEY]: COHORT_SECRET }));
  await writeFile(join(dir, 'cohorts', `${cohort.cohortId}.json`), JSON.stringify({ groupType: 'User', ...cohort }));
}

/** A datafile source the test pushes datafiles through. */
export function pushSource(first: string): DatafileSource & { push(text: string): void } {
  let sink: DatafileSink | null = null;
  return {
    kind: 'test',
    start(s) {
      sink = s;
      s.update(first);
    },
    push: (text) => sink?.update(text),
    close() {},
  };
}
