import type { ApplyOutcome, DatafileStore } from '../client/datafile-store.js';

/**
 * Loads the `datafile` option (JSON text or an object) into the store, synchronously, so a client built from a good
 * static datafile is ready as soon as `createClient` returns. A bad one leaves the client not ready: `onReady`
 * resolves `{ success: false, reason }` and one error is logged with the JSON path of the first issue.
 *
 * @example
 * loadStaticDatafile(store, '{"schemaVersion":1, ...}'); // { ok: true, revision: '42' }
 */
export function loadStaticDatafile(store: DatafileStore, datafile: string | object): ApplyOutcome {
  return store.apply(datafile, 'static', 'option');
}
