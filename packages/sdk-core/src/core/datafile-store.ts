import type { DatafileSink, Logger } from '@ensign/common';
import { safeLog } from '@ensign/common';
import type { QuarantinedEntity, ValidDatafile } from '@ensign/datafile-schema';
import { mergeLastGood, parseDatafile } from '@ensign/datafile-schema';
import type { CompiledDatafile } from '@ensign/evaluator-core';
import { compileDatafile } from '@ensign/evaluator-core';
import type { DatafileSourceKind, Emitter } from './emitter.js';
import type { Readiness } from './readiness.js';
import type { StatusTracker } from './status.js';

/** What applying a datafile came to. */
export type ApplyOutcome = { ok: true; revision: string } | { ok: false; message: string; path?: string };

/** Holds the compiled datafile in use and swaps it atomically on a good update. */
export interface DatafileStore {
  /** The datafile in use; undefined before the first good one. Read on every evaluation. */
  current(): CompiledDatafile | undefined;
  /**
   * Parses, validates and compiles `input`; on success swaps it in, marks the client ready and emits `update`.
   * On failure keeps the datafile in use, logs one error with the JSON path of the first issue, records it in the
   * status and emits `error`. Never throws.
   */
  apply(input: string | object, source: DatafileSourceKind, origin: string): ApplyOutcome;
  /** Reports a failure that happened before parsing (an unreadable file), with the same effects as a bad datafile. */
  reject(message: string, source: DatafileSourceKind, origin: string): void;
  /** The sink a {@link DatafileSource} pushes into: `update` applies, `error` reports (the last good one stays). */
  sinkFor(source: DatafileSourceKind, origin: string): DatafileSink;
}

/** Parts of the client the store reports to. */
export interface DatafileStoreDeps {
  logger: Logger;
  readiness: Readiness;
  status: StatusTracker;
  emitter: Emitter;
}

interface Issue {
  path?: unknown;
  message?: unknown;
}

const MAX_ISSUES_IN_LOG = 3;

function formatIssue(issue: unknown): { text: string; path?: string } {
  if (typeof issue === 'string') return { text: issue };
  const { path, message } = (issue ?? {}) as Issue;
  const p = typeof path === 'string' ? path : Array.isArray(path) ? path.join('.') : undefined;
  const text = `${p ? `${p}: ` : ''}${String(message ?? 'invalid')}`;
  return p === undefined ? { text } : { text, path: p };
}

const QUARANTINE_IN_LOG = 3;

/** One line per update: how many entities are quarantined, the first few with their paths, and which keep their last good version. */
function logQuarantine(logger: Logger, source: string, origin: string, quarantined: readonly QuarantinedEntity[], kept: readonly QuarantinedEntity[]): void {
  const first = quarantined.slice(0, QUARANTINE_IN_LOG).map((q) => `${q.kind} "${q.key}" (${q.path}: ${q.message})`);
  const more = quarantined.length > QUARANTINE_IN_LOG ? ` and ${quarantined.length - QUARANTINE_IN_LOG} more` : '';
  const keeping = kept.length > 0 ? `; keeping the last good version of ${kept.map((q) => `${q.kind} "${q.key}"`).join(', ')}` : '';
  safeLog(logger, 'warn', `datafile from ${source} ${origin}: ${quarantined.length} entit${quarantined.length === 1 ? 'y' : 'ies'} quarantined, the rest serve: ${first.join('; ')}${more}${keeping}`);
}

/**
 * Creates the store behind every datafile source.
 *
 * @example
 * const store = createDatafileStore({ logger, readiness, status, emitter });
 * store.apply(text, 'file', '/etc/flags.json');
 * store.current()?.revision;
 */
export function createDatafileStore(deps: DatafileStoreDeps): DatafileStore {
  let compiled: CompiledDatafile | undefined;
  let valid: ValidDatafile | null = null;

  const reject = (message: string, path: string | undefined, source: DatafileSourceKind, origin: string, error?: unknown, retrying = false) => {
    const keeping = compiled ? `keeping revision ${compiled.revision}` : 'no datafile in use yet';
    safeLog(deps.logger, 'error', `datafile from ${source} ${origin} rejected (${keeping}): ${message}`);
    deps.status.failed(message, path);
    deps.emitter.emit('error', {
      message,
      source: 'datafile',
      ...(path === undefined ? {} : { path }),
      ...(error === undefined ? {} : { error }),
    });
    // A source that retries (a server down at start) leaves readiness waiting: `onReady` times out with this reason.
    if (!compiled) {
      if (retrying) deps.readiness.note(message);
      else deps.readiness.markFailed(`datafile rejected: ${message}`);
    }
  };

  const store: DatafileStore = {
    current: () => compiled,
    reject(message, source, origin) {
      reject(message, undefined, source, origin);
    },
    sinkFor(source, origin) {
      // The last text this sink received and whether it was applied: a source that pushes the same text again (a
      // poll after an outage, a stream's `put` on reconnect) confirms the datafile in use instead of re-applying it,
      // and a bad text pushed again is not logged again.
      let lastText: string | null = null;
      let lastOk = false;
      return {
        update: (document) => {
          if (typeof document === 'string' && document === lastText) {
            if (lastOk) deps.status.confirmed();
            return;
          }
          const outcome = store.apply(document as string | object, source, origin);
          lastText = typeof document === 'string' ? document : null;
          lastOk = outcome.ok;
        },
        error: (error) => {
          const text = typeof error?.message === 'string' ? error.message : 'the source failed';
          reject(text, undefined, source, origin, undefined, error?.retrying === true);
        },
      };
    },
    apply(input, source, origin) {
      const parsed = parseDatafile(input);
      if (!parsed.ok) {
        const issues = parsed.issues.map(formatIssue);
        const first = issues[0];
        const more = issues.length > MAX_ISSUES_IN_LOG ? ` (and ${issues.length - MAX_ISSUES_IN_LOG} more)` : '';
        const message = (issues.slice(0, MAX_ISSUES_IN_LOG).map((i) => i.text).join('; ') || 'invalid datafile') + more;
        reject(message, first?.path, source, origin);
        return first?.path === undefined ? { ok: false, message } : { ok: false, message, path: first.path };
      }
      let next: CompiledDatafile;
      const merged = mergeLastGood(parsed.datafile, valid);
      try {
        next = compileDatafile(merged.datafile);
      } catch (error) {
        // The evaluator is meant to be total on a validated datafile; this guards the seam anyway.
        const message = `datafile could not be compiled: ${error instanceof Error ? error.message : String(error)}`;
        reject(message, undefined, source, origin, error);
        return { ok: false, message };
      }
      const warnings = parsed.warnings ?? [];
      if (warnings.length > 0) {
        // One line per update, as for quarantine: a datafile with a hundred warnings must not write a hundred lines.
        const shown = warnings.slice(0, MAX_ISSUES_IN_LOG).map((w) => formatIssue(w).text).join('; ');
        const more = warnings.length > MAX_ISSUES_IN_LOG ? ` (and ${warnings.length - MAX_ISSUES_IN_LOG} more)` : '';
        safeLog(deps.logger, 'warn', `datafile from ${source} ${origin}: ${warnings.length} warning(s): ${shown}${more}`);
      }
      const quarantined = parsed.quarantined;
      if (quarantined.length > 0) logQuarantine(deps.logger, source, origin, quarantined, merged.kept);
      const previousRevision = compiled ? compiled.revision : null;
      compiled = next;
      valid = merged.datafile;
      deps.status.applied(next.revision, source, quarantined, merged.kept);
      deps.readiness.markReady();
      safeLog(deps.logger, 'info', `datafile revision ${next.revision} in use (from ${source} ${origin})`);
      deps.emitter.emit('update', { revision: next.revision, previousRevision, source, flagKeys: next.flagKeys });
      return { ok: true, revision: next.revision };
    },
  };
  return store;
}
