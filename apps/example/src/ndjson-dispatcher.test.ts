import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnsignEvent, EventBatch } from '@ensign/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createNdjsonDispatcher, readRecentEvents } from './ndjson-dispatcher.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function batchOf(ids: string[]): EventBatch {
  return { schemaVersion: 1, batchId: ids.join('+'), sentAt: 0, events: ids.map((id) => ({ kind: 'identify', id, timestamp: 0, context: { kind: 'user', key: id } }) as unknown as EnsignEvent) } as EventBatch;
}

describe('the NDJSON dispatcher', () => {
  it('appends every event of every batch as one line, and reads them back newest first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ndjson-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'events.ndjson');
    const dispatcher = createNdjsonDispatcher(file);
    expect(await dispatcher.dispatch(batchOf(['a', 'b']), { attempt: 1 })).toEqual({ delivered: true });
    await appendFile(file, '{"torn": \n');
    expect(await dispatcher.dispatch(batchOf(['c']), { attempt: 1 })).toEqual({ delivered: true });
    expect((await readRecentEvents(file, 10)).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect((await readRecentEvents(file, 2)).map((e) => e.id)).toEqual(['c', 'b']);
  });

  it('reports a failed write as retryable, and a missing file as no events', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ndjson-'));
    dirs.push(dir);
    const result = await createNdjsonDispatcher(dir).dispatch(batchOf(['x']), { attempt: 1 });
    expect(result).toMatchObject({ delivered: false, retryable: true });
    expect(await readRecentEvents(join(dir, 'none.ndjson'), 5)).toEqual([]);
  });
});
