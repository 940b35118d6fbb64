import type { HttpRequest, HttpResponse } from '@ensign/common';
import { silentLogger } from '@ensign/common';
import { createFakeScheduler } from '@ensign/common/testing';
import type { Datafile } from '@ensign/datafile-schema';
import { compileDatafile } from '@ensign/evaluator-core';
import { describe, expect, it } from 'vitest';
import { basicAuthOf } from './cohort-api.js';
import { createCohortSyncer } from './cohort-syncer.js';

function datafileWith(cohortIds: string[]): Datafile {
  return {
    schemaVersion: 1,
    revision: '1',
    environment: 'test',
    flags: [{ key: 'f', on: true, variations: [{ key: 'a', value: 1 }], offVariation: 'a', rules: [{ id: 'r', conditions: { op: 'inCohort', values: cohortIds }, serve: { variation: 'a' } }], fallthrough: { variation: 'a' } }],
  } as unknown as Datafile;
}

function cohortServer(answer: (url: URL) => { status: number; body?: unknown }) {
  const requests: HttpRequest[] = [];
  return {
    requests,
    http: {
      async request(request: HttpRequest): Promise<HttpResponse> {
        requests.push(request);
        const { status, body } = answer(new URL(request.url));
        return { status, headers: {}, body: body === undefined ? '' : JSON.stringify(body) };
      },
    },
  };
}

describe('createCohortSyncer', () => {
  it('downloads referenced cohorts with basic auth, then asks with lastModified and keeps them on 204', async () => {
    const server = cohortServer((url) => (url.searchParams.has('lastModified') ? { status: 204 } : { status: 200, body: { cohortId: 'c1', groupType: 'User', lastModified: 5, memberIds: ['u1'] } }));
    const scheduler = createFakeScheduler();
    const syncer = createCohortSyncer({ config: { apiKey: 'k', secretKey: 's', cohortServerUrl: 'https://cohorts.test', maxCohortSize: 10, cohortPollingIntervalMillis: 1_000 }, http: server.http, scheduler, logger: silentLogger });
    await syncer.apply(compileDatafile(datafileWith(['c1'])));
    expect(syncer.cohortIdsOf('User', 'u1')).toEqual(['c1']);
    expect(server.requests[0]?.url).toBe('https://cohorts.test/sdk/v1/cohort/c1?maxCohortSize=10');
    expect(server.requests[0]?.headers?.['authorization']).toBe(`Basic ${basicAuthOf('k', 's')}`);
    await scheduler.advanceAsync(1_000);
    await syncer.settled();
    expect(server.requests[1]?.url).toBe('https://cohorts.test/sdk/v1/cohort/c1?maxCohortSize=10&lastModified=5');
    expect(syncer.cohortIdsOf('User', 'u1')).toEqual(['c1']);
    syncer.close();
    expect(scheduler.pending()).toBe(0);
  });

  it('keeps the copy held when a refresh fails, and forgets cohorts a new datafile no longer targets', async () => {
    let fail = false;
    const server = cohortServer(() => (fail ? { status: 500 } : { status: 200, body: { groupType: 'org', lastModified: 1, memberIds: ['acme'] } }));
    const scheduler = createFakeScheduler();
    const syncer = createCohortSyncer({ config: { apiKey: 'k', secretKey: 's', cohortPollingIntervalMillis: 1_000 }, http: server.http, scheduler, logger: silentLogger });
    await syncer.apply(compileDatafile(datafileWith(['c1'])));
    fail = true;
    await scheduler.advanceAsync(1_000);
    await syncer.settled();
    expect(syncer.cohortIdsOf('org', 'acme')).toEqual(['c1']);
    await syncer.apply(compileDatafile(datafileWith(['c2'])));
    expect(syncer.held()).toEqual([]);
    syncer.close();
  });

  it('encodes credentials as UTF-8 base64', () => {
    expect(basicAuthOf('api', 'secret')).toBe('YXBpOnNlY3JldA==');
    expect(atob(basicAuthOf('ключ', 's'))).toBe(unescape(encodeURIComponent('ключ:s')));
  });
});
