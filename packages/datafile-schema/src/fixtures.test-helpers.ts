// Small datafiles for unit tests (excluded from the build).
import type { Datafile, Flag } from './types.js';
import type { DatafileIssue } from './issues.js';
import type { ParseOptions } from './parse-datafile.js';
import type { DatafileResult } from './validate-datafile.js';
import { parseDatafile } from './parse-datafile.js';

/** A valid flag `key` with variations `off` / `on`, serving `on`; `extra` fields are merged in. */
export function flag(key: string, extra: Partial<Flag> | Record<string, unknown> = {}): Flag {
  return {
    key,
    on: true,
    variations: [
      { key: 'off', value: false },
      { key: 'on', value: true },
    ],
    fallthrough: { variation: 'on' },
    ...extra,
  } as Flag;
}

/** A valid datafile with the given flags (default one flag `f`); `extra` top-level fields are merged in. */
export function datafile(flags: unknown[] = [flag('f')], extra: Partial<Datafile> | Record<string, unknown> = {}): Datafile {
  return { schemaVersion: 1, revision: '1', environment: 'test', flags, ...extra } as Datafile;
}

/** A datafile whose only flag has one rule with these conditions. */
export function withConditions(conditions: unknown, extra: Record<string, unknown> = {}): Datafile {
  return datafile([flag('f', { rules: [{ id: 'r', conditions, serve: { variation: 'on' } }] })], extra);
}

/**
 * Errors of parsing `input` (an object is parsed from its JSON text, as a server would send it): the issues of a
 * rejected document, else the issues of every quarantined entity.
 */
export function errorsOf(input: unknown, options?: ParseOptions): DatafileIssue[] {
  const result = parseDatafile(typeof input === 'string' ? input : JSON.stringify(input), options);
  return result.ok ? result.quarantined.flatMap((q) => q.issues) : result.issues;
}

/** The quarantined entities of parsing `input` as `kind key @ path` (none when the document is rejected). */
export function quarantinedOf(input: unknown, options?: ParseOptions): string[] {
  const result = parseDatafile(typeof input === 'string' ? input : JSON.stringify(input), options);
  return result.ok ? result.quarantined.map((q) => `${q.kind} ${q.key} @ ${q.path}`) : [];
}

/** The problems a result reports: the issues of a rejected document, else those of every quarantined entity. */
export function problemsOf(result: DatafileResult): DatafileIssue[] {
  return result.ok ? result.quarantined.flatMap((q) => q.issues) : result.issues;
}

/** Warnings of parsing `input`. */
export function warningsOf(input: unknown, options?: ParseOptions): DatafileIssue[] {
  return parseDatafile(typeof input === 'string' ? input : JSON.stringify(input), options).warnings;
}

/** The messages of the issues at `path`. */
export function at(issues: readonly DatafileIssue[], path: string): string[] {
  return issues.filter((i) => i.path === path).map((i) => i.message);
}
