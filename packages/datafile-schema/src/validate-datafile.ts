// validateDatafile: the checks of parseDatafile on a value that is already an object.
import type { Datafile } from './types.js';
import type { DatafileIssue } from './issues.js';
import type { QuarantinedEntity, ValidDatafile } from './quarantine.js';
import { seal } from './quarantine.js';
import type { Ctx } from './validate/ctx.js';
import { StopValidation, acquireCtx, releaseCtx } from './validate/ctx.js';
import { checkDatafile } from './validate/datafile.js';
import { checkReferences } from './validate/references.js';
import { DEFAULT_MAX_PATTERN_LENGTH } from './validate/regex-safety.js';
import { quarantinedReferences, scopeErrors, withoutQuarantined } from './validate/scope.js';
import { expandTemplates } from './validate/templates.js';

/**
 * The result of {@link parseDatafile} and {@link validateDatafile}. It is a value, never an exception.
 *
 * - `ok: true`: `datafile` is what loads (quarantined entities left out of it), `quarantined` lists each entity left
 *   out with the path and message of its problems, `warnings` what does not stop anything from loading.
 * - `ok: false`: the document as a whole is unreadable (not JSON, another `schemaVersion`, wrong top-level types,
 *   over the size or depth limits, more than `maxIssues` errors); `issues` says why.
 *
 * @example
 * const result = parseDatafile(text);
 * if (result.ok) for (const q of result.quarantined) logger.warn(`${q.path}: ${q.message}`);
 */
export type DatafileResult =
  | { ok: true; datafile: ValidDatafile; quarantined: readonly QuarantinedEntity[]; warnings: DatafileIssue[] }
  | { ok: false; issues: DatafileIssue[]; warnings: DatafileIssue[] };

/** Limits of the validator. */
export interface ValidateOptions {
  /**
   * Deepest nesting of a condition tree (`and` / `or` / `not` levels) and of a free JSON value (variation values,
   * metadata, GrowthBook conditions). Default 64; at most 1000.
   */
  maxDepth?: number;
  /** Errors (and, separately, warnings) reported before the validator stops. Default 100. */
  maxIssues?: number;
  /** Longest `matches` / `$regex` pattern, in characters. Default 1000. */
  maxPatternLength?: number;
}

/**
 * Defaults of {@link ValidateOptions}.
 *
 * @example
 * parseDatafile(text, { maxIssues: DEFAULT_VALIDATE_OPTIONS.maxIssues * 10 });
 */
export const DEFAULT_VALIDATE_OPTIONS = Object.freeze({
  maxDepth: 64,
  maxIssues: 100,
  maxPatternLength: DEFAULT_MAX_PATTERN_LENGTH,
});

const MAX_DEPTH_LIMIT = 1000;

/** The own properties of a clean Object.prototype; anything else there is pollution that plain reads would inherit. */
const STANDARD_PROTOTYPE = new Set([
  'constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty', '__lookupGetter__', '__lookupSetter__',
  'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__', 'toLocaleString',
]);

function positiveInt(value: unknown, fallback: number, max: number, name: string, issues: DatafileIssue[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
  issues.push({ path: `options.${name}`, message: `must be an integer from 1 to ${max}, got ${String(value)}` });
  return fallback;
}

/** Reads the options; problems are returned as issues (the validator never throws). */
export function readValidateOptions(options: ValidateOptions | undefined, issues: DatafileIssue[]): Ctx['limits'] {
  const o: ValidateOptions = options !== null && typeof options === 'object' ? options : {};
  return {
    maxDepth: positiveInt(o.maxDepth, DEFAULT_VALIDATE_OPTIONS.maxDepth, MAX_DEPTH_LIMIT, 'maxDepth', issues),
    maxIssues: positiveInt(o.maxIssues, DEFAULT_VALIDATE_OPTIONS.maxIssues, 1_000_000, 'maxIssues', issues),
    maxPatternLength: positiveInt(o.maxPatternLength, DEFAULT_VALIDATE_OPTIONS.maxPatternLength, 1_000_000, 'maxPatternLength', issues),
  };
}

function pollution(): string | null {
  for (const key in Object.prototype) return key;
  for (const key of Object.getOwnPropertyNames(Object.prototype)) if (!STANDARD_PROTOTYPE.has(key)) return key;
  return null;
}

/** Runs every check on `value`; `strict` for values that did not come from our own JSON.parse. */
export function runValidation(value: unknown, strict: boolean, limits: Ctx['limits']): DatafileResult {
  const polluted = pollution();
  if (polluted !== null) {
    const message = `Object.prototype carries a "${polluted}" property (prototype pollution elsewhere in this process); refusing to validate`;
    return { ok: false, issues: [{ path: '', message }], warnings: [] };
  }
  const c = acquireCtx(strict, limits);
  let errors: DatafileIssue[];
  let warnings: DatafileIssue[];
  let droppedErrors: number;
  let droppedWarnings: number;
  let loaded: ValidDatafile | null = null;
  let quarantined: readonly QuarantinedEntity[] = [];
  let documentIssues: DatafileIssue[] = [];
  let aborted = false;
  let expanded = value;
  try {
    try {
      expanded = expandTemplates(c, value);
      const indexes = checkDatafile(c, expanded);
      if (indexes !== undefined) checkReferences(c, indexes);
    } catch (e) {
      if (!(e instanceof StopValidation)) {
        aborted = true;
        c.errors.push({ path: c.path(), message: `could not be read: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    // Past `maxIssues`, or after an input that throws when read, the rest of the document went unchecked: nothing in
    // it can be trusted.
    if (c.droppedErrors === 0 && !aborted) {
      const scoping = scopeErrors(expanded, c.errors);
      documentIssues = scoping.documentIssues;
      if (documentIssues.length === 0) {
        const datafile = withoutQuarantined(expanded as Datafile, scoping.seal);
        quarantinedReferences(c.refs, scoping.seal, datafile, (path, message) => c.warnAt(path, message));
        loaded = seal(datafile, scoping.seal);
        quarantined = scoping.seal.quarantined;
      }
    }
    errors = c.errors;
    warnings = c.warnings;
    droppedErrors = c.droppedErrors;
    droppedWarnings = c.droppedWarnings;
  } finally {
    releaseCtx(c);
  }
  if (droppedWarnings > 0) warnings.push({ path: '', message: `${droppedWarnings} more warnings not shown (maxIssues)` });
  if (loaded !== null) return { ok: true, datafile: loaded, quarantined, warnings };
  if (droppedErrors > 0) errors.push({ path: '', message: `stopped after ${limits.maxIssues} errors (maxIssues)` });
  // What makes the document unreadable first, then the rest.
  const issues = documentIssues.length === 0 ? errors : [...documentIssues, ...errors.filter((e) => !documentIssues.includes(e))];
  return { ok: false, issues, warnings };
}

/**
 * Validates a datafile that is already a JavaScript value (for example from your own `JSON.parse`): its shape,
 * references, duplicates, dependency cycles, weights, operator values and patterns. Never throws. On success the
 * returned `datafile` is the same object (unknown fields stay on it and are ignored); do not mutate it afterwards.
 *
 * Objects must be plain (prototype `Object.prototype` or `null`); numbers must be finite; `undefined` counts as absent.
 *
 * @example
 * const result = validateDatafile(JSON.parse(text));
 * if (result.ok) start(result.datafile);
 * else console.error(formatIssues(result.issues));
 */
export function validateDatafile(value: unknown, options?: ValidateOptions): DatafileResult {
  const issues: DatafileIssue[] = [];
  const limits = readValidateOptions(options, issues);
  if (issues.length > 0) return { ok: false, issues, warnings: [] };
  return runValidation(value, true, limits);
}
