// Issue 15, item 4: a Kubernetes ConfigMap (or Secret) volume updates by swapping the `..data` symlink atomically.
// The layout, as the kubelet writes it:
//   flags.json -> ..data/flags.json,  ..data -> ..2026_01_01_00_00_00.1,  ..2026_01_01_00_00_00.1/flags.json
// An update writes a new timestamped directory, points `..data_tmp` at it, renames `..data_tmp` over `..data`
// and removes the old directory. No event ever names `flags.json`.
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleDatafile } from '../src/examples.js';
import { createClient } from '../src/index.js';
import type { EnsignClient } from '../src/index.js';
import { createNodeFileSystem } from '../src/platform/node-file-system.js';

let dir: string;
let client: EnsignClient | undefined;
let closeWatch: (() => void) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ensign-configmap-'));
});
afterEach(async () => {
  closeWatch?.();
  closeWatch = undefined;
  await client?.close();
  client = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const revision = (r: string) => JSON.stringify({ ...exampleDatafile, revision: r });

/** Writes revision `r` the way the kubelet does, into `..<stamp>`, and swaps `..data` to it. */
async function publish(r: string, stamp: string, previous?: string): Promise<void> {
  const data = join(dir, `..${stamp}`);
  await mkdir(data);
  await writeFile(join(data, 'flags.json'), revision(r));
  await symlink(`..${stamp}`, join(dir, '..data_tmp'));
  await rename(join(dir, '..data_tmp'), join(dir, '..data'));
  if (previous) await rm(join(dir, `..${previous}`), { recursive: true, force: true });
}

async function mountConfigMap(): Promise<string> {
  await publish('1', '2026_01_01_00_00_00.1');
  await symlink(join('..data', 'flags.json'), join(dir, 'flags.json'));
  return join(dir, 'flags.json');
}

describe('a datafilePath inside a Kubernetes ConfigMap volume', () => {
  it('sees an atomic ..data swap, and the next one', async () => {
    const path = await mountConfigMap();
    // A poll far slower than the test: the directory watch and the symlink target check must do the work.
    client = createClient({ datafilePath: path, logger: createRecordingLogger(), datafileDebounceMs: 20 });
    await client.onReady({ timeout: 5_000 });
    expect(client.getStatus().revision).toBe('1');
    await publish('2', '2026_02_01_00_00_00.2', '2026_01_01_00_00_00.1');
    await eventually(() => client?.getStatus().revision === '2');
    await publish('3', '2026_03_01_00_00_00.3', '2026_02_01_00_00_00.2');
    await eventually(() => client?.getStatus().revision === '3');
  });

  it('reports a swap from the file system port, and ignores unrelated entries in the directory', async () => {
    const path = await mountConfigMap();
    let changes = 0;
    const handle = createNodeFileSystem({ pollIntervalMs: 60_000 }).watch(path, () => changes++);
    closeWatch = () => handle.close();
    await new Promise((r) => setTimeout(r, 50));
    await writeFile(join(dir, 'unrelated.txt'), 'x');
    await new Promise((r) => setTimeout(r, 150));
    expect(changes).toBe(0);
    await publish('2', '2026_02_01_00_00_00.2', '2026_01_01_00_00_00.1');
    await eventually(() => changes > 0);
  });

  it('falls back to polling stat of the target when the directory cannot be watched', async () => {
    const path = await mountConfigMap();
    let changes = 0;
    const handle = createNodeFileSystem({ pollIntervalMs: 50, watchDirectory: false }).watch(path, () => changes++);
    closeWatch = () => handle.close();
    await new Promise((r) => setTimeout(r, 120));
    await publish('2', '2026_02_01_00_00_00.2', '2026_01_01_00_00_00.1');
    await eventually(() => changes > 0);
  });
});
