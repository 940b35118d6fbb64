// Smoke test of the harness at tiny iteration counts: every workload of every peer produces a well-formed row, a
// child process reports over IPC, and W4 delivers every expected event when nothing overflows. Nothing here is
// timed against a threshold: speed is what `pnpm bench` reports, not what tests assert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscardServer, type DiscardServer } from '../src/harness/discard-server.js';
import type { Budget, Job, JobResult, Workload } from '../src/harness/job.js';
import { spawnJob } from '../src/harness/spawn.js';
import { runJob } from '../src/worker.js';

const TINY: Budget = Object.freeze({
  warmupMs: 5,
  samples: 3,
  sampleMs: 3,
  initWarmups: 0,
  initSamples: 2,
  heapChunk: 200,
  heapChunks: 3,
  eventVolume: 300,
  distinctUsers: 600,
});

let server: DiscardServer;

beforeAll(async () => {
  server = await startDiscardServer();
});

afterAll(async () => {
  await server.close();
});

function job(workload: Workload, subject: string, extra: Partial<Job> = {}): Job {
  return { workload, subject, kind: 'time', budget: TINY, ...extra };
}

function expectTimed(result: JobResult, samples: number): void {
  if (!result.ok) throw new Error(`${result.job.workload} ${result.job.subject} failed: ${result.error}`);
  expect(result.nsPerOp).toBeGreaterThan(0);
  expect(Number.isFinite(result.nsPerOp)).toBe(true);
  expect(result.samplesNs).toHaveLength(samples);
  expect(result.samplesNs?.every((s) => s > 0 && Number.isFinite(s))).toBe(true);
}

describe('the benchmark harness', () => {
  it('runs a job in a child process with --expose-gc and reports its timing over IPC', async () => {
    const result = await spawnJob(job('W1', 'baseline'), 60_000);
    expectTimed(result, TINY.samples);
  });

  it('measures the allocation of W1 of the baseline in a child with a large young generation', async () => {
    const result = await spawnJob(job('W1', 'baseline', { kind: 'heap' }), 60_000);
    if (!result.ok) throw new Error(result.error);
    // A new user object, the hash input string and a result per call: tens of bytes at least.
    expect(result.bytesPer100k).toBeGreaterThan(100_000 * 32);
    expect(result.bytesPer100k).toBeLessThan(100_000 * 10_000);
  });

  it('reports an unknown subject as a failed job with the reason', async () => {
    const result = await runJob(job('W1', 'no-such-sdk'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('unknown subject');
  });

  it('reports a workload a subject does not offer as missing, not as a number', async () => {
    const result = await runJob(job('W4', 'amplitude'));
    expect(result).toMatchObject({ ok: false, missing: true });
  });

  for (const subject of ['baseline', 'ensign', 'ensign-sdk-evaluate', 'amplitude', 'growthbook', 'launchdarkly', 'optimizely']) {
    it(`times W1 and W2 of ${subject} in process`, async () => {
      expectTimed(await runJob(job('W1', subject)), TINY.samples);
      expectTimed(await runJob(job('W2', subject)), TINY.samples);
    });
  }

  for (const subject of ['ensign-sdk-decide', 'ensign-sdk-variation']) {
    it(`times W1 of the facade row ${subject} in process`, async () => {
      expectTimed(await runJob(job('W1', subject)), TINY.samples);
    });
  }

  for (const subject of ['ensign', 'ensign-compact', 'ensign-parse', 'json-parse', 'amplitude', 'growthbook', 'launchdarkly', 'optimizely']) {
    it(`times W3 of ${subject} on 200 flags in its own format`, async () => {
      expectTimed(await runJob(job('W3', subject, { flags: 200 })), TINY.initSamples);
    });
  }

  for (const subject of ['ensign', 'ensign-sdk-decide', 'growthbook', 'launchdarkly', 'optimizely']) {
    it(`delivers every expected decision event of ${subject} when nothing overflows, and times its close`, async () => {
      const result = await runJob(job('W4', subject, { eventsUrl: server.url }));
      if (!result.ok) throw new Error(result.error);
      const events = result.events;
      expect(events?.expected).toBeGreaterThan(0);
      expect(events?.delivered).toBe(events?.expected);
      expect(events?.dropped).toBe(0);
      expect(events?.closeMs).toBeGreaterThanOrEqual(0);
      expect(events?.heapAfter?.[0]?.users).toBe(TINY.eventVolume);
    });
  }

  it('takes the Ensign rows of W4 on to the distinct-user count of the bounded-heap check', async () => {
    const result = await runJob(job('W4', 'ensign', { eventsUrl: server.url }));
    if (!result.ok) throw new Error(result.error);
    expect(result.events?.heapAfter?.map((h) => h.users)).toEqual([TINY.eventVolume, TINY.distinctUsers]);
  });
});
