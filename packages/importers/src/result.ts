import type { Datafile } from '@ensign/datafile-schema';

/** One construct an importer could not express exactly, or a fatal problem, with the JSON path in the input. */
export interface ImportWarning {
  /** JSON path in the vendor's input, e.g. `featureFlags[2].rolloutId` or `flags.my-flag.rules[0]`. */
  readonly path: string;
  readonly message: string;
}

/**
 * What every importer returns; importers never throw. `ok: false` only for a fatal problem (the input is not the
 * vendor's format at all); every construct that cannot be expressed is a warning, never a silent drop.
 */
export type ImportResult =
  | { readonly ok: true; readonly datafile: Datafile; readonly warnings: readonly ImportWarning[] }
  | { readonly ok: false; readonly errors: readonly ImportWarning[]; readonly warnings: readonly ImportWarning[] };
