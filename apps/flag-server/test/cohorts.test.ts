import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createFakeScheduler } from '@ensign/common/testing';
import { createClient } from '@ensign/node-sdk';
import type { EnsignClient } from '@ensign/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlagServer } from '../src/index.js';
import { makeDataDir, removeDir, startTestServer, waitFor } from './helpers.js';
import { COHORT_API_KEY, COHORT_SECRET, membershipDatafile, writeCohort } from './membership-fixtures.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Amplitude cohorts against the flag server', () => {
  let dir: string;
  let server: FlagServer;
  let client: EnsignClient | null = null;
  const warnings: string[] = [];
  const logger = { debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };

  beforeEach(async () => {
    warnings.length = 0;
    dir = await makeDataDir();
    await writeCohort(dir, { cohortId: 'c-gold', lastModified: 1_000, memberIds: ['user-gold'] });
    await writeCohort(dir, { cohortId: 'c-orgs', groupType: 'org', lastModified: 1_000, memberIds: ['acme'] });
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await client?.close();
    client = null;
    await server.close();
    await removeDir(dir);
  });

  const start = (config: Record<string, unknown> = {}) => {
    const scheduler = createFakeScheduler();
    client = createClient({
      datafile: membershipDatafile(null),
      logger,
      clock: scheduler.clock,
      scheduler,
      cohortSyncConfig: { apiKey: COHORT_API_KEY, secretKey: COHORT_SECRET, cohortServerUrl: server.url, cohortPollingIntervalMillis: 60_000, ...config },
    });
    return { client, scheduler };
  };

  it('start() waits for the first download; user and group cohorts target through evaluate', async () => {
    const { client } = start();
    expect((await client.start()).success).toBe(true);
    expect(client.evaluate({ user_id: 'user-gold' }, ['gold-perk'])['gold-perk']?.key).toBe('on');
    expect(client.evaluate({ user_id: 'user-plain' }, ['gold-perk'])['gold-perk']?.key).toBe('off');
    expect(client.evaluate({ user_id: 'user-plain', groups: { org: ['acme'] } }, ['org-perk'])['org-perk']?.key).toBe('on');
    expect(client.evaluate({ user_id: 'user-plain', groups: { org: ['other'] } }, ['org-perk'])['org-perk']?.key).toBe('off');
  });

  it('sees a member added on the server after one polling interval', async () => {
    const { client, scheduler } = start();
    await client.start();
    await writeCohort(dir, { cohortId: 'c-gold', lastModified: 2_000, memberIds: ['user-gold', 'user-new'] });
    expect(client.evaluate({ user_id: 'user-new' }, ['gold-perk'])['gold-perk']?.key).toBe('off');
    scheduler.advance(60_000);
    await waitFor(() => (client.evaluate({ user_id: 'user-new' }, ['gold-perk'])['gold-perk']?.key === 'on' ? true : undefined));
  });

  it('picks up a cohort file that appears on the server after one polling interval', async () => {
    await rm(join(dir, 'cohorts', 'c-gold.json'));
    const { client, scheduler } = start();
    await client.start();
    expect(client.evaluate({ user_id: 'user-gold' }, ['gold-perk'])['gold-perk']?.key).toBe('off');
    await writeCohort(dir, { cohortId: 'c-gold', lastModified: 3_000, memberIds: ['user-gold'] });
    scheduler.advance(60_000);
    await waitFor(() => (client.evaluate({ user_id: 'user-gold' }, ['gold-perk'])['gold-perk']?.key === 'on' ? true : undefined));
  });

  it('skips a cohort over maxCohortSize with a warning', async () => {
    await writeCohort(dir, { cohortId: 'c-gold', lastModified: 1_000, memberIds: ['user-gold', 'user-silver'] });
    const { client } = start({ maxCohortSize: 1 });
    await client.start();
    expect(client.evaluate({ user_id: 'user-gold' }, ['gold-perk'])['gold-perk']?.key).toBe('off');
    expect(warnings.some((w) => /cohort c-gold is larger than maxCohortSize \(1\); skipped/.test(w))).toBe(true);
    // The cohort within the limit is still used.
    expect(client.evaluate({ user_id: 'u', groups: { org: ['acme'] } }, ['org-perk'])['org-perk']?.key).toBe('on');
  });

  it('serves 200, 204 for an unchanged cohort, 413 over the size, and checks the credentials', async () => {
    const url = `${server.url}/sdk/v1/cohort/c-gold`;
    const auth = { authorization: basic(COHORT_API_KEY, COHORT_SECRET) };
    const full = await fetch(`${url}?maxCohortSize=10`, { headers: auth });
    expect(full.status).toBe(200);
    expect(await full.json()).toMatchObject({ cohortId: 'c-gold', groupType: 'User', lastModified: 1_000, size: 1, memberIds: ['user-gold'] });
    expect((await fetch(`${url}?maxCohortSize=10&lastModified=1000`, { headers: auth })).status).toBe(204);
    expect((await fetch(`${url}?maxCohortSize=0`, { headers: auth })).status).toBe(413);
    expect((await fetch(url, { headers: { authorization: basic(COHORT_API_KEY, 'wrong') } })).status).toBe(401);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${server.url}/sdk/v1/cohort/nope`, { headers: auth })).status).toBe(404);
  });
});
