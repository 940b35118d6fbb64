import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { FlagServer } from '../src/index.js';
import { PROD_KEY, makeDataDir, removeDir, replaceFile, startTestServer } from './helpers.js';

describe('a datafile update with one broken flag', () => {
  let dir: string;
  let server: FlagServer;
  beforeEach(async () => {
    dir = await makeDataDir({ 'production.json': JSON.stringify(exampleDatafile) });
    server = await startTestServer(dir);
  });
  afterEach(async () => {
    await server.close();
    await removeDir(dir);
  });

  const evaluate = async (user: object) =>
    (await (await fetch(`${server.url}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': PROD_KEY }, body: JSON.stringify({ user }) })).json()) as Record<string, { key?: string }>;

  it('is served as it is, and evaluates with the last good version of the broken flag and the new version of the others', async () => {
    expect((await evaluate({ user_id: 'user-beta-1' }))['dark-mode']?.key).toBe('true');
    const next = JSON.parse(JSON.stringify(exampleDatafile)) as typeof exampleDatafile;
    next.revision = '43';
    const dark = next.flags.find((f) => f.key === 'dark-mode') as unknown as Record<string, unknown>;
    dark['variations'] = 'broken';
    const banner = next.flags.find((f) => f.key === 'legacy-banner') as unknown as Record<string, unknown>;
    banner['on'] = true;
    const text = JSON.stringify(next);
    await replaceFile(join(dir, 'production.json'), text);
    await server.reload();

    const served = await fetch(`${server.url}/v1/datafiles/${PROD_KEY}.json`);
    expect(await served.text()).toBe(await readFile(join(dir, 'production.json'), 'utf8'));
    const after = await evaluate({ user_id: 'user-beta-1' });
    expect(after['dark-mode']?.key).toBe('true');
    expect(after['legacy-banner']?.key).not.toBe((await evaluateWith(exampleDatafile))['legacy-banner']?.key);
  });
});

/** What the SDK answers for user-beta-1 on a datafile (a local client). */
async function evaluateWith(datafile: object) {
  const client = createClient({ datafile, events: false, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  try {
    return client.evaluate({ user_id: 'user-beta-1' }) as Record<string, { key?: string }>;
  } finally {
    await client.close();
  }
}
