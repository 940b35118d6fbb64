import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactDatafile } from '@ensign/datafile-schema';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, STAGING_KEY, datafileText, makeDataDir, removeDir, replaceFile, rawGet, startTestServer, waitFor } from './helpers.js';

describe('GET /v1/datafiles/{sdkKey}.json', () => {
  let dir: string;
  let server: FlagServer;
  beforeEach(async () => {
    dir = await makeDataDir();
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await server.close();
    await removeDir(dir);
  });

  it('serves the exact bytes of the file with a strong ETag that is the SHA-256 of those bytes', async () => {
    const bytes = await readFile(join(dir, 'production.json'));
    const res = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
    expect(res.headers['etag']).toBe(`"${createHash('sha256').update(bytes).digest('base64url')}"`);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-ensign-signature']).toBeUndefined();
  });

  it('answers 304 with no body to If-None-Match naming the current tag, and 200 to a stale tag', async () => {
    const first = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    const etag = first.headers['etag'] as string;
    const again = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    const listed = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'if-none-match': `"stale", W/${etag}` });
    expect(listed.status).toBe(304);
    const stale = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'if-none-match': '"stale"' });
    expect(stale.status).toBe(200);
  });

  it('compresses with gzip or brotli as Accept-Encoding asks, and the bodies decompress to the same bytes', async () => {
    const bytes = await readFile(join(dir, 'production.json'));
    const gz = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(bytes)).toBe(true);
    expect(gz.body.length).toBeLessThan(bytes.length);
    const br = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(bytes)).toBe(true);
    expect(br.headers['vary']).toBe('Accept-Encoding');
    const refused = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(bytes)).toBe(true);
  });

  it('answers 401 with a JSON error for an unknown SDK key, and 404 for a path without .json', async () => {
    const res = await fetch(`${server.url}/v1/datafiles/sdk-nobody-0000000000.json`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNKNOWN_SDK_KEY', message: expect.any(String) } });
    const bare = await fetch(`${server.url}/v1/datafiles/${PROD_KEY}`);
    expect(bare.status).toBe(404);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('serves a changed file after it changes on disk, with a new ETag', async () => {
    const before = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    const next = datafileText('43');
    await replaceFile(join(dir, 'production.json'), next);
    const after = await waitFor(async () => {
      const res = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
      return res.headers['etag'] !== before.headers['etag'] ? res : undefined;
    });
    expect(after.body.toString('utf8')).toBe(next);
    const stale = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`, { 'if-none-match': before.headers['etag'] as string });
    expect(stale.status).toBe(200);
  });

  it('keeps serving the last good datafile when the file turns invalid, and takes the next good one', async () => {
    const good = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    await replaceFile(join(dir, 'production.json'), '{ "schemaVersion": 1, "flags": [ {"key": ');
    await replaceFile(join(dir, 'production.json'), '{ "schemaVersion": 99 }');
    await server.reload();
    const during = await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    expect(during.status).toBe(200);
    expect(during.body.equals(good.body)).toBe(true);
    const next = datafileText('44');
    await replaceFile(join(dir, 'production.json'), next);
    await waitFor(async () => ((await rawGet(`${server.url}/v1/datafiles/${PROD_KEY}.json`)).body.toString('utf8') === next ? true : undefined));
  });

  it('reloads keys.json: a new key serves its environment and a removed key is refused', async () => {
    await writeFile(join(dir, 'staging.json'), datafileText('staging-1', (d) => (d.environment = 'staging')));
    await replaceFile(join(dir, 'keys.json'), JSON.stringify({ [STAGING_KEY]: 'staging' }));
    const staging = await waitFor(async () => {
      const res = await fetch(`${server.url}/v1/datafiles/${STAGING_KEY}.json`);
      return res.status === 200 ? ((await res.json()) as { revision: string }) : undefined;
    });
    expect(staging.revision).toBe('staging-1');
    expect((await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`)).status).toBe(401);
  });

  it('keeps the last good keys when keys.json turns invalid', async () => {
    await replaceFile(join(dir, 'keys.json'), '{ not json');
    await server.reload();
    expect((await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`)).status).toBe(200);
  });

  it('is ready once every environment of keys.json has a datafile, and healthy regardless', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ready: boolean; environments: Record<string, string> };
    expect(body.ready).toBe(true);
    expect(Object.keys(body.environments)).toEqual(['production']);
    await replaceFile(join(dir, 'keys.json'), JSON.stringify({ [PROD_KEY]: 'production', [STAGING_KEY]: 'missing-env' }));
    await server.reload();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const unavailable = await fetch(`${server.url}/v1/datafiles/${STAGING_KEY}.json`);
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as { error: { code: string } }).error.code).toBe('DATAFILE_UNAVAILABLE');
  });
});

describe('a datafile file in the compact encoding (flag templates)', () => {
  it('is served byte for byte, and the server evaluates its flags as the plain file', async () => {
    const plain = generateDatafile({ flags: 30 });
    const compactText = JSON.stringify(compactDatafile(plain));
    expect(compactText).toContain('"flagTemplates"');
    const compactDir = await makeDataDir({ 'production.json': compactText });
    const plainDir = await makeDataDir({ 'production.json': JSON.stringify(plain) });
    const compactServer = await startTestServer(compactDir);
    const plainServer = await startTestServer(plainDir);
    try {
      const served = await rawGet(`${compactServer.url}/v1/datafiles/${PROD_KEY}.json`);
      expect(served.body.toString('utf8')).toBe(compactText);
      const evaluate = (url: string, user: unknown) =>
        fetch(`${url}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': PROD_KEY }, body: JSON.stringify({ user }) }).then((r) => r.json());
      for (const user of [{ user_id: 'u-1', country: 'US', user_properties: { plan: 'pro' } }, { user_id: 'u-2', country: 'DE' }]) {
        const fromCompact = (await evaluate(compactServer.url, user)) as Record<string, unknown>;
        expect(Object.keys(fromCompact)).toHaveLength(30);
        expect(fromCompact).toEqual(await evaluate(plainServer.url, user));
      }
    } finally {
      await compactServer.close();
      await plainServer.close();
      await removeDir(compactDir);
      await removeDir(plainDir);
    }
  });
});

