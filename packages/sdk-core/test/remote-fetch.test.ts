import type { HttpRequest, HttpResponse, Platform } from '@ensign/common';
import { createFakeScheduler } from '@ensign/common/testing';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { describe, expect, it } from 'vitest';
import { createCoreClient } from '../src/index.js';
import { exampleDatafile } from '../src/examples.js';

function setup(answer: (request: HttpRequest, attempt: number) => HttpResponse | Promise<HttpResponse>, options: object = {}) {
  const scheduler = createFakeScheduler();
  const logger = createRecordingLogger();
  const requests: { at: number; request: HttpRequest }[] = [];
  const platform: Platform = {
    clock: scheduler.clock,
    scheduler,
    http: {
      async request(request) {
        requests.push({ at: scheduler.clock.now(), request });
        return answer(request, requests.length);
      },
    },
  };
  const client = createCoreClient({ datafile: exampleDatafile, sdkKey: 'sdk-1', serverUrl: 'http://flags.test', events: false, logger, ...options }, { platform });
  return { client, scheduler, logger, requests };
}

describe('fetchV2', () => {
  it('retries with Amplitude backoff: min × scalar^n, capped at max, each retry with the retry timeout', async () => {
    const { client, scheduler, requests } = setup((_r, n) => (n < 5 ? { status: 503, headers: {}, body: '' } : { status: 200, headers: {}, body: '{"f":{"key":"on","value":"on"}}' }), {
      fetchRetries: 6,
      fetchRetryBackoffMinMillis: 400,
      fetchRetryBackoffScalar: 2,
      fetchRetryBackoffMaxMillis: 2_000,
      fetchTimeoutMillis: 3_000,
      fetchRetryTimeoutMillis: 1_000,
    });
    const pending = client.fetchV2({ user_id: 'u' });
    await scheduler.advanceAsync(10_000);
    expect(await pending).toEqual({ f: { key: 'on', value: 'on' } });
    expect(requests.map((r) => r.at)).toEqual([0, 400, 1_200, 2_800, 4_800]);
    expect(requests.map((r) => r.request.timeoutMs)).toEqual([3_000, 1_000, 1_000, 1_000, 1_000]);
    expect(requests[0]?.request).toMatchObject({ method: 'POST', url: 'http://flags.test/v1/evaluate' });
    expect(JSON.parse(requests[0]?.request.body as string)).toEqual({ context: { kind: 'user', key: 'u', user_id: 'u' } });
  });

  it('sends the user as Amplitude does, as its JSON: a Date as its ISO text, NaN as null, functions left out', async () => {
    const { client, requests, logger } = setup(() => ({ status: 200, headers: {}, body: '{"f":{"key":"on"}}' }));
    const user = { user_id: 'u', user_properties: { signedUpAt: new Date(0), ratio: Number.NaN, f: () => 1, plan: 'pro' } };
    expect(await client.fetchV2(user as never)).toEqual({ f: { key: 'on' } });
    expect(JSON.parse(requests[0]?.request.body as string)).toEqual({
      context: { kind: 'user', key: 'u', user_id: 'u', user_properties: { signedUpAt: '1970-01-01T00:00:00.000Z', ratio: null, plan: 'pro' } },
    });
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(await client.fetchV2({ user_id: 'u', user_properties: { cycle } } as never)).toEqual({});
    expect(requests).toHaveLength(1);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)[0]).toContain('cannot be sent as JSON');
  });

  it('keeps only variant fields from the answer and treats a non-object answer as a failure', async () => {
    const hostile = setup(() => ({ status: 200, headers: {}, body: '{"__proto__":{"key":"x","evil":1},"f":{"key":"k","value":3,"payload":{"a":1}},"g":7}' }));
    const variants = await hostile.client.fetchV2({ user_id: 'u' });
    expect(Object.keys(variants)).toEqual(['__proto__', 'f']);
    expect(variants['f']).toEqual({ key: 'k', payload: { a: 1 } });
    expect(({} as Record<string, unknown>)['key']).toBeUndefined();
    const bad = setup(() => ({ status: 200, headers: {}, body: '[1,2]' }), { fetchRetries: 0 });
    expect(await bad.client.fetchV2({ user_id: 'u' })).toEqual({});
    expect(bad.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['fetchV2 failed, answering no variants: the answer is not a JSON object of variants']);
  });

  it('resolves {} with one error, and never calls the network, without a server or with an invalid user', async () => {
    const scheduler = createFakeScheduler();
    const logger = createRecordingLogger();
    let calls = 0;
    const platform: Platform = { clock: scheduler.clock, scheduler, http: { request: async () => ((calls += 1), { status: 200, headers: {}, body: '{}' }) } };
    const local = createCoreClient({ datafile: exampleDatafile, events: false, logger }, { platform });
    expect(await local.fetchV2({ user_id: 'u' })).toEqual({});
    const { client, requests, logger: l2 } = setup(() => ({ status: 200, headers: {}, body: '{}' }));
    expect(await client.fetchV2(null as never)).toEqual({});
    expect(await client.fetchV2({ user_id: 'u' }, { flagKeys: 'f' as never })).toEqual({});
    expect(calls + requests.length).toBe(0);
    expect(logger.lines.filter((x) => x.level === 'error')).toHaveLength(1);
    expect(l2.lines.filter((x) => x.level === 'error')).toHaveLength(2);
  });

  it('calls fetchAsyncV2 callbacks with the user, and a throwing callback is logged, not thrown', async () => {
    const { client, logger } = setup(() => ({ status: 200, headers: {}, body: '{"f":{"key":"on"}}' }));
    const user = { user_id: 'u' };
    const got = await new Promise((resolve) => client.fetchAsyncV2(user, (u, v) => resolve([u, v])));
    expect(got).toEqual([user, { f: { key: 'on' } }]);
    client.fetchAsyncV2(user, () => {
      throw new Error('boom');
    });
    for (let i = 0; i < 20 && !logger.lines.some((l) => l.message.includes('boom')); i++) await new Promise((r) => setTimeout(r, 5));
    expect(logger.lines.some((l) => l.level === 'error' && l.message.includes('a fetchAsyncV2 callback threw: boom'))).toBe(true);
  });
});
