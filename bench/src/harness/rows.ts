// Joins the time and heap results of each (workload, subject, flags) into one row for the report.
import type { EventReport, JobResult, Workload } from './job.js';

/** One row of a report table. */
export interface Row {
  workload: Workload;
  subject: string;
  flags?: number;
  /** Median CPU ns per operation: the figure ratios and targets use. */
  nsPerOp?: number;
  samplesNs?: number[];
  /** Median wall-clock ns per operation. */
  wallNsPerOp?: number;
  bytesPer100k?: number;
  events?: EventReport;
  /** Why a measurement is absent (missing implementation or failure). */
  problems: string[];
  /** True when the implementation does not exist yet (never faked). */
  missing: boolean;
}

function keyOf(r: JobResult): string {
  return `${r.job.workload}|${r.job.subject}|${r.job.flags ?? ''}`;
}

/** Groups results into rows, in the order they were first seen. */
export function toRows(results: readonly JobResult[]): Row[] {
  const rows = new Map<string, Row>();
  for (const r of results) {
    const key = keyOf(r);
    let row = rows.get(key);
    if (!row) {
      row = { workload: r.job.workload, subject: r.job.subject, problems: [], missing: false };
      if (r.job.flags !== undefined) row.flags = r.job.flags;
      rows.set(key, row);
    }
    if (!r.ok) {
      if (!row.problems.includes(r.error)) row.problems.push(r.error);
      row.missing = row.missing || r.missing;
      continue;
    }
    if (r.job.kind === 'heap') {
      if (r.bytesPer100k !== undefined) row.bytesPer100k = r.bytesPer100k;
    } else {
      if (r.nsPerOp !== undefined) row.nsPerOp = r.nsPerOp;
      if (r.samplesNs !== undefined) row.samplesNs = r.samplesNs;
      if (r.wallNsPerOp !== undefined) row.wallNsPerOp = r.wallNsPerOp;
      if (r.events !== undefined) row.events = r.events;
    }
  }
  return [...rows.values()];
}

/** The row of a subject in a workload (W3: of a flag count), if any. */
export function findRow(rows: readonly Row[], workload: Workload, subject: string, flags?: number): Row | undefined {
  return rows.find((r) => r.workload === workload && r.subject === subject && (flags === undefined || r.flags === flags));
}

/** The measured time of a row, or undefined. */
export function timeOf(rows: readonly Row[], workload: Workload, subject: string, flags?: number): number | undefined {
  return findRow(rows, workload, subject, flags)?.nsPerOp;
}
