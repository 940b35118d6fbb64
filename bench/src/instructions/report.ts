// The table of `bench:instructions`.
import { table } from '../harness/format.js';
import type { Facts, Workload } from '../neutral/op.js';

/** One counted row: instructions of the runs with 0 and `calls` calls. */
export interface CountedRow {
  row: string;
  what: string;
  zero: number;
  full: number;
  calls: number;
  facts: Facts;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A markdown table: per call, per evaluation, × baseline, and the row's facts. */
export function formatInstructionTable(w: Workload, rows: readonly CountedRow[]): string {
  const perCall = (r: CountedRow) => (r.full - r.zero) / r.calls;
  const reference = w.reference ?? 'baseline';
  const base = rows.find((r) => r.row === reference);
  const header = ['row', `instructions / ${w.unit}`, 'per flag', `× ${reference}`, 'N', 'facts', 'what'];
  const body = rows.map((r) => {
    const failed = r.facts['error'] !== undefined;
    const flags = w.flags ?? (w.unit.includes('100 flags') ? 100 : 1);
    return [
      r.row,
      failed ? 'failed' : int(perCall(r)),
      failed ? '' : int(perCall(r) / flags),
      failed || base === undefined || perCall(base) <= 0 ? '' : `${(perCall(r) / perCall(base)).toFixed(2)}×`,
      int(r.calls),
      Object.entries(r.facts).map(([k, v]) => `${k} ${v}`).join(', '),
      r.what,
    ];
  });
  return table(header, body);
}
