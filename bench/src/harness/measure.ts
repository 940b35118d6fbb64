// Timing and allocation measurement inside one child process: warm up, calibrate a sample to a target duration,
// take several samples, keep the median. Allocation is measured separately (see `measureHeap`).
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** How long to measure. */
export interface TimingOptions {
  warmupMs: number;
  samples: number;
  sampleMs: number;
}

/**
 * The timing of one operation. The primary figure is the process's CPU time (user + system, every thread), which
 * stays meaningful when other work shares the machine; wall-clock time is kept beside it.
 */
export interface Timing {
  /** Median CPU nanoseconds per operation. */
  nsPerOp: number;
  /** CPU nanoseconds per operation of each sample, in order. */
  samplesNs: number[];
  /** Median wall-clock nanoseconds per operation. */
  wallNsPerOp: number;
  opsPerSample: number;
}

/** A loop body: runs operation number `i` (a counter the loop owns). */
export type Step = (i: number) => unknown;

/** Keeps results observable so that the optimiser cannot drop the calls. */
let sink: unknown;

/** The last result a loop produced (read by the worker so `sink` is never dead). */
export function lastResult(): unknown {
  return sink;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `n` steps from `start`. Async steps are awaited one by one; with `sliceEvery` the loop yields to the event
 * loop every so many steps, as a server between requests, so timers and I/O (event flushes) get their turn.
 */
export async function runSteps(step: Step, isAsync: boolean, start: number, n: number, sliceEvery = 0): Promise<void> {
  const end = start + n;
  if (sliceEvery > 0) {
    for (let i = start; i < end; ) {
      const stop = Math.min(end, i + sliceEvery);
      if (isAsync) for (; i < stop; i++) sink = await step(i);
      else for (; i < stop; i++) sink = step(i);
      await yieldToLoop();
    }
    return;
  }
  if (isAsync) {
    for (let i = start; i < end; i++) sink = await step(i);
  } else {
    for (let i = start; i < end; i++) sink = step(i);
  }
}

function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** CPU time used by this process so far (user + system, all threads), in nanoseconds. */
function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1_000;
}

/** Times an operation: warm-up (which also calibrates), then `samples` samples of about `sampleMs` each. */
export async function timeSteps(step: Step, isAsync: boolean, options: TimingOptions, sliceEvery = 0): Promise<Timing> {
  let i = 0;
  let batch = 16;
  let spentNs = 0n;
  let ops = 0;
  const warmupNs = BigInt(Math.round(options.warmupMs * 1e6));
  while (spentNs < warmupNs) {
    const t0 = nowNs();
    await runSteps(step, isAsync, i, batch, sliceEvery);
    spentNs += nowNs() - t0;
    i += batch;
    ops += batch;
    if (batch < 1 << 20) batch *= 2;
  }
  const nsPerOpEstimate = Number(spentNs) / Math.max(1, ops);
  const opsPerSample = Math.max(1, Math.round((options.sampleMs * 1e6) / Math.max(1, nsPerOpEstimate)));
  const samplesNs: number[] = [];
  const wallNs: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const c0 = cpuNs();
    const t0 = nowNs();
    await runSteps(step, isAsync, i, opsPerSample, sliceEvery);
    wallNs.push(Number(nowNs() - t0) / opsPerSample);
    samplesNs.push((cpuNs() - c0) / opsPerSample);
    i += opsPerSample;
  }
  return { nsPerOp: median(samplesNs), samplesNs, wallNsPerOp: median(wallNs), opsPerSample };
}

/** Times a long operation (W3: one init) call by call: `warmups` untimed calls, then `samples` timed ones. */
export async function timeCalls(call: () => unknown, warmups: number, samples: number): Promise<Timing> {
  for (let w = 0; w < warmups; w++) sink = await call();
  const samplesNs: number[] = [];
  const wallNs: number[] = [];
  for (let s = 0; s < samples; s++) {
    collectGarbage();
    const c0 = cpuNs();
    const t0 = nowNs();
    sink = await call();
    wallNs.push(Number(nowNs() - t0));
    samplesNs.push(cpuNs() - c0);
  }
  return { nsPerOp: median(samplesNs), samplesNs, wallNsPerOp: median(wallNs), opsPerSample: 1 };
}

/** A full garbage collection when the process runs with `--expose-gc`; otherwise nothing. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Used heap after a full collection, in bytes. */
export function settledHeap(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Bytes allocated per operation, measured in chunks: a full GC, then `chunk` operations, then the growth of the
 * used heap. The process runs with a young generation large enough that a chunk triggers no scavenge; a chunk whose
 * heap shrank (a collection ran anyway) is discarded. Returns the median over the clean chunks, or NaN.
 */
export async function measureHeap(step: Step, isAsync: boolean, chunk: number, chunks: number, warmupOps: number): Promise<number> {
  await runSteps(step, isAsync, 0, warmupOps);
  let i = warmupOps;
  const perOp: number[] = [];
  for (let c = 0; c < chunks; c++) {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    await runSteps(step, isAsync, i, chunk);
    const after = process.memoryUsage().heapUsed;
    i += chunk;
    if (after >= before) perOp.push((after - before) / chunk);
  }
  return perOp.length === 0 ? Number.NaN : median(perOp);
}
