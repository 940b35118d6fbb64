import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDatafile } from '@ensign/datafile-schema/testing';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, makeDataDir, openSse, removeDir, replaceFile, rawGet, startTestServer } from './helpers.js';

// The seam: compactDatafile throws while `failing.now` is set (a bug in it, or a document it cannot handle).
const failing = vi.hoisted(() => ({ now: false }));
vi.mock('@ensign/datafile-schema', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@ensign/datafile-schema')>();
  return {
    ...actual,
    compactDatafile: (...args: Parameters<typeof actual.compactDatafile>) => {
      if (failing.now) throw new Error('compaction exploded');
      return actual.compactDatafile(...args);
    },
  };
});

const text = (flags: number) => `${JSON.stringify(generateDatafile({ flags }))}\n`;

describe('a compaction that throws', () => {
  let dir = '';
  let server: FlagServer | null = null;
  const lines: string[] = [];
  const start = async (files: Record<string, string>) => {
    dir = await makeDataDir(files);
    server = await startTestServer(dir, { logger: { level: 'error', stream: { write: (line: string) => lines.push(line) } } });
    return `${server.url}/v1/datafiles/${PROD_KEY}.json`;
  };
  afterEach(async () => {
    failing.now = false;
    lines.length = 0;
    await server?.close();
    server = null;
    await removeDir(dir);
  });

  it('answers a compact request with the plain datafile, labelled plain, and logs the failure', async () => {
    failing.now = true;
    const written = text(20);
    const url = await start({ 'production.json': written });
    const compact = await rawGet(`${url}?encoding=compact`);
    expect(compact.status).toBe(200);
    expect(compact.headers['x-ensign-datafile-encoding']).toBe('plain');
    expect(compact.body.toString('utf8')).toBe(written);
    expect(compact.headers['etag']).toBe((await rawGet(url)).headers['etag']);
    expect(lines.filter((l) => l.includes('cannot be written in the compact encoding'))).toHaveLength(1);
    expect(lines.join('')).toContain('compaction exploded');
    // Written once per revision: a second request neither retries nor logs again.
    expect((await rawGet(`${url}?encoding=compact`)).body.toString('utf8')).toBe(written);
    expect(lines.filter((l) => l.includes('cannot be written in the compact encoding'))).toHaveLength(1);
  });

  it('sends every stream its patch (plain for the compact ones) when the new revision cannot be compacted', async () => {
    await start({ 'production.json': text(20) });
    const compactA = await openSse(`${server?.url}/v1/stream/${PROD_KEY}?encoding=compact`);
    const compactB = await openSse(`${server?.url}/v1/stream/${PROD_KEY}?encoding=compact`);
    const plain = await openSse(`${server?.url}/v1/stream/${PROD_KEY}`);
    try {
      for (const stream of [compactA, compactB]) expect(JSON.parse((await stream.next()).data).datafile).toContain('"flagTemplates"');
      await plain.next();
      failing.now = true;
      const next = text(21);
      await replaceFile(join(dir, 'production.json'), next);
      for (const stream of [compactA, compactB, plain]) {
        const patch = await stream.next(5_000);
        expect(patch.event).toBe('patch');
        expect(JSON.parse(patch.data).datafile).toBe(next);
      }
      expect(lines.filter((l) => l.includes('cannot be written in the compact encoding'))).toHaveLength(1);
    } finally {
      compactA.close();
      compactB.close();
      plain.close();
    }
  });
});
