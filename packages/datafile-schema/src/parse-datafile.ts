// parseDatafile: text (or bytes, or an object) in, a validated datafile or issues out. Never throws.
import type { DatafileIssue } from './issues.js';
import type { ValidDatafile } from './quarantine.js';
import type { DatafileResult, ValidateOptions } from './validate-datafile.js';
import { readValidateOptions, runValidation } from './validate-datafile.js';

/** Options of {@link parseDatafile}. */
export interface ParseOptions extends ValidateOptions {
  /** Largest input accepted, in UTF-8 bytes; larger input is rejected before parsing. Default 64 MiB. */
  maxBytes?: number;
  /**
   * Text longer than this many bytes is first scanned for JSON nesting deeper than 10 000 levels, which
   * `JSON.parse` handles slowly (about 0.3 µs a level). Default 8 MiB: the scan costs a fifth of
   * `JSON.parse`, and an unscanned nesting bomb below 8 MiB costs JSON.parse about a second; `0` scans everything.
   */
  scanNestingAbove?: number;
}

/**
 * Defaults of {@link ParseOptions} (besides those of {@link ValidateOptions}).
 *
 * @example
 * parseDatafile(text, { maxBytes: DEFAULT_PARSE_OPTIONS.maxBytes * 2 });
 */
export const DEFAULT_PARSE_OPTIONS = Object.freeze({ maxBytes: 64 * 1024 * 1024, scanNestingAbove: 8 * 1024 * 1024 });

const MAX_JSON_NESTING = 10_000;

function fail(path: string, message: string): DatafileResult {
  return { ok: false, issues: [{ path, message }], warnings: [] };
}

function utf8Length(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Finds JSON nesting deeper than `max` levels in linear time, without parsing: the position of the bracket that goes
 * past `max`, or -1. Strings are skipped with `indexOf`. Run it before `JSON.parse` on untrusted text, whose cost on
 * a nesting bomb grows fast with depth.
 *
 * @example
 * findDeepNesting('[[[1]]]', 2); // 2
 * findDeepNesting('{"a":"[[["}', 2); // -1
 */
export function findDeepNesting(text: string, max: number): number {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      let j = text.indexOf('"', i + 1);
      while (j > 0 && text.charCodeAt(j - 1) === 92) {
        let backslashes = 0;
        for (let k = j - 1; text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j < 0) return -1; // unterminated string: JSON.parse will say so
      i = j + 1;
      continue;
    }
    if (ch === 91 || ch === 123) {
      if (++depth > max) return i;
    } else if (ch === 93 || ch === 125) depth--;
    i++;
  }
  return -1;
}

/** Line and column (1-based) of a position in a text. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: position - start + 1 };
}

function jsonError(text: string, e: unknown): DatafileResult {
  const raw = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError) return fail('', `the JSON is nested too deeply to parse (${raw})`);
  const m = /at position (\d+)/.exec(raw);
  const position = m !== null ? Number(m[1]) : /end of JSON input/i.test(raw) ? text.length : -1;
  if (position < 0) return fail('', `invalid JSON: ${raw}`);
  const { line, column } = lineAndColumn(text, position);
  const what = position >= text.length ? 'the text ends early (truncated?)' : raw.replace(/ in JSON at position \d+.*$/s, '');
  return fail('', `invalid JSON at line ${line}, column ${column} (position ${position}): ${what}`);
}

function nonNegative(value: unknown, fallback: number, name: string, issues: DatafileIssue[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  issues.push({ path: `options.${name}`, message: `must be a non-negative integer, got ${String(value)}` });
  return fallback;
}

function parseText(text: string, maxBytes: number, scanAbove: number, limits: ReturnType<typeof readValidateOptions>): DatafileResult {
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text, maxBytes) > maxBytes)) {
    return fail('', `the datafile is larger than ${maxBytes} bytes (maxBytes); it was not parsed`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length > scanAbove) {
    const at = findDeepNesting(body, MAX_JSON_NESTING);
    if (at >= 0) {
      const { line, column } = lineAndColumn(body, at);
      return fail('', `the JSON is nested deeper than ${MAX_JSON_NESTING} levels at line ${line}, column ${column}; it was not parsed`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return jsonError(body, e);
  }
  return runValidation(value, false, limits);
}

/**
 * Parses and validates a datafile. `input` is JSON text, UTF-8 bytes (`Uint8Array`, e.g. a fetched body) or an
 * object already parsed. Never throws, whatever the input.
 *
 * A bad flag hurts only itself: the document is rejected (`{ ok: false, issues, warnings }`) only when it is
 * unreadable as a whole (not JSON, another `schemaVersion`, wrong top-level types, over `maxBytes` or the nesting
 * limit, more than `maxIssues` errors). Any other problem is scoped to the flag, segment, audience, holdout, group,
 * ... it sits in: that entity is quarantined (left out of `datafile`, listed in `quarantined` with the path and
 * message of its problems) and the rest loads: `{ ok: true, datafile, quarantined, warnings }`. `datafile` is a
 * {@link ValidDatafile}, trusted by `compileDatafile` without validating again; `quarantineOf(datafile)` gives the
 * list back later.
 *
 * Quarantined (as LaunchDarkly's evaluator answers MALFORMED_FLAG): a variation key the flag lacks, an invalid
 * attribute reference or context kind, a prerequisite or segment cycle (and the flags using a cycling segment), a
 * LaunchDarkly rollout with no variations, a pattern that can backtrack catastrophically, any malformed field.
 * Warnings only (evaluated as the vendors do for a missing dependency): an unknown prerequisite flag (the prerequisite
 * fails), an unknown segment (never matches), audience or holdout, a reference to a quarantined entity, a pattern
 * that does not compile (its condition never matches), values that can never match, unknown fields (ignored, so a
 * newer server can serve an older SDK), unknown cohorts (they may be synced later).
 *
 * Defaults: `maxBytes` 64 MiB, `maxDepth` 64, `maxIssues` 100, `maxPatternLength` 1000, `scanNestingAbove` 8 MiB.
 *
 * @example
 * const result = parseDatafile(await response.text());
 * if (result.ok) {
 *   for (const q of result.quarantined) logger.warn(`${q.kind} ${q.key} quarantined: ${q.path}: ${q.message}`);
 *   useDatafile(result.datafile);
 * } else {
 *   logger.error(`datafile rejected:\n${formatIssues(result.issues)}`);
 * }
 */
export function parseDatafile(input: unknown, options?: ParseOptions): DatafileResult {
  try {
    const issues: DatafileIssue[] = [];
    const o: ParseOptions = options !== null && typeof options === 'object' ? options : {};
    const limits = readValidateOptions(o, issues);
    const maxBytes = nonNegative(o.maxBytes, DEFAULT_PARSE_OPTIONS.maxBytes, 'maxBytes', issues);
    const scanAbove = nonNegative(o.scanNestingAbove, DEFAULT_PARSE_OPTIONS.scanNestingAbove, 'scanNestingAbove', issues);
    if (issues.length > 0) return { ok: false, issues, warnings: [] };
    if (typeof input === 'string') return parseText(input, maxBytes, scanAbove, limits);
    if (input instanceof Uint8Array) {
      if (input.byteLength > maxBytes) return fail('', `the datafile is larger than ${maxBytes} bytes (maxBytes); it was not parsed`);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(input);
      } catch {
        return fail('', 'the datafile is not valid UTF-8');
      }
      return parseText(text, maxBytes, scanAbove, limits);
    }
    if (typeof input === 'object' && input !== null) return runValidation(input, true, limits);
    return fail('', `expected JSON text, UTF-8 bytes or an object, got ${input === null ? 'null' : typeof input}`);
  } catch (e) {
    // Nothing above should throw; this keeps the promise for inputs no one foresaw (exotic proxies, ...).
    return fail('', `could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
