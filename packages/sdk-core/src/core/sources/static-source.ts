import type { DatafileSource } from '@ensign/common';

/**
 * The `datafile` option as a source: it pushes the given document once, synchronously in `start`, so a client built
 * from a good static datafile is ready as soon as it is created. A bad one leaves the client not ready: `onReady`
 * resolves `{ success: false, reason }` and one error is logged with the JSON path of the first issue.
 *
 * @example
 * createClient({ datafileSource: createStaticSource('{"schemaVersion":1, ...}') });
 */
export function createStaticSource(datafile: string | object): DatafileSource {
  return {
    kind: 'static',
    start(sink) {
      sink.update(datafile);
    },
    close() {},
  };
}
