// The time from a datafile change on disk (an atomic rename) to the SSE `patch` carrying it.
import { rename, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Latencies of change → patch, ms, sorted. */
export interface StreamLatency {
  samples: number[];
  median: number;
  p95: number;
  max: number;
}

/**
 * Connects to the stream, then `rounds` times writes a new revision of the datafile and waits for its `patch`
 * (each wait bounded by `timeoutMs`).
 *
 * @example
 * await streamLatency(`${url}/v1/stream/${key}`, '/tmp/data/production.json', (i) => text(i), 20, 5_000);
 */
export async function streamLatency(streamUrl: string, file: string, textOf: (round: number) => string, rounds: number, timeoutMs: number): Promise<StreamLatency> {
  const controller = new AbortController();
  const response = await fetch(streamUrl, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextEvent = async (name: string, deadline: number): Promise<void> => {
    for (;;) {
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(`event: ${name}\n`)) return;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no ${name} within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  try {
    await nextEvent('put', performance.now() + timeoutMs);
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const aside = `${file}.bench-${round}.tmp`;
      await writeFile(aside, textOf(round));
      const started = performance.now();
      await rename(aside, file);
      await nextEvent('patch', started + timeoutMs);
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
