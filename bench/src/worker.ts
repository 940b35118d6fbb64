// The child process of one job: loads one subject, runs one workload, reports a JobResult over IPC (or prints it
// as the last stdout line when there is no IPC channel). Started by run.ts with --expose-gc and the source condition.
import { collectGarbage, lastResult, measureHeap, runSteps, settledHeap, timeCalls, timeSteps, type Step } from './harness/measure.js';
import { MissingImplementationError } from './harness/missing.js';
import type { EventReport, Job, JobResult } from './harness/job.js';
import type { EventSession, Subject } from './harness/subject.js';
import { loadSubject } from './subjects.js';
import { FLAG_COUNT } from './workload/spec.js';
import { createUserPool, POOL_SIZE, userCountry, userId, userPlan } from './workload/users.js';

/** W4 yields to the event loop every this many decisions, as a server between requests. */
const SLICE = 1_000;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new MissingImplementationError(`${what} is not offered`);
  return value;
}

async function w1(subject: Subject, job: Job): Promise<Partial<JobResult>> {
  const op = await need(subject.w1, `${subject.name} W1`).call(subject);
  const { ids, countries, plans } = createUserPool();
  const step: Step = (i) => {
    const u = i % POOL_SIZE;
    return op.run(i % FLAG_COUNT, ids[u] as string, countries[u] as string, plans[u] as string);
  };
  try {
    return await measure(step, op.async, op.evaluationsPerCall, job);
  } finally {
    await op.close?.();
  }
}

async function w2(subject: Subject, job: Job): Promise<Partial<JobResult>> {
  const op = await need(subject.w2, `${subject.name} W2`).call(subject);
  const { ids, countries, plans } = createUserPool();
  const step: Step = (i) => {
    const u = i % POOL_SIZE;
    return op.run(ids[u] as string, countries[u] as string, plans[u] as string);
  };
  try {
    return await measure(step, op.async, op.evaluationsPerCall, job);
  } finally {
    await op.close?.();
  }
}

async function measure(step: Step, isAsync: boolean, evaluationsPerCall: number, job: Job): Promise<Partial<JobResult>> {
  const b = job.budget;
  if (job.kind === 'heap') {
    const chunk = Math.max(10, Math.round(b.heapChunk / evaluationsPerCall));
    const bytesPerOp = await measureHeap(step, isAsync, chunk, b.heapChunks, chunk * 20);
    return { bytesPer100k: (bytesPerOp * 100_000) / evaluationsPerCall };
  }
  const t = await timeSteps(step, isAsync, b);
  return { nsPerOp: t.nsPerOp, samplesNs: t.samplesNs, wallNsPerOp: t.wallNsPerOp, opsPerSample: t.opsPerSample };
}

async function w3(subject: Subject, job: Job): Promise<Partial<JobResult>> {
  const init = await need(subject.w3, `${subject.name} W3`).call(subject, need(job.flags, 'W3 flag count'));
  const t = await timeCalls(init.run, job.budget.initWarmups, job.budget.initSamples);
  return { nsPerOp: t.nsPerOp, samplesNs: t.samplesNs, wallNsPerOp: t.wallNsPerOp, opsPerSample: 1 };
}

/**
 * Heap growth (after a full GC) at each mark while that many distinct users go through the session. Their numbers
 * start past the pool, so none of them was seen by the timed samples.
 */
async function distinctUserHeap(session: EventSession, marks: readonly number[]): Promise<{ users: number; bytes: number }[]> {
  const step: Step = (i) => {
    const n = POOL_SIZE + i;
    return session.decide(i % FLAG_COUNT, userId(n), userCountry(n), userPlan(n));
  };
  const base = settledHeap();
  const out: { users: number; bytes: number }[] = [];
  let done = 0;
  for (const mark of marks) {
    if (mark <= done) continue;
    await runSteps(step, session.async, done, mark - done, SLICE);
    done = mark;
    out.push({ users: mark, bytes: settledHeap() - base });
  }
  return out;
}

async function w4(subject: Subject, job: Job): Promise<Partial<JobResult>> {
  const session = await need(subject.w4, `${subject.name} W4`).call(subject, { eventsUrl: need(job.eventsUrl, 'W4 events URL') });
  const { ids, countries, plans } = createUserPool();
  const step: Step = (i) => {
    const u = i % POOL_SIZE;
    return session.decide(i % FLAG_COUNT, ids[u] as string, countries[u] as string, plans[u] as string);
  };
  const t = await timeSteps(step, session.async, job.budget, SLICE);
  // Every row then takes the same volume of distinct users, so that event counts compare; Ensign's rows go on to
  // `distinctUsers` for the bounded-heap check.
  const b = job.budget;
  const marks = subject.name.startsWith('ensign') ? [b.eventVolume, b.distinctUsers] : [b.eventVolume];
  const heapAfter = await distinctUserHeap(session, marks);
  collectGarbage();
  const t0 = process.hrtime.bigint();
  await session.close();
  const closeMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = await session.counts();
  const events: EventReport = {
    expected: c.expected,
    delivered: c.delivered,
    dropped: Math.max(0, c.expected - c.delivered),
    other: c.other,
    note: c.note,
    closeMs,
    ...(session.closeNote ? { closeNote: session.closeNote } : {}),
    heapAfter,
  };
  return { nsPerOp: t.nsPerOp, samplesNs: t.samplesNs, wallNsPerOp: t.wallNsPerOp, opsPerSample: t.opsPerSample, events };
}

/** Runs one job in this process. */
export async function runJob(job: Job): Promise<JobResult> {
  try {
    const subject = await loadSubject(job.subject);
    const run = { W1: w1, W2: w2, W3: w3, W4: w4 }[job.workload];
    const partial = await run(subject, job);
    void lastResult();
    return { ok: true, job, ...partial } as JobResult;
  } catch (error) {
    const missing = error instanceof MissingImplementationError;
    return { ok: false, job, error: missing ? (error as Error).message : String((error as Error).stack ?? error), missing };
  }
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (!arg) throw new Error('usage: worker.ts <job JSON>');
  const result = await runJob(JSON.parse(arg) as Job);
  if (process.send) {
    await new Promise<void>((resolve) => process.send?.(result, () => resolve()));
  } else {
    console.log(JSON.stringify(result));
  }
  // Peers may keep sockets or timers alive after close; the job is over.
  process.exit(0);
}

if (process.argv[1] && /worker\.[cm]?[jt]s$/.test(process.argv[1])) {
  void main();
}
