import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { createClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { AmplitudeUser, EnsignClient } from '@ensign/node-sdk';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, STAGING_KEY, makeDataDir, removeDir, replaceFile, startTestServer } from './helpers.js';

const varied = generateDatafile({ flags: 60, variety: true, seed: 7 });

function users(count: number): AmplitudeUser[] {
  const list: AmplitudeUser[] = [];
  const countries = ['US', 'DE', 'FR', 'JP'];
  const plans = ['free', 'pro', 'enterprise'];
  for (let i = 0; i < count; i++) {
    const user: AmplitudeUser = { device_id: `device-${i}`, country: countries[i % 4] as string, user_properties: { plan: plans[i % 3] as string, age: 18 + (i % 50) } };
    if (i % 5 !== 0) user.user_id = `user-${i}`;
    if (i % 7 === 0) user.groups = { org: [`org-${i % 3}`] };
    list.push(user);
  }
  list.push({ user_id: 'user-42', country: 'US', user_properties: { plan: 'pro' } }, { user_id: 'user-beta-1' }, { user_id: 'user-qa-1' });
  return list;
}

describe('POST /v1/evaluate', () => {
  let dir: string;
  let server: FlagServer;
  let example: EnsignClient;
  let generated: EnsignClient;
  beforeAll(async () => {
    dir = await makeDataDir({
      'production.json': JSON.stringify(exampleDatafile),
      'staging.json': JSON.stringify(varied),
      'keys.json': JSON.stringify({ [PROD_KEY]: 'production', [STAGING_KEY]: 'staging' }),
    });
    server = await startTestServer(dir, { bodyLimitBytes: 64 * 1024 });
    example = createClient({ datafile: exampleDatafile, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    generated = createClient({ datafile: varied, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  });
  afterAll(async () => {
    await server.close();
    await example.close();
    await generated.close();
    await removeDir(dir);
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Api-Key ${PROD_KEY}` }) =>
    fetch(`${server.url}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers what the SDK\'s local evaluate answers, for every user, on the example and a generated datafile', async () => {
    for (const [key, client] of [[PROD_KEY, example], [STAGING_KEY, generated]] as const) {
      for (const user of users(40)) {
        const res = await post({ user }, { authorization: `Api-Key ${key}` });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(client.evaluate(user));
      }
    }
  });

  it('evaluates only the flagKeys asked for', async () => {
    const user = { user_id: 'user-42', country: 'US', user_properties: { plan: 'pro' } };
    const keys = ['pricing-page', 'dark-mode', 'no-such-flag'];
    const body = (await (await post({ user, flagKeys: keys })).json()) as Record<string, unknown>;
    expect(body).toEqual(example.evaluate(user, keys));
    expect(Object.keys(body).every((k) => keys.includes(k))).toBe(true);
  });

  it('accepts the key as Bearer, X-API-Key and a gzip body', async () => {
    const user = { user_id: 'user-beta-1' };
    const expected = example.evaluate(user);
    expect(await (await post({ user }, { authorization: `Bearer ${PROD_KEY}` })).json()).toEqual(expected);
    expect(await (await post({ user }, { 'x-api-key': PROD_KEY })).json()).toEqual(expected);
    const res = await fetch(`${server.url}/v1/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-api-key': PROD_KEY },
      body: gzipSync(JSON.stringify({ user })),
    });
    expect(await res.json()).toEqual(expected);
  });

  it('evaluates an Ensign context as the Amplitude user that converts to the same context', async () => {
    const user = { user_id: 'user-42', country: 'US', user_properties: { plan: 'pro' } };
    const context = { kind: 'user', key: 'user-42', user_id: 'user-42', country: 'US', user_properties: { plan: 'pro' } };
    expect(await (await post({ context })).json()).toEqual(example.evaluate(user));
    const grouped = { user_id: 'user-7', groups: { org: ['org-1'] } };
    const multi = { kind: 'multi', user: { key: 'user-7', user_id: 'user-7' }, org: { key: 'org-1', group_name: 'org-1' } };
    expect(await (await post({ context: multi }, { authorization: `Api-Key ${STAGING_KEY}` })).json()).toEqual(generated.evaluate(grouped));
  });

  it('follows the datafile when it changes', async () => {
    const user = { user_id: 'user-1' };
    const changed = JSON.parse(JSON.stringify(exampleDatafile)) as typeof exampleDatafile;
    changed.revision = '99';
    for (const flag of changed.flags) flag.on = false;
    await replaceFile(join(dir, 'production.json'), JSON.stringify(changed));
    await server.reload();
    const local = createClient({ datafile: changed, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    try {
      expect(await (await post({ user })).json()).toEqual(local.evaluate(user));
      expect(local.evaluate(user)).not.toEqual(example.evaluate(user));
    } finally {
      await local.close();
      await replaceFile(join(dir, 'production.json'), JSON.stringify(exampleDatafile));
      await server.reload();
    }
  });

  it.each([
    ['no key', {}, { user: { user_id: 'u' } }, 401, 'MISSING_SDK_KEY'],
    ['an unknown key', { authorization: 'Api-Key sdk-nobody-000000' }, { user: { user_id: 'u' } }, 401, 'UNKNOWN_SDK_KEY'],
    ['a user without ids', undefined, { user: { country: 'US' } }, 400, 'INVALID_USER'],
    ['an invalid context', undefined, { context: { kind: 'user' } }, 400, 'INVALID_CONTEXT'],
    ['both user and context', undefined, { user: { user_id: 'u' }, context: { kind: 'user', key: 'u' } }, 400, 'INVALID_BODY'],
    ['flagKeys that are not strings', undefined, { user: { user_id: 'u' }, flagKeys: [1] }, 400, 'INVALID_BODY'],
    ['an array body', undefined, [1, 2], 400, 'INVALID_BODY'],
  ])('answers %s with a JSON error', async (_what, headers, body, status, code) => {
    const res = await post(body, headers ?? { authorization: `Api-Key ${PROD_KEY}` });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers 400 to broken JSON, 415 to another media type or coding, 413 to a body over the limit, 404 to an unknown route', async () => {
    const base = { method: 'POST', headers: { 'x-api-key': PROD_KEY, 'content-type': 'application/json' } };
    const codeOf = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`, { ...base, body: '{"user": ' }))).toEqual([400, 'INVALID_JSON']);
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`, { ...base, headers: { ...base.headers, 'content-type': 'text/plain' }, body: 'hi' }))).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`, { ...base, headers: { ...base.headers, 'content-encoding': 'compress' }, body: '{}' }))).toEqual([415, 'BAD_CONTENT_ENCODING']);
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`, { ...base, headers: { ...base.headers, 'content-encoding': 'gzip' }, body: 'not gzip' }))).toEqual([400, 'BAD_CONTENT_ENCODING']);
    const big = JSON.stringify({ user: { user_id: 'u', user_properties: { pad: 'x'.repeat(100_000) } } });
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`, { ...base, body: big }))).toEqual([413, 'BODY_TOO_LARGE']);
    const bomb = gzipSync(Buffer.from(JSON.stringify({ user: { user_id: 'u', pad: ' '.repeat(1_000_000) } })));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`, { ...base, headers: { ...base.headers, 'content-encoding': 'gzip' }, body: bomb }))).toEqual([413, 'BODY_TOO_LARGE']);
    expect(await codeOf(await fetch(`${server.url}/v2/nothing`, { ...base, body: '{}' }))).toEqual([404, 'NOT_FOUND']);
    expect(await codeOf(await fetch(`${server.url}/v1/evaluate`))).toEqual([404, 'NOT_FOUND']);
  });

  it('keeps __proto__ in a body from reaching any prototype', async () => {
    const res = await fetch(`${server.url}/v1/evaluate`, {
      method: 'POST',
      headers: { 'x-api-key': PROD_KEY, 'content-type': 'application/json' },
      body: '{"user": {"user_id": "u", "__proto__": {"polluted": true}, "user_properties": {"__proto__": {"polluted": true}}}}',
    });
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
