// The child process of `bench:neutral` and `bench:instructions`: one row of one workload, nothing else in the
// process. Arguments: `<workload> <row> <mode> <calls> [poolCalls]`, mode `time` (a wall-clock and CPU sample of
// `calls` calls after the warm-up) or `count` (the warm-up, then `calls` calls, under callgrind: the parent runs it
// with 0 and N, both with N as `poolCalls`).
// The last stdout line is the JSON result. In count mode the child tells the parent when the measured part begins
// and ends (a `#ensign:measure` / `#ensign:end` line on stdout, then it waits for a line on stdin): the parent turns
// callgrind's instrumentation on and off there (`callgrind_control -i`), so start-up, the pool, the warm-up and exit
// are not counted at all, while everything the measured calls cause is (timers, microtasks, garbage collection,
// compilation, `finish`).
import { findWorkload } from '../instructions/workloads/index.js';
import { warmupCalls, type Facts, type NeutralOp, type Workload } from './op.js';
import { settleHeap } from './settle.js';
import { createNeutralPool } from './users.js';

/** What a child prints. */
export interface ChildResult {
  workload: string;
  row: string;
  mode: 'time' | 'count';
  calls: number;
  /** Time mode: wall-clock and CPU nanoseconds per call. */
  wallNs?: number;
  cpuNs?: number;
  facts: Facts;
}

/** How long a wall-clock sample waits after the collections before its timed calls (see `main`). */
const SWEEP_PAUSE_MS = 300;

let sink: unknown;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls `op.run(i)` for i in [from, to), awaiting async calls and yielding every `yieldEvery` calls. */
async function loop(op: NeutralOp, from: number, to: number, yieldEvery: number): Promise<void> {
  if (op.async === true) {
    for (let i = from; i < to; i++) {
      sink = await op.run(i);
      if (yieldEvery > 0 && (i + 1) % yieldEvery === 0) await yieldNow();
    }
  } else if (yieldEvery > 0) {
    for (let i = from; i < to; i++) {
      sink = op.run(i);
      if ((i + 1) % yieldEvery === 0) await yieldNow();
    }
  } else {
    for (let i = from; i < to; i++) sink = op.run(i);
  }
}

/** Count mode: tells the parent `#ensign:<what>` and waits for its answer line on stdin. */
function handshake(what: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('data', () => {
      process.stdin.pause();
      resolve();
    });
    process.stdin.resume();
    process.stdout.write(`#ensign:${what}\n`);
  });
}

async function main(argv: readonly string[]): Promise<ChildResult> {
  const [workloadName = '', rowName = '', mode = '', callsText = '', poolCallsText] = argv;
  const workload: Workload | undefined = findWorkload(workloadName);
  const row = workload?.rows.find((r) => r.name === rowName);
  if (workload === undefined || row === undefined) throw new Error(`no row ${rowName} in workload ${workloadName}`);
  if (mode !== 'time' && mode !== 'count') throw new Error(`mode must be time or count, got ${mode}`);
  const calls = Number(callsText);
  // The pool does not depend on `calls` in count mode, so the runs with 0 and N calls do the same setup work: it holds
  // the users of `poolCalls` (the parent's N, given to both runs; `workload.calls` by default).
  // Wall-clock samples warm up longer (see `Workload.timedWarmup`).
  const warmup = warmupCalls(workload, mode);
  const poolCalls = mode === 'count' ? Number(poolCallsText ?? workload.calls) : calls;
  if (!Number.isInteger(calls) || calls < 0 || !Number.isInteger(poolCalls) || calls > poolCalls) {
    throw new Error(`calls must be a whole number of at most the pool's ${poolCalls}, got ${callsText}`);
  }
  const pool = createNeutralPool(warmup + poolCalls);
  const op = await row.setup(pool);
  const yieldEvery = workload.yieldEvery ?? 0;
  // Warm-up and measured calls go through `loop` in the same chunks, so that `loop` itself is compiled during the
  // warm-up like everything it calls: one long warm-up call would leave it to be optimized during the measured
  // calls (tens of millions of instructions of compilation counted in the run with N calls only).
  // At least 20 chunks in the warm-up, at most 1 000 calls each.
  const chunk = Math.max(1, Math.min(1_000, Math.floor(warmup / 20)));
  const chunked = async (from: number, to: number) => {
    for (let c = from; c < to; c += chunk) await loop(op, c, Math.min(c + chunk, to), yieldEvery);
  };
  await chunked(0, warmup);
  // The setup's garbage collected now, not inside the measured part (settle.ts). Under plain `node` the collector then
  // sweeps on background threads: a wall-clock sample waits for that, or it overlaps the timed calls (their CPU time
  // was 1.3–1.6 times their wall time, the baseline's 66 ns per call became 74 ns).
  settleHeap();
  if (mode === 'time') await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));
  if (mode === 'count') await handshake('measure');
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await chunked(warmup, warmup + calls);
  const wall = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  const facts = op.finish ? await op.finish() : {};
  if (mode === 'count') await handshake('end');
  const result: ChildResult = { workload: workload.name, row: row.name, mode, calls, facts };
  if (mode === 'time' && calls > 0) {
    result.wallNs = wall / calls;
    result.cpuNs = ((cpu.user + cpu.system) * 1_000) / calls;
  }
  return result;
}

main(process.argv.slice(2)).then(
  (result) => {
    if (sink === Symbol.for('never')) console.log('');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
