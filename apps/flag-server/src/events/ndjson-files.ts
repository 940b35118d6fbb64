import { createReadStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const FILE = /^events-(\d{8})\.ndjson$/;

/** One stored line: the event as the SDK sent it, with when and in which batch it arrived. */
export interface StoredLine {
  receivedAt: number;
  batchId: string;
  event: Record<string, unknown> & { id: string; kind: string };
}

/**
 * The NDJSON files of one environment folder, oldest first, with their sequence numbers.
 *
 * @example
 * await listEventFiles('data/events/production'); // [{ name: 'events-00000001.ndjson', seq: 1 }]
 */
export async function listEventFiles(dir: string): Promise<{ name: string; seq: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: { name: string; seq: number }[] = [];
  for (const name of names) {
    const m = FILE.exec(name);
    if (m) files.push({ name, seq: Number(m[1]) });
  }
  return files.sort((a, b) => a.seq - b.seq);
}

/**
 * The file name of a sequence number.
 *
 * @example
 * eventFileName(3); // 'events-00000003.ndjson'
 */
export function eventFileName(seq: number): string {
  return `events-${String(seq).padStart(8, '0')}.ndjson`;
}

/**
 * Reads every stored line of an environment folder, oldest file first, calling `onLine` once per event id (a line
 * repeating an id already read, which only a failed write followed by a retry can leave, is skipped). Lines that
 * are not complete JSON (a crash in the middle of a write that was never acknowledged) are counted and skipped.
 *
 * @example
 * const { lines, skipped } = await readEventLines('data/events/production', (line) => count(line.event));
 */
export async function readEventLines(dir: string, onLine: (line: StoredLine) => void): Promise<{ lines: number; skipped: number }> {
  const seen = new Set<string>();
  let lines = 0;
  let skipped = 0;
  for (const file of await listEventFiles(dir)) {
    const input = createReadStream(join(dir, file.name), { encoding: 'utf8' });
    const reader = createInterface({ input, crlfDelay: Infinity });
    for await (const text of reader) {
      if (text === '') continue;
      let line: StoredLine;
      try {
        line = JSON.parse(text) as StoredLine;
      } catch {
        skipped++;
        continue;
      }
      const id = line?.event?.id;
      if (typeof id !== 'string' || typeof line.event.kind !== 'string') {
        skipped++;
        continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      lines++;
      onLine(line);
    }
  }
  return { lines, skipped };
}

/**
 * Flushes a folder's entry list to disk (after creating a file in it), where the platform allows it.
 *
 * @example
 * await syncDir('data/events/production');
 */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a folder; the file's own fsync still holds its content.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
