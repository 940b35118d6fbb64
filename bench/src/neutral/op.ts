// What a row of the neutral workload gives its child process: one operation over the user pool, and how to end it.
import type { NeutralPool } from './users.js';

/** Facts a row reports after its calls (W4: close time, events, drops), printed beside its figures. */
export type Facts = Record<string, number | string>;

/** A prepared operation: call `i` uses user `i` of the pool (a fresh key) and, for one-flag rows, flag `i % 100`. */
export interface NeutralOp {
  run(i: number): unknown;
  /** Whether `run` returns a promise (LaunchDarkly's `variation`): the loop then awaits each call. */
  async?: boolean;
  /** Flag evaluations per call (W2: 100). */
  evaluations: number;
  /** After the calls: shut down and report facts (W4: `close()` time, events delivered, drops). */
  finish?(): Promise<Facts>;
}

/** One row of a workload: an implementation and how to prepare it. */
export interface WorkloadRow {
  /** Unique within its workload, e.g. `ensign-variation`. */
  readonly name: string;
  /** What one call does, for the report. */
  readonly what: string;
  /** Counted by `bench:instructions` (the baseline, Ensign's rows, amplitude-core); every row is timed by `bench:neutral`. */
  readonly instructions: boolean;
  setup(pool: NeutralPool): Promise<NeutralOp>;
}

/** Figures of one row, as the report gets them. */
export interface RowFigures {
  row: string;
  /** Per call. */
  value: number;
  facts: Facts;
}

/** A workload: its rows and how the instruction harness runs them. */
export interface Workload {
  /** `W1`, `W2`, `W3`, `W4`. */
  readonly name: string;
  readonly title: string;
  /** Calls of the measured run of `bench:instructions` (the other run makes 0 after the same warm-up). */
  readonly calls: number;
  /** Calls made before either measured run of `bench:instructions`. */
  readonly warmup: number;
  /**
   * Calls made before a wall-clock sample of `bench:neutral` (default `warmup`). Longer than `warmup` where the JIT
   * needs it: `bench:instructions` runs V8 with `--single-threaded`, so code is compiled when it is asked for, while
   * under plain `node` it is compiled on a background thread and installed later, and the main thread meanwhile runs
   * the slower code (W1's `variation` ran 40–60 % over its steady cost through the 100 000 calls after a 20 000-call
   * warm-up).
   */
  readonly timedWarmup?: number;
  /** Calls of one wall-clock sample of `bench:neutral` (0: the workload is not timed there). */
  readonly timedCalls: number;
  /** Yield to the event loop every this many calls (W4: a server between requests, so batches can be delivered). */
  readonly yieldEvery?: number;
  /** What one call is, for the report: `evaluation`, `call (100 flags)`, `init`. */
  readonly unit: string;
  /** Flags per call, for the per-flag column (default: 100 when `unit` says `100 flags`, else 1). */
  readonly flags?: number;
  /** The row the others are compared with (`× reference`); default `baseline` (W3: `growthbook`). */
  readonly reference?: string;
  readonly rows: readonly WorkloadRow[];
  /** Lines a workload adds under its table (W4: overhead over W1), from every row's figures. */
  summarize?(figures: readonly RowFigures[]): string[];
}

/**
 * The calls made before the measured ones: `timedWarmup` (or `warmup`) for a wall-clock sample, `warmup` under
 * callgrind, where V8 runs `--single-threaded` and compiles code when it is asked for.
 */
export function warmupCalls(workload: Workload, mode: 'time' | 'count'): number {
  return mode === 'time' ? (workload.timedWarmup ?? workload.warmup) : workload.warmup;
}
