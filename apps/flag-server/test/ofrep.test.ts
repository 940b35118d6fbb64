import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { EnsignClient } from '@ensign/node-sdk';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, makeDataDir, removeDir, startTestServer } from './helpers.js';

describe('OFREP endpoints', () => {
  let dir: string;
  let server: FlagServer;
  let local: EnsignClient;
  beforeAll(async () => {
    dir = await makeDataDir({ 'production.json': JSON.stringify(exampleDatafile) });
    server = await startTestServer(dir);
    local = createClient({ datafile: exampleDatafile, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  });
  afterAll(async () => {
    await server.close();
    await local.close();
    await removeDir(dir);
  });

  const single = (key: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${PROD_KEY}` }) =>
    fetch(`${server.url}/ofrep/v1/evaluate/flags/${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('evaluates one flag with the targeting key as the user key and the other attributes as attributes', async () => {
    const res = await single('dark-mode', { context: { targetingKey: 'user-beta-1' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const detail = local.variationDetail('dark-mode', { kind: 'user', key: 'user-beta-1' }, null);
    expect(body).toMatchObject({ key: 'dark-mode', value: detail.value, variant: 'true', reason: 'TARGETING_MATCH' });
    expect(body['metadata']).toMatchObject({ flagVersion: 7 });

    const context = { targetingKey: 'user-42', country: 'US', plan: 'pro' };
    const ab = (await (await single('checkout-redesign', { context }, { 'x-api-key': PROD_KEY })).json()) as Record<string, unknown>;
    const expected = local.variationDetail('checkout-redesign', { kind: 'user', key: 'user-42', country: 'US', plan: 'pro' }, null);
    expect(ab['value']).toEqual(expected.value);
    expect(ab['reason']).toBe(expected.reason.inExperiment === true ? 'SPLIT' : 'TARGETING_MATCH');
  });

  it('uses the kind given in the context', async () => {
    const context = { targetingKey: 'org-acme', kind: 'org', tier: 'enterprise' };
    const body = (await (await single('enterprise-dashboard', { context })).json()) as Record<string, unknown>;
    expect(body['value']).toEqual(local.variationDetail('enterprise-dashboard', { kind: 'org', key: 'org-acme', tier: 'enterprise' }, null).value);
  });

  it('answers DISABLED with the off variation for a flag switched off', async () => {
    const body = (await (await single('legacy-banner', { context: { targetingKey: 'u' } })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ key: 'legacy-banner', reason: 'DISABLED', variant: 'hidden', value: false });
  });

  it.each([
    ['an unknown flag', 'no-such-flag', { context: { targetingKey: 'u' } }, 404, 'FLAG_NOT_FOUND'],
    ['no targeting key', 'dark-mode', { context: { plan: 'pro' } }, 400, 'TARGETING_KEY_MISSING'],
    ['no context', 'dark-mode', {}, 400, 'TARGETING_KEY_MISSING'],
    ['a targeting key that is not a string', 'dark-mode', { context: { targetingKey: 42 } }, 400, 'INVALID_CONTEXT'],
    ['a context that is not an object', 'dark-mode', { context: 'user-1' }, 400, 'INVALID_CONTEXT'],
    ['an invalid kind', 'dark-mode', { context: { targetingKey: 'u', kind: 'not a kind!' } }, 400, 'INVALID_CONTEXT'],
    ['broken JSON', 'dark-mode', '{"context": ', 400, 'PARSE_ERROR'],
  ])('answers %s with the OFREP error shape', async (_what, key, body, status, errorCode) => {
    const res = await single(key, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ key, errorCode, errorDetails: expect.any(String) });
  });

  it('answers 401 without a key or with an unknown one', async () => {
    expect((await single('dark-mode', { context: { targetingKey: 'u' } }, {})).status).toBe(401);
    expect((await single('dark-mode', { context: { targetingKey: 'u' } }, { authorization: 'Bearer sdk-nobody-00000' })).status).toBe(401);
  });

  it('evaluates every flag in bulk, with an ETag that answers 304 while nothing changed', async () => {
    const url = `${server.url}/ofrep/v1/evaluate/flags`;
    const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${PROD_KEY}` }, body: JSON.stringify({ context: { targetingKey: 'user-42', country: 'US', plan: 'pro' } }) };
    const res = await fetch(url, init);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { flags: { key: string; value?: unknown }[] };
    expect(body.flags.map((f) => f.key)).toEqual(exampleDatafile.flags.map((f) => f.key));
    for (const flag of body.flags) {
      const detail = local.variationDetail(flag.key, { kind: 'user', key: 'user-42', country: 'US', plan: 'pro' }, null);
      if (detail.value === null) expect(flag.value).toBeUndefined();
      else expect(flag.value).toEqual(detail.value);
    }
    const etag = res.headers.get('etag') as string;
    expect((await fetch(url, { ...init, headers: { ...init.headers, 'if-none-match': etag } })).status).toBe(304);
    const other = await fetch(url, { ...init, headers: { ...init.headers, 'if-none-match': etag }, body: JSON.stringify({ context: { targetingKey: 'user-beta-1' } }) });
    expect(other.status).toBe(200);
    const missing = await fetch(url, { ...init, body: JSON.stringify({ context: {} }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errorCode: 'TARGETING_KEY_MISSING', errorDetails: expect.any(String) });
  });

  it('describes itself on /ofrep/v1/configuration', async () => {
    const res = await fetch(`${server.url}/ofrep/v1/configuration`, { headers: { 'x-api-key': PROD_KEY } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('ensign-flag-server');
  });
});
