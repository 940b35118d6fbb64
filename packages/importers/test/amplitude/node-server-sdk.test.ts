// Amplitude's own Node server SDK (`@amplitude/experiment-node-server`, local evaluation) beside Ensign's Amplitude
// face: the SDK polls the flag configs from a loopback server, as it polls Amplitude's, and converts each user
// itself (`convertUserToEvaluationContext`, the cohort enrichment), so this compares the whole path from the user a
// request handler passes to the variants, not only the engine (differential.ts compares the engine, on a user
// converted by the test). `evaluateV2(user)` must give the same variants on both sides.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect, isDeepStrictEqual } from 'node:util';
import { Experiment, type LocalEvaluationClient, type Variant as TheirVariant } from '@amplitude/experiment-node-server';
import type { EvaluationFlag } from '@amplitude/experiment-core';
import type { EnsignClient, Variant } from '@ensign/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../launchdarkly/random.js';
import { bucketFlags } from './configs-buckets.js';
import { dependencyFlags } from './configs-dependencies.js';
import { operatorFlags } from './configs-operators.js';
import { ensignClient } from './differential.js';
import { COHORTS, generateUsers, ORGS } from './users.js';

const quiet = { verbose() {}, debug() {}, info() {}, warn() {}, error() {} };

/** One cohort as Amplitude's cohort API answers it (`GET /sdk/v1/cohort/{id}`). */
interface CohortBody {
  cohortId: string;
  groupType: string;
  memberIds: readonly string[];
}

/**
 * Serves `flags` at `/sdk/v2/flags`, as Amplitude's flag API does, and `cohorts` at `/sdk/v1/cohort/{id}`, as its
 * cohort API does; counts the requests.
 */
async function flagServer(flags: readonly EvaluationFlag[], cohorts: readonly CohortBody[] = []): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const body = JSON.stringify(flags);
  const server = createServer((req, res) => {
    requests++;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const cohort = cohorts.find((c) => path === `/sdk/v1/cohort/${encodeURIComponent(c.cohortId)}`);
    if (req.method === 'GET' && path === '/sdk/v2/flags') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else if (req.method === 'GET' && cohort !== undefined) {
      const answer = { ...cohort, groupTypeId: 1, lastComputed: 1_700_000_000_000, lastModified: 1_700_000_000_000, size: cohort.memberIds.length };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

/** The comparable part of a variant: key, value, payload and metadata (an empty metadata as none). */
function answer(v: TheirVariant | Variant | undefined): unknown {
  if (v === undefined) return null;
  const out: Record<string, unknown> = {};
  if (v.key !== undefined) out['key'] = v.key;
  if (v.value !== undefined && v.value !== null) out['value'] = v.value;
  if (v.payload !== undefined) out['payload'] = v.payload;
  if (v.metadata !== undefined && Object.keys(v.metadata).length > 0) out['metadata'] = v.metadata;
  return out;
}

/** A copy of `user` for one side: Amplitude's SDK writes cohort ids into the user it is given. */
function copy(user: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(user);
  } catch {
    // Functions and symbols cannot be cloned: a shallow copy, with its own group cohort ids.
    const shallow = { ...user };
    const ids = user['group_cohort_ids'];
    if (typeof ids === 'object' && ids !== null) shallow['group_cohort_ids'] = Object.fromEntries(Object.entries(ids).map(([t, byName]) => [t, { ...(byName as object) }]));
    return shallow;
  }
}

interface Sides {
  theirs: LocalEvaluationClient;
  ours: EnsignClient;
  flags: readonly EvaluationFlag[];
  close(): Promise<void>;
}

async function sides(flags: readonly EvaluationFlag[], name: string, cohorts: readonly CohortBody[] = []): Promise<Sides> {
  const { server, url, requests } = await flagServer(flags, cohorts);
  const cohortSyncConfig = cohorts.length === 0 ? undefined : { apiKey: 'cohort-api-key', secretKey: 'cohort-secret', cohortServerUrl: url };
  // A key of its own per configuration: Amplitude's factory keeps one client per deployment key.
  const theirs = Experiment.initializeLocal(`server-test-${name}`, { serverUrl: url, loggerProvider: quiet, flagConfigPollingIntervalMillis: 600_000, ...(cohortSyncConfig ? { cohortSyncConfig } : {}) });
  await theirs.start();
  if (requests() === 0) throw new Error("Amplitude's SDK did not ask the loopback server for its flags");
  const ours = await ensignClient(flags, cohortSyncConfig ? { cohortSyncConfig } : {});
  // As Amplitude's start(), Ensign's waits for the first cohort downloads too.
  if (cohortSyncConfig) await ours.start();
  return {
    theirs,
    ours,
    flags,
    async close() {
      theirs.stop();
      await ours.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Mismatch {
  user: unknown;
  flag: string;
  amplitude: unknown;
  ensign: unknown;
}

/** Evaluates every flag for every user on both sides; `skip` tells users whose evaluation throws in Amplitude's SDK. */
function compare(s: Sides, users: readonly Record<string, unknown>[]): { mismatches: Mismatch[]; served: number; thrown: number } {
  const mismatches: Mismatch[] = [];
  let served = 0;
  let thrown = 0;
  for (const user of users) {
    let theirs: Record<string, TheirVariant>;
    try {
      theirs = s.theirs.evaluateV2(copy(user) as never);
    } catch {
      thrown++; // Amplitude's SDK throws for this user (Ensign never does): nothing to compare
      continue;
    }
    const ours = s.ours.evaluate(copy(user) as never);
    for (const f of s.flags) {
      const a = answer(theirs[f.key]);
      const e = answer(ours[f.key]);
      if (a !== null && (a as { key?: string }).key !== 'off') served++;
      if (!isDeepStrictEqual(a, e) && mismatches.length < 5) mismatches.push({ user, flag: f.key, amplitude: a, ensign: e });
    }
  }
  return { mismatches, served, thrown };
}

const report = (mismatches: readonly Mismatch[]): string => mismatches.map((m) => inspect(m, { depth: 5, breakLength: 160 })).join('\n\n');

/** Users a request handler may pass, bent where Amplitude's SDK still evaluates them. */
function oddUsers(count: number, seed: number): Record<string, unknown>[] {
  const r = createRandom(seed);
  const ODD: unknown[] = ['', 'x', 0, 7, true, [], ['acme'], {}, { acme: 1 }, 'acme'];
  return generateUsers(count, seed).map((user) => {
    const x = r.next();
    if (x < 0.15) user['user_id'] = r.pick([42, 0, true, '', ' ']);
    else if (x < 0.3) user['device_id'] = r.pick([42, '', false]);
    else if (x < 0.45) user['user_properties'] = r.pick(ODD);
    else if (x < 0.6) user['groups'] = { org: r.pick(['acme', 'Acme', '', [], ['', 'acme'], ['acme', 'globex']]) };
    else if (x < 0.7) user['group_properties'] = r.pick(ODD);
    else if (x < 0.8) user['cohort_ids'] = r.pick([['cohort-a'], 'cohort-a', [], ['cohort-b', 'cohort-b']]);
    else if (x < 0.9) user['group_cohort_ids'] = { org: { acme: r.pick([['cohort-a'], [], 'cohort-a']) } };
    else user[r.pick(['country', 'platform', 'version', 'language', 'library', 'city'])] = r.pick([null, '', 5, ['US'], { a: 1 }]);
    return user;
  });
}

/** Users of `generateUsers(count, seed)` in cohorts: a third in cohort-a, a fifth in cohort-b; four orgs in cohort-c. */
function cohortsOf(users: readonly Record<string, unknown>[]): CohortBody[] {
  const ids = users.map((u) => u['user_id']).filter((id): id is string => typeof id === 'string');
  return [
    { cohortId: COHORTS[0] as string, groupType: 'User', memberIds: ids.filter((_, i) => i % 3 === 0) },
    { cohortId: COHORTS[1] as string, groupType: 'User', memberIds: ids.filter((_, i) => i % 5 === 0) },
    { cohortId: COHORTS[2] as string, groupType: 'org', memberIds: ORGS.slice(0, 4) },
  ];
}

const configs = [
  ['operator', operatorFlags(), 61],
  ['bucketing', bucketFlags(), 62],
  ['dependency', dependencyFlags(), 63],
] as const;

describe("Amplitude's Node server SDK (local evaluation, flags from a loopback server) beside Ensign's Amplitude face", () => {
  for (const [name, flags, seed] of configs) {
    describe(`${name} flags`, () => {
      let s: Sides;
      beforeAll(async () => {
        s = await sides(flags, name);
      });
      afterAll(async () => {
        await s.close();
      });

      it('gives 1 000 generated users the same variants', () => {
        const { mismatches, served, thrown } = compare(s, generateUsers(1_000, seed));
        expect(report(mismatches)).toBe('');
        expect(thrown).toBe(0);
        expect(served).toBeGreaterThan(100); // variants are served, not only "off"
      });

      it('gives 1 000 users with odd shapes (ids that are not strings, properties that are not objects, groups given as text) the same variants', () => {
        const { mismatches, served } = compare(s, oddUsers(1_000, seed + 100));
        expect(report(mismatches)).toBe('');
        expect(served).toBeGreaterThan(100);
      });
    });
  }

  describe('cohort flags with cohort sync on both sides (cohorts downloaded from the loopback server)', () => {
    const users = generateUsers(1_000, 64);
    let s: Sides;
    beforeAll(async () => {
      s = await sides(dependencyFlags(), 'cohort-sync', cohortsOf(users));
    });
    afterAll(async () => {
      await s.close();
    });

    it('gives 1 000 generated users the same variants, members of user and group cohorts among them', () => {
      const { mismatches } = compare(s, users);
      expect(report(mismatches)).toBe('');
      // Every way through the cohort flag is taken: synced user cohorts, a synced org cohort, and neither.
      const served = new Set(users.map((u) => s.ours.evaluate(copy(u) as never)['cohorts']?.key));
      for (const key of ['member', 'org', 'outsider']) expect(served).toContain(key);
    });
  });
});
