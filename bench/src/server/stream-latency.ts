// The time from a datafile change on disk (an atomic rename) to the SSE `patch` carrying it, on one stream or on
// several (every instance of a fleet): a round ends when every stream has its patch.
import { rename, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Latencies of change → patch, ms, sorted. */
export interface StreamLatency {
  samples: number[];
  median: number;
  p95: number;
  max: number;
}

/** One SSE connection read event by event. */
interface StreamReader {
  /** Resolves at the next event named `name` (skipping others); rejects past `deadline` (performance.now() ms). */
  next(name: string, deadline: number): Promise<void>;
}

async function openStream(url: string, signal: AbortSignal): Promise<StreamReader> {
  const response = await fetch(url, { signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(name, deadline) {
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(`event: ${name}\n`)) return;
        }
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no ${name} in time from ${url}`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no ${name} in time from ${url}`)), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
  };
}

/**
 * Connects to each stream, then `rounds` times writes a new revision of the datafile and waits until every stream
 * has its `patch` (each wait bounded by `timeoutMs`).
 *
 * @example
 * await streamLatency([`${a}/v1/stream/${key}`, `${b}/v1/stream/${key}`], '/tmp/data/production.json', (i) => text(i), 20, 5_000);
 */
export async function streamLatency(streamUrls: string | readonly string[], file: string, textOf: (round: number) => string, rounds: number, timeoutMs: number): Promise<StreamLatency> {
  const controller = new AbortController();
  try {
    const streams = await Promise.all((typeof streamUrls === 'string' ? [streamUrls] : streamUrls).map((url) => openStream(url, controller.signal)));
    await Promise.all(streams.map((s) => s.next('put', performance.now() + timeoutMs)));
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const aside = `${file}.bench-${round}.tmp`;
      await writeFile(aside, textOf(round));
      const started = performance.now();
      await rename(aside, file);
      await Promise.all(streams.map((s) => s.next('patch', started + timeoutMs)));
      samples.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
    return { samples, median: at(0.5), p95: at(0.95), max: samples[samples.length - 1] as number };
  } finally {
    controller.abort();
  }
}
