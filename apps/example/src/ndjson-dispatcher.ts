// Events delivered to a local NDJSON file (one event per line) when no flag server is configured, so the page can show
// what the SDK recorded without any network.
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EnsignEvent, EventDispatcher } from '@ensign/node-sdk';

/** How much of the end of the file {@link readRecentEvents} reads at most. */
const TAIL_BYTES = 256 * 1024;

/**
 * An event dispatcher for `createClient({ eventDispatcher })` that appends each batch's events to an NDJSON file.
 * A failed write is reported as retryable, so the SDK's pipeline retries it and counts it if it gives up.
 *
 * @param filePath - the NDJSON file; its folder is created when missing.
 * @returns the dispatcher.
 * @example
 * createClient({ datafilePath, eventDispatcher: createNdjsonDispatcher('.data/events.ndjson') });
 */
export function createNdjsonDispatcher(filePath: string): EventDispatcher {
  return {
    async dispatch(batch) {
      try {
        await mkdir(dirname(filePath), { recursive: true });
        await appendFile(filePath, batch.events.map((event) => `${JSON.stringify(event)}\n`).join(''));
        return { delivered: true };
      } catch (error) {
        return { delivered: false, retryable: true, error };
      }
    },
  };
}

/**
 * The last events of an NDJSON file, newest first. A missing file gives `[]`; unreadable lines are skipped.
 *
 * @param filePath - the NDJSON file.
 * @param limit - how many events at most.
 * @returns the events.
 * @example
 * const conversions = (await readRecentEvents(file, 50)).filter((e) => e.kind === 'conversion');
 */
export async function readRecentEvents(filePath: string, limit: number): Promise<EnsignEvent[]> {
  let text: string;
  try {
    const handle = await open(filePath, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      text = buffer.toString('utf8');
      // A partial first line (cut by the tail window) is dropped.
      if (length < size) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
  const events: EnsignEvent[] = [];
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0 && events.length < limit; i--) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    try {
      events.push(JSON.parse(line) as EnsignEvent);
    } catch {
      // A torn or foreign line: skip it.
    }
  }
  return events;
}
