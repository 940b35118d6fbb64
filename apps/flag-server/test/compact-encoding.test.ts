import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { compactDatafile, parseDatafile } from '@ensign/datafile-schema';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import { SIGNATURE_HEADER, writeSigningKey } from '../src/index.js';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, datafileText, makeDataDir, openSse, removeDir, replaceFile, rawGet, startTestServer } from './helpers.js';

const sha256 = (bytes: Buffer) => `"${createHash('sha256').update(bytes).digest('base64url')}"`;
const GENERATED = `${JSON.stringify(generateDatafile({ flags: 200 }), null, 2)}\n`;

describe('the compact encoding of GET /v1/datafiles/{sdkKey}.json?encoding=compact', () => {
  let dir = '';
  let server: FlagServer | null = null;
  const start = async (files: Record<string, string> = { 'production.json': GENERATED }, sign = false) => {
    dir = await makeDataDir(files);
    const publicPem = sign ? await writeSigningKey(join(dir, 'signing', 'k1.pem')) : '';
    server = await startTestServer(dir);
    return { url: `${server.url}/v1/datafiles/${PROD_KEY}.json`, publicPem };
  };
  afterEach(async () => {
    await server?.close();
    server = null;
    await removeDir(dir);
  });

  it('serves the same datafile with flag templates when asked, and the file as written otherwise', async () => {
    const { url } = await start();
    const plain = await rawGet(url);
    const compact = await rawGet(`${url}?encoding=compact`);
    expect(plain.body.equals(await readFile(join(dir, 'production.json')))).toBe(true);
    expect(plain.headers['x-ensign-datafile-encoding']).toBe('plain');
    expect(compact.status).toBe(200);
    expect(compact.headers['x-ensign-datafile-encoding']).toBe('compact');
    expect(compact.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(compact.body.toString('utf8')).toContain('"flagTemplates"');
    expect(compact.body.length).toBeLessThan(plain.body.length / 4);
    const fromPlain = parseDatafile(plain.body.toString('utf8'));
    const fromCompact = parseDatafile(compact.body.toString('utf8'));
    if (!fromPlain.ok || !fromCompact.ok) throw new Error('a served datafile does not parse');
    expect(fromCompact.quarantined).toEqual([]);
    expect(fromCompact.datafile).toEqual(fromPlain.datafile);
    // An unknown encoding is answered plain: a client asking for a later one still gets a datafile it reads.
    expect((await rawGet(`${url}?encoding=compact-v9`)).body.equals(plain.body)).toBe(true);
  });

  it('gives each encoding its own strong ETag (the SHA-256 of its bytes), and If-None-Match answers 304 per encoding', async () => {
    const { url } = await start();
    const plain = await rawGet(url);
    const compact = await rawGet(`${url}?encoding=compact`);
    expect(plain.headers['etag']).toBe(sha256(plain.body));
    expect(compact.headers['etag']).toBe(sha256(compact.body));
    expect(compact.headers['etag']).not.toBe(plain.headers['etag']);
    expect(compact.headers['x-ensign-revision']).toBe((compact.headers['etag'] as string).slice(1, -1));
    expect(compact.headers['vary']).toBe('Accept-Encoding');
    const compactTag = compact.headers['etag'] as string;
    const plainTag = plain.headers['etag'] as string;
    expect((await rawGet(`${url}?encoding=compact`, { 'if-none-match': compactTag })).status).toBe(304);
    expect((await rawGet(url, { 'if-none-match': plainTag })).status).toBe(304);
    // The other encoding's tag is not a match: the client gets the bytes it asked for.
    expect((await rawGet(url, { 'if-none-match': compactTag })).status).toBe(200);
    expect((await rawGet(`${url}?encoding=compact`, { 'if-none-match': plainTag })).status).toBe(200);
  });

  it('compresses the compact bytes with brotli or gzip, under the same ETag', async () => {
    const { url } = await start();
    const compact = await rawGet(`${url}?encoding=compact`);
    const br = await rawGet(`${url}?encoding=compact`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(compact.body)).toBe(true);
    const gz = await rawGet(`${url}?encoding=compact`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(compact.body)).toBe(true);
    expect(br.headers['etag']).toBe(compact.headers['etag']);
  });

  it('signs the compact bytes with their own signature, which verifies over them and not over the plain bytes', async () => {
    const { url, publicPem } = await start(undefined, true);
    const plain = await rawGet(url);
    const compact = await rawGet(`${url}?encoding=compact`);
    const signatureOf = (header: unknown) => Buffer.from(String(header).slice('k1='.length), 'base64');
    const key = createPublicKey(publicPem);
    expect(verify(null, compact.body, key, signatureOf(compact.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(verify(null, plain.body, key, signatureOf(compact.headers[SIGNATURE_HEADER]))).toBe(false);
    expect(verify(null, plain.body, key, signatureOf(plain.headers[SIGNATURE_HEADER]))).toBe(true);
  });

  it('streams the compact datafile to a stream opened with ?encoding=compact, with the compact ETag as revision', async () => {
    const { url } = await start(undefined, true);
    const compact = await rawGet(`${url}?encoding=compact`);
    const stream = await openSse(`${server?.url}/v1/stream/${PROD_KEY}?encoding=compact`);
    const plainStream = await openSse(`${server?.url}/v1/stream/${PROD_KEY}`);
    try {
      const put = JSON.parse((await stream.next()).data) as { revision: string; datafile: string; signatures: Record<string, string> };
      expect(put.datafile).toBe(compact.body.toString('utf8'));
      expect(`"${put.revision}"`).toBe(compact.headers['etag']);
      expect(`k1=${put.signatures['k1']}`).toBe(compact.headers[SIGNATURE_HEADER]);
      const plainPut = JSON.parse((await plainStream.next()).data) as { datafile: string };
      expect(plainPut.datafile).toBe(GENERATED);

      const next = `${JSON.stringify(generateDatafile({ flags: 201 }))}\n`;
      await replaceFile(join(dir, 'production.json'), next);
      const patch = await stream.next(5_000);
      expect(patch.event).toBe('patch');
      const data = JSON.parse(patch.data) as { revision: string; datafile: string };
      expect(data.datafile).toBe(JSON.stringify(compactDatafile(JSON.parse(next) as Parameters<typeof compactDatafile>[0])));
      expect(`"${data.revision}"`).toBe((await rawGet(`${url}?encoding=compact`)).headers['etag']);
      expect(JSON.parse((await plainStream.next(5_000)).data).datafile).toBe(next);
    } finally {
      stream.close();
      plainStream.close();
    }
  });

  it('answers the file as written (encoding plain) when its parse quarantines an entity, so both encodings quarantine alike', async () => {
    const broken = datafileText('43', (d) => {
      (d.flags[0] as unknown as Record<string, unknown>)['variations'] = 'broken';
    });
    const { url } = await start({ 'production.json': broken });
    const compact = await rawGet(`${url}?encoding=compact`);
    expect(compact.body.toString('utf8')).toBe(broken);
    expect(compact.headers['x-ensign-datafile-encoding']).toBe('plain');
    expect(compact.headers['etag']).toBe((await rawGet(url)).headers['etag']);
  });

  it('answers a file already written with flag templates as it is, in both encodings', async () => {
    const text = JSON.stringify(compactDatafile(generateDatafile({ flags: 30 })));
    const { url } = await start({ 'production.json': text });
    const compact = await rawGet(`${url}?encoding=compact`);
    expect(compact.body.toString('utf8')).toBe(text);
    expect(compact.headers['x-ensign-datafile-encoding']).toBe('compact');
    expect(compact.headers['etag']).toBe((await rawGet(url)).headers['etag']);
  });
});
