// The printed report: one table per workload, then the targets.
import { formatCount, formatMb, formatNs, formatPercent, formatRatio, formatSpread, table } from './format.js';
import type { Workload } from './job.js';
import { findRow, timeOf, type Row } from './rows.js';
import { checkTargets, formatTargets } from './targets.js';
import { describeSubject } from '../subjects.js';
import { FLAG_COUNT } from '../workload/spec.js';

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a / b;
}

function problem(row: Row): string {
  if (row.missing) return `MISSING: ${row.problems.join('; ')}`;
  return row.problems.length > 0 ? `FAILED: ${row.problems.join('; ').split('\n')[0]}` : '';
}

function evaluationTable(rows: readonly Row[], workload: 'W1' | 'W2'): string {
  const base = timeOf(rows, workload, 'baseline');
  const ensign = timeOf(rows, workload, 'ensign');
  const perCall = workload === 'W1' ? 'CPU / evaluation' : `CPU / user (${FLAG_COUNT} flags)`;
  const body = rows
    .filter((r) => r.workload === workload)
    .map((r) => [
      r.subject,
      formatNs(r.nsPerOp),
      formatSpread(r.samplesNs, r.nsPerOp),
      formatNs(r.wallNsPerOp),
      ...(workload === 'W2' ? [formatNs(r.nsPerOp === undefined ? undefined : r.nsPerOp / FLAG_COUNT)] : []),
      formatRatio(ratio(r.nsPerOp, base)),
      formatRatio(ratio(r.nsPerOp, ensign)),
      formatMb(r.bytesPer100k),
      problem(r) || describeSubject(r.subject),
    ]);
  const header = ['implementation', perCall, 'spread', 'wall', ...(workload === 'W2' ? ['CPU per flag'] : []), '× baseline', '× Ensign', 'heap / 100k evals', 'what'];
  return table(header, body);
}

function initTable(rows: readonly Row[], bigFlags: number): string {
  const ensign = timeOf(rows, 'W3', 'ensign', bigFlags);
  const gb = timeOf(rows, 'W3', 'growthbook', bigFlags);
  const body = rows
    .filter((r) => r.workload === 'W3' && r.flags === bigFlags && r.subject !== 'json-parse' && r.subject !== 'ensign-parse')
    .map((r) => [
      r.subject,
      formatNs(r.nsPerOp),
      formatSpread(r.samplesNs, r.nsPerOp),
      formatNs(r.wallNsPerOp),
      formatRatio(ratio(r.nsPerOp, ensign)),
      formatRatio(ratio(r.nsPerOp, gb)),
      problem(r) || W3_WHAT[r.subject] || describeSubject(r.subject),
    ]);
  return table([`implementation (${formatCount(bigFlags)} flags)`, 'CPU text → ready', 'spread', 'wall', '× Ensign', '× GrowthBook', 'what is timed'], body);
}

const W4_NOTES = [
  'Every client runs at its default event settings. After the timed samples every row takes the same volume of distinct users (Ensign rows go on further for the bounded-heap check); "dropped" = expected − delivered after the shutdown in "close".',
  'amplitude: no row. @amplitude/experiment-core has no exposure service (it is in @amplitude/experiment-node-server, not a dependency).',
].join('\n');

const W3_WHAT: Record<string, string> = {
  ensign: 'parseDatafile(text) → compileDatafile(datafile) → first evaluateFlag',
  'ensign-compact': 'the same flags as compactDatafile writes them (flag templates): parseDatafile → compileDatafile → first evaluateFlag',
  amplitude: 'JSON.parse → index by key → topologicalSort → first evaluate',
  growthbook: 'JSON.parse → new GrowthBookClient().initSync({ payload }) → first evalFeature',
  launchdarkly: 'init() with an in-memory data source (JSON.parse + reviveFullPayload + store init) → waitForInitialization',
  optimizely: 'createInstance({ createStaticProjectConfigManager({ datafile: text }) }) → onReady()',
};

function schemaTable(rows: readonly Row[], sizes: readonly number[]): string {
  const body = sizes.map((size) => {
    const parse = findRow(rows, 'W3', 'ensign-parse', size);
    const json = findRow(rows, 'W3', 'json-parse', size);
    const note = [parse, json].filter((r): r is Row => r !== undefined).map(problem).filter(Boolean).join('; ');
    return [formatCount(size), formatNs(parse?.nsPerOp), formatNs(json?.nsPerOp), formatRatio(ratio(parse?.nsPerOp, json?.nsPerOp)), note];
  });
  return table(['flags', 'parseDatafile (parse + validate), CPU', 'JSON.parse alone, CPU', 'ratio', 'note'], body);
}

function eventsTable(rows: readonly Row[]): string {
  const body = rows
    .filter((r) => r.workload === 'W4')
    .map((r) => {
      const w1 = timeOf(rows, 'W1', r.subject);
      const e = r.events;
      const heap = e?.heapAfter ? heapVerdict(e.heapAfter) : '';
      return [
        r.subject,
        formatNs(r.nsPerOp),
        formatNs(r.wallNsPerOp),
        formatPercent(r.nsPerOp !== undefined && w1 !== undefined ? r.nsPerOp / w1 - 1 : undefined),
        e ? `${formatCount(e.delivered)} / ${formatCount(e.expected)}` : 'n/a',
        e ? `${formatCount(e.dropped)}${e.expected > 0 ? ` (${((100 * e.dropped) / e.expected).toFixed(0)}%)` : ''}` : 'n/a',
        e ? `${e.closeMs.toFixed(1)} ms` : 'n/a',
        heap,
        problem(r) || (e ? `${e.note}${e.closeNote ? `; close = ${e.closeNote}` : ''}` : ''),
      ];
    });
  return table(['implementation', 'CPU / evaluation', 'wall', 'CPU over its W1', 'delivered / expected', 'dropped', 'close', 'heap growth (distinct users)', 'how counted'], body);
}

/**
 * The heap growth after N distinct users, and whether it is bounded: from the first mark to the last, growth of
 * less than 5 MB (a per-user entry of even 10 bytes would add 9 MB over 900 000 users) counts as bounded.
 */
export function heapVerdict(marks: readonly { users: number; bytes: number }[]): string {
  const text = marks.map((h) => `${formatCount(h.users)} users: ${formatMb(h.bytes)}`).join(', ');
  const first = marks[0];
  const last = marks[marks.length - 1];
  if (!first || !last || last.users === first.users) return text;
  const perUser = (last.bytes - first.bytes) / (last.users - first.users);
  const bounded = last.bytes - first.bytes < 5_000_000;
  return `${text} → ${bounded ? 'bounded' : `NOT bounded (~${perUser.toFixed(0)} B per user)`}`;
}

/** Header facts of a run. */
export interface RunInfo {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  quick: boolean;
  bigFlags: number;
  schemaSizes: readonly number[];
  workloads: readonly Workload[];
  seconds: number;
  /** 1-minute load averages at the start and the end: other work on the machine skews results. */
  load: readonly [number, number];
}

/** The whole printed report. */
export function formatReport(rows: readonly Row[], info: RunInfo): string {
  const out: string[] = [];
  out.push(`Ensign benchmarks — ${info.date} — Node ${info.node}, ${info.cpu} × ${info.cores}, ${info.memoryGb} GB${info.quick ? ' — QUICK run' : ''} — ${info.seconds.toFixed(0)} s`);
  out.push('', `Load average (1 min) at start ${info.load[0].toFixed(2)}, at end ${info.load[1].toFixed(2)}: above ${info.cores - 1} means other work shared the CPUs.`);
  out.push('', 'Times are the median over samples of the measured process\'s CPU time (user + system, all its threads) per operation, which other work on the machine disturbs far less than wall-clock time (shown beside it); ratios and targets use CPU time.');
  const has = (w: Workload) => info.workloads.includes(w);
  if (has('W1')) out.push('', `## W1 — one flag per call, ${FLAG_COUNT} flags, a new user object per call`, '', evaluationTable(rows, 'W1'));
  if (has('W2')) out.push('', `## W2 — all ${FLAG_COUNT} flags for one user`, '', evaluationTable(rows, 'W2'));
  if (has('W3')) {
    out.push('', `## W3 — from configuration text to ready, ${formatCount(info.bigFlags)} flags`, '', initTable(rows, info.bigFlags));
    out.push('', '### W3 — datafile-schema: parse + validate beside JSON.parse alone', '', schemaTable(rows, info.schemaSizes));
  }
  if (has('W4')) {
    out.push('', '## W4 — W1 with decision events on, delivered to a counting discard dispatcher', '', eventsTable(rows));
    out.push('', W4_NOTES);
  }
  const missing = rows.filter((r) => r.missing);
  if (missing.length > 0) {
    out.push('', '## Missing rows (implementation not there yet; nothing is faked)', '');
    for (const r of missing) out.push(`- ${r.workload} ${r.subject}${r.flags === undefined ? '' : ` (${r.flags} flags)`}: ${r.problems.join('; ')}`);
  }
  out.push('', '## Targets', '', formatTargets(checkTargets(rows, info.bigFlags)));
  return out.join('\n');
}
