// A job is one (workload, subject) measurement run in its own child process; its result comes back over IPC.

/** The workloads. */
export type Workload = 'W1' | 'W2' | 'W3' | 'W4';

/** The workloads as run-time values, in report order. */
export const WORKLOADS = Object.freeze(['W1', 'W2', 'W3', 'W4'] as const satisfies readonly Workload[]);

/** `time` measures speed; `heap` measures allocation in a process tuned so that a chunk triggers no GC. */
export type JobKind = 'time' | 'heap';

/** How long to measure, by mode. */
export interface Budget {
  warmupMs: number;
  samples: number;
  sampleMs: number;
  /** W3: untimed and timed inits. */
  initWarmups: number;
  initSamples: number;
  /** Heap: operations per chunk and chunks. */
  heapChunk: number;
  heapChunks: number;
  /** W4: distinct users every row goes through after the timed samples (the heap mark and the event counts). */
  eventVolume: number;
  /** W4: distinct users the Ensign rows go on to, for the bounded-heap check. */
  distinctUsers: number;
}

/** The default run: a few minutes in all. */
export const FULL_BUDGET: Budget = Object.freeze({
  warmupMs: 400,
  samples: 9,
  sampleMs: 150,
  initWarmups: 2,
  initSamples: 7,
  heapChunk: 2_000,
  heapChunks: 9,
  eventVolume: 100_000,
  distinctUsers: 1_000_000,
});

/** `--quick`: enough to see the shape of the results, and for the smoke test. */
export const QUICK_BUDGET: Budget = Object.freeze({
  warmupMs: 80,
  samples: 5,
  sampleMs: 40,
  initWarmups: 1,
  initSamples: 3,
  heapChunk: 1_000,
  heapChunks: 5,
  eventVolume: 20_000,
  distinctUsers: 100_000,
});

/** One measurement to run in a child. */
export interface Job {
  workload: Workload;
  subject: string;
  kind: JobKind;
  /** W3: how many flags the configuration holds. */
  flags?: number;
  budget: Budget;
  /** W4: the loopback discard server. */
  eventsUrl?: string;
}

/** W4 extras. */
export interface EventReport {
  expected: number;
  delivered: number;
  dropped: number;
  other: number;
  note: string;
  closeMs: number;
  closeNote?: string;
  /** Heap growth (bytes) after 100 k and after N distinct users, when measured. */
  heapAfter?: { users: number; bytes: number }[];
}

/** What a child reports. */
export type JobResult =
  | {
      ok: true;
      job: Job;
      /** Median CPU nanoseconds per operation (process user + system time). */
      nsPerOp?: number;
      samplesNs?: number[];
      /** Median wall-clock nanoseconds per operation. */
      wallNsPerOp?: number;
      opsPerSample?: number;
      /** Bytes allocated per 100 000 flag evaluations (heap jobs). */
      bytesPer100k?: number;
      events?: EventReport;
    }
  | { ok: false; job: Job; error: string; missing: boolean };

/** A readable label of a job. */
export function jobLabel(job: Job): string {
  const size = job.flags === undefined ? '' : ` (${job.flags} flags)`;
  return `${job.workload} ${job.subject}${size} [${job.kind}]`;
}
