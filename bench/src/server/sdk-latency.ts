// The time from a datafile change on disk (an atomic rename) to an SDK client seeing it: one client streaming, one
// polling every second, both `@ensign/node-sdk` clients against the running flag server.
import { rename, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createClient } from '@ensign/node-sdk';
import type { EnsignClient } from '@ensign/node-sdk';

/** Latencies of change → update seen by a client, ms. */
export interface SdkLatency {
  streaming: { median: number; p95: number; max: number };
  polling: { median: number; p95: number; max: number };
  pollingIntervalMs: number;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] as number };
}

/** Resolves when `client` applies `revision`, or rejects after `timeoutMs`. */
function seen(client: EnsignClient, revision: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`revision ${revision} not seen within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on('update', (event) => {
      if (event.revision !== revision) return;
      clearTimeout(timer);
      off();
      resolve(performance.now());
    });
  });
}

/**
 * `rounds` times: writes a new revision of the datafile and measures when a streaming client and a polling client
 * (every `pollingIntervalMs`) apply it. Each change comes at a random phase of the polling timer, so polling latency is about half the interval on
 * average and at most one interval (plus the server's debounce and one request).
 *
 * @example
 * await sdkLatency(url, KEY, '/tmp/data/production.json', (i) => text(i), 10, 1_000);
 */
export async function sdkLatency(serverUrl: string, sdkKey: string, file: string, textOf: (round: number) => string, rounds: number, pollingIntervalMs: number): Promise<SdkLatency> {
  const streaming = createClient({ sdkKey, serverUrl, streaming: true, events: false, logger: quiet });
  const polling = createClient({ sdkKey, serverUrl, flagConfigPollingIntervalMillis: pollingIntervalMs, events: false, logger: quiet });
  try {
    for (const client of [streaming, polling]) {
      const ready = await client.onReady({ timeout: 10_000 });
      if (!ready.success) throw new Error(`SDK client not ready: ${ready.reason}`);
    }
    const stream: number[] = [];
    const poll: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // A random phase against the polling timer: otherwise every change would land just after a poll.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * pollingIntervalMs));
      const text = textOf(round);
      const revision = (JSON.parse(text) as { revision: string }).revision;
      const aside = `${file}.sdk-bench-${round}.tmp`;
      await writeFile(aside, text);
      const waits = [seen(streaming, revision, 10_000), seen(polling, revision, pollingIntervalMs + 10_000)];
      const started = performance.now();
      await rename(aside, file);
      const [s, p] = await Promise.all(waits);
      stream.push((s as number) - started);
      poll.push((p as number) - started);
    }
    return { streaming: summary(stream), polling: summary(poll), pollingIntervalMs };
  } finally {
    await Promise.all([streaming.close(), polling.close()]);
  }
}
