// `ensign validate <datafile>`: would this datafile load, and what is wrong with it?
import type { DatafileIssue } from '@ensign/datafile-schema';
import { parseDatafile } from '@ensign/datafile-schema';
import type { CliIo } from '../io.js';
import { readInput } from '../io.js';
import type { QuarantinedEntity } from '../quarantine.js';
import { quarantineOf } from '../quarantine.js';

/** What `ensign validate` found. */
export interface ValidationReport {
  /** Whether the SDK would load the datafile (possibly without its quarantined entities). */
  loads: boolean;
  revision?: string;
  flagCount?: number;
  errors: DatafileIssue[];
  warnings: DatafileIssue[];
  quarantined: QuarantinedEntity[];
}

/**
 * Validates a datafile text as the SDK would load it. Never throws.
 *
 * @example
 * const report = validateDatafileText(text);
 * report.loads; // true
 */
export function validateDatafileText(text: string): ValidationReport {
  const result = parseDatafile(text);
  const quarantined = quarantineOf(result);
  if (!result.ok) return { loads: false, errors: result.issues, warnings: result.warnings, quarantined };
  return {
    loads: true,
    revision: result.datafile.revision,
    flagCount: result.datafile.flags.length,
    errors: [],
    warnings: result.warnings,
    quarantined,
  };
}

function where(path: string): string {
  return path === '' ? '(root)' : path;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Formats a report for a person: one line per issue (`error: path: message`), per quarantined entity and per
 * warning, then a verdict line.
 *
 * @example
 * io.out(formatValidationReport('flags.json', report));
 * // quarantined: flag "beta" (flags[3]): 1 problem
 * //   error: flags[3].rules[0].conditions.op: unknown operator "is"
 * // flags.json: would load (revision 42, 5 flags; 1 quarantined, 0 warnings)
 */
export function formatValidationReport(name: string, report: ValidationReport): string {
  const lines: string[] = [];
  for (const e of report.errors) lines.push(`error: ${where(e.path)}: ${e.message}`);
  for (const q of report.quarantined) {
    lines.push(`quarantined: ${q.kind}${q.key === '' ? '' : ` "${q.key}"`} (${where(q.path)}): ${q.message}`);
    // The entity's own issues, unless the message already is its only one.
    const own = q.issues.filter((i) => !(q.issues.length === 1 && i.message === q.message && i.path === q.path));
    for (const i of own) lines.push(`  error: ${where(i.path)}: ${i.message}`);
  }
  for (const w of report.warnings) lines.push(`warning: ${where(w.path)}: ${w.message}`);
  const counts = `${report.quarantined.length} quarantined, ${plural(report.warnings.length, 'warning')}`;
  if (report.loads) {
    lines.push(`${name}: would load (revision ${JSON.stringify(report.revision ?? '')}, ${plural(report.flagCount ?? 0, 'flag')}; ${counts})`);
  } else {
    lines.push(`${name}: would NOT load (${plural(report.errors.length, 'error')}; ${counts})`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `ensign validate`: prints every issue with its JSON path and every quarantined entity; returns the exit code
 * (0 when the datafile would load, even with quarantined entities; 1 when it would not).
 *
 * @param options.json - print the report as JSON instead.
 * @example
 * process.exitCode = await runValidate(io, 'flags.json', {});
 */
export async function runValidate(io: CliIo, path: string, options: { json?: boolean } = {}): Promise<number> {
  const report = validateDatafileText(await readInput(io, path));
  io.out(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatValidationReport(path === '-' ? '(stdin)' : path, report));
  return report.loads ? 0 : 1;
}
