import { silentLogger } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import { audiencesBody, createFakeHttp } from '../test/fake-http.js';
import { createGraphqlSegmentFetcher, parseSegmentsAnswer, segmentsQueryText } from './graphql-fetcher.js';

const base = { host: 'https://odp.example/', publicKey: 'pk-1', userKey: 'fs_user_id' as const, userValue: 'user-42' };

describe('createGraphqlSegmentFetcher', () => {
  it('posts the ODP GraphQL query with x-api-key and returns the qualified names', async () => {
    const http = createFakeHttp({ status: 200, body: audiencesBody({ vip: 'qualified', churn: 'not_qualified' }) });
    const fetcher = createGraphqlSegmentFetcher({ http, logger: silentLogger });
    expect(await fetcher.fetch({ ...base, segments: ['vip', 'churn'] })).toEqual(['vip']);
    const request = http.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://odp.example/v3/graphql');
    expect(request.headers?.['x-api-key']).toBe('pk-1');
    expect(JSON.parse(String(request.body))).toEqual({ query: 'query {customer(fs_user_id: "user-42") {audiences(subset: ["vip","churn"]) {edges {node {name state}}}}}' });
  });

  it('answers [] for no segments without a request', async () => {
    const http = createFakeHttp({ status: 500 });
    expect(await createGraphqlSegmentFetcher({ http, logger: silentLogger }).fetch({ ...base, segments: [] })).toEqual([]);
    expect(http.requests).toHaveLength(0);
  });

  it('answers null ("unknown") for a 5xx, a network error, GraphQL errors or a broken body', async () => {
    for (const reply of [{ status: 503 }, new Error('ECONNREFUSED'), { status: 200, body: '{"errors":[{"message":"bad id","extensions":{"code":"INVALID_IDENTIFIER_EXCEPTION"}}]}' }, { status: 200, body: 'nope' }]) {
      const fetcher = createGraphqlSegmentFetcher({ http: createFakeHttp(reply), logger: silentLogger });
      await expect(fetcher.fetch({ ...base, segments: ['vip'] })).resolves.toBeNull();
    }
  });
});

describe('segmentsQueryText', () => {
  it('uses the vuid key and escapes quotes so an id cannot change the query', () => {
    expect(segmentsQueryText('vuid', 'vuid_"x\\', ['a"b'])).toBe('query {customer(vuid: "vuid_\\"x\\\\") {audiences(subset: ["a\\"b"]) {edges {node {name state}}}}}');
  });
});

describe('parseSegmentsAnswer', () => {
  it('reports a missing edges list', () => {
    expect(parseSegmentsAnswer('{"data":{"customer":null}}')).toEqual({ ok: false, message: 'the answer has no data.customer.audiences.edges' });
  });
});
