// `pnpm bench`: runs every (workload, implementation) in its own child process, one after the other (never in
// parallel: two cores), then prints one table per workload with ratios and a line per target.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs, USAGE, type CliOptions } from './harness/cli-args.js';
import { startDiscardServer, type DiscardServer } from './harness/discard-server.js';
import { FULL_BUDGET, QUICK_BUDGET, jobLabel, type Job, type JobResult } from './harness/job.js';
import { formatReport, type RunInfo } from './harness/report.js';
import { toRows } from './harness/rows.js';
import { spawnJob } from './harness/spawn.js';
import { checkTargets } from './harness/targets.js';
import { plan, SUBJECT_NAMES } from './subjects.js';

/** W3's parse-only rows (the datafile-schema issue): 1 000 and 10 000 flags. */
const SCHEMA_SIZES = Object.freeze([1_000, 10_000]);

function jobsOf(options: CliOptions, eventsUrl: string | undefined): Job[] {
  const budget = options.quick ? QUICK_BUDGET : FULL_BUDGET;
  const jobs: Job[] = [];
  for (const entry of plan(options.bigFlags, SCHEMA_SIZES)) {
    if (!options.only.includes(entry.workload)) continue;
    if (options.subjects.length > 0 && !options.subjects.includes(entry.subject)) continue;
    const base = { workload: entry.workload, subject: entry.subject, budget, ...(entry.flags === undefined ? {} : { flags: entry.flags }) };
    jobs.push({ ...base, kind: 'time', ...(entry.workload === 'W4' && eventsUrl ? { eventsUrl } : {}) });
    if (entry.heap) jobs.push({ ...base, kind: 'heap' });
  }
  return jobs;
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const unknown = options.subjects.filter((s) => !SUBJECT_NAMES.includes(s));
  if (unknown.length > 0) {
    console.error(`unknown subject(s) ${unknown.join(', ')} (known: ${SUBJECT_NAMES.join(', ')})`);
    return 2;
  }
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  let server: DiscardServer | undefined;
  if (options.only.includes('W4')) server = await startDiscardServer();
  const jobs = jobsOf(options, server?.url);
  const results: JobResult[] = [];
  try {
    for (const [n, job] of jobs.entries()) {
      process.stderr.write(`[${n + 1}/${jobs.length}] ${jobLabel(job)} ... `);
      const t0 = Date.now();
      const result = await spawnJob(job, options.timeoutMs);
      results.push(result);
      const status = result.ok ? 'ok' : result.missing ? 'MISSING' : 'FAILED';
      process.stderr.write(`${status} (${((Date.now() - t0) / 1000).toFixed(1)} s)${result.ok ? '' : `: ${result.error.split('\n')[0]}`}\n`);
    }
  } finally {
    await server?.close();
  }
  const rows = toRows(results);
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const info: RunInfo = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cpu,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    quick: options.quick,
    bigFlags: options.bigFlags,
    schemaSizes: SCHEMA_SIZES,
    workloads: options.only,
    seconds: (Date.now() - started) / 1000,
    load: [loadAtStart, loadavg()[0] ?? 0],
  };
  console.log(formatReport(rows, info));
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify({ info, rows, targets: checkTargets(rows, options.bigFlags), results }, null, 2)}\n`);
    console.error(`results saved to ${options.json}`);
  }
  return results.some((r) => !r.ok && !r.missing) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
