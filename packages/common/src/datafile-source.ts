/**
 * Where datafiles come from. A source pushes what it reads into a {@link DatafileSink} (the client's datafile
 * store), as LaunchDarkly's data sources push into their update sink. `datafile`, `datafilePath`, polling,
 * streaming and Redis are all sources; a user can pass their own.
 */

/** What a source tells the store. The store parses, quarantines and keeps the last good datafile. */
export interface DatafileSink {
  /**
   * A new datafile document, as text or as an already-parsed value. `revision` is informational (an ETag or a
   * stream event id); the store reads the document's own revision.
   */
  update(document: string | unknown, meta?: { readonly revision?: string }): void;
  /** A failure to fetch or read; the last good datafile stays in force. `retrying` says a retry is scheduled. */
  error(error: { readonly message: string; readonly retrying: boolean; readonly status?: number }): void;
}

/** A datafile source: `start` begins pushing into the sink; `close` stops every timer and connection. */
export interface DatafileSource {
  /** A short name shown in `getStatus().source` (for example `'file'`, `'polling'`, `'streaming'`). */
  readonly kind: string;
  start(sink: DatafileSink): void;
  close(): void | Promise<void>;
}
