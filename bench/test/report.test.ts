// The report's arithmetic: rows joined from results, ratios, target verdicts, missing rows, argument parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/harness/cli-args.js';
import { formatNs, formatRatio, table } from '../src/harness/format.js';
import { QUICK_BUDGET, type Job, type JobResult } from '../src/harness/job.js';
import { median } from '../src/harness/measure.js';
import { formatReport, heapVerdict, type RunInfo } from '../src/harness/report.js';
import { toRows } from '../src/harness/rows.js';
import { checkTargets } from '../src/harness/targets.js';

function timed(workload: Job['workload'], subject: string, nsPerOp: number, flags?: number): JobResult {
  const job: Job = { workload, subject, kind: 'time', budget: QUICK_BUDGET, ...(flags === undefined ? {} : { flags }) };
  return { ok: true, job, nsPerOp, samplesNs: [nsPerOp, nsPerOp], opsPerSample: 1 };
}

const INFO: RunInfo = {
  date: '2026-01-01',
  node: 'v20.0.0',
  cpu: 'test cpu',
  cores: 2,
  memoryGb: 8,
  quick: true,
  bigFlags: 10_000,
  schemaSizes: [1_000, 10_000],
  workloads: ['W1', 'W2', 'W3', 'W4'],
  seconds: 1,
  load: [0.5, 0.7],
};

describe('median', () => {
  it('lies between the smallest and the largest sample, and is one of them for an odd count', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
        if (xs.length % 2 === 1) expect(xs).toContain(m);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the samples', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), (xs) => {
        expect(median([...xs].reverse())).toBe(median(xs));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the targets', () => {
  it('says W1 is met at 1.4× the baseline and 6× faster than the fastest peer', () => {
    const rows = toRows([timed('W1', 'baseline', 300), timed('W1', 'ensign', 420), timed('W1', 'amplitude', 2_520), timed('W1', 'growthbook', 3_700)]);
    const [within, faster] = checkTargets(rows, 10_000);
    expect(within).toMatchObject({ status: 'met' });
    expect(within?.detail).toContain('1.40×');
    expect(faster).toMatchObject({ status: 'met' });
    expect(faster?.detail).toContain('amplitude');
  });

  it('says W1 is not met at 1.6× the baseline, nor at 4× faster than the fastest peer', () => {
    const rows = toRows([timed('W1', 'baseline', 300), timed('W1', 'ensign', 480), timed('W1', 'amplitude', 1_920)]);
    const [within, faster] = checkTargets(rows, 10_000);
    expect(within?.status).toBe('not met');
    expect(faster?.status).toBe('not met');
  });

  it('compares W3 of Ensign with GrowthBook at the same flag count only', () => {
    const rows = toRows([timed('W3', 'ensign', 20e6, 10_000), timed('W3', 'growthbook', 30e6, 10_000), timed('W3', 'growthbook', 1e6, 1_000)]);
    const w3 = checkTargets(rows, 10_000)[3];
    expect(w3?.status).toBe('met');
    expect(w3?.detail).toContain('30.0 ms');
  });

  it('checks W3 of the compact encoding beside the plain datafile', () => {
    const rows = toRows([timed('W3', 'ensign', 40e6, 10_000), timed('W3', 'ensign-compact', 10e6, 10_000), timed('W3', 'growthbook', 30e6, 10_000)]);
    const [plain, compact] = checkTargets(rows, 10_000).slice(3);
    expect(plain).toMatchObject({ status: 'not met' });
    expect(compact?.target).toContain('compact encoding');
    expect(compact).toMatchObject({ status: 'met' });
  });

  it('reports a target as not measured when the Ensign row is missing', () => {
    const missing: JobResult = { ok: false, job: { workload: 'W1', subject: 'ensign', kind: 'time', budget: QUICK_BUDGET }, error: 'no evaluator', missing: true };
    const rows = toRows([timed('W1', 'baseline', 300), missing]);
    expect(checkTargets(rows, 10_000)[0]?.status).toBe('not measured');
  });
});

describe('the printed report', () => {
  it('lists a missing implementation by name and never prints a number for it', () => {
    const missing: JobResult = { ok: false, job: { workload: 'W2', subject: 'ensign', kind: 'time', budget: QUICK_BUDGET }, error: '@ensign/evaluator-core does not export evaluateFlags', missing: true };
    const text = formatReport(toRows([timed('W2', 'baseline', 30_000), missing]), INFO);
    expect(text).toContain('## Missing rows');
    expect(text).toContain('W2 ensign: @ensign/evaluator-core does not export evaluateFlags');
    expect(text).toMatch(/\| ensign\s+\| n\/a /);
  });

  it('prints the ratio of each row to the baseline and to Ensign', () => {
    const text = formatReport(toRows([timed('W1', 'baseline', 300), timed('W1', 'ensign', 400), timed('W1', 'optimizely', 12_000)]), INFO);
    expect(text).toMatch(/\| optimizely\s+\| 12\.00 µs .*\| 40\.00×\s+\| 30\.00×/);
    expect(text).toContain('CPU / evaluation');
  });

  it('joins the heap job and the time job of a subject into one row', () => {
    const heap: JobResult = { ok: true, job: { workload: 'W1', subject: 'baseline', kind: 'heap', budget: QUICK_BUDGET }, bytesPer100k: 31_000_000 };
    const rows = toRows([timed('W1', 'baseline', 300), heap]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nsPerOp: 300, bytesPer100k: 31_000_000 });
  });
});

describe('the bounded-heap verdict of W4', () => {
  it('calls 1 MB more after 900 000 more users bounded', () => {
    expect(heapVerdict([{ users: 100_000, bytes: 2_000_000 }, { users: 1_000_000, bytes: 3_000_000 }])).toMatch(/→ bounded$/);
  });

  it('calls 90 MB more after 900 000 more users unbounded, with the bytes per user', () => {
    expect(heapVerdict([{ users: 100_000, bytes: 10_000_000 }, { users: 1_000_000, bytes: 100_000_000 }])).toMatch(/NOT bounded \(~100 B per user\)/);
  });
});

describe('formatting', () => {
  it('picks the unit of a duration', () => {
    expect([formatNs(290), formatNs(2_300), formatNs(24_000_000), formatNs(undefined)]).toEqual(['290 ns', '2.30 µs', '24.0 ms', 'n/a']);
  });

  it('writes ratios with two decimals below 100', () => {
    expect([formatRatio(1.5), formatRatio(250), formatRatio(Number.NaN)]).toEqual(['1.50×', '250×', 'n/a']);
  });

  it('escapes pipes in table cells', () => {
    expect(table(['a'], [['x|y']])).toContain('x\\|y');
  });
});

describe('command-line options', () => {
  it('reads --quick, --only and --json', () => {
    expect(parseArgs(['--quick', '--only', 'w1,W3', '--json=out.json'])).toMatchObject({ quick: true, only: ['W1', 'W3'], json: 'out.json' });
  });

  it('refuses an unknown workload with the list of known ones', () => {
    expect(() => parseArgs(['--only', 'W9'])).toThrow(/unknown workload W9 .*W1, W2, W3, W4/);
  });

  it('refuses an option it does not know', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
  });
});
