import type { DatafileSource } from '@ensign/common';

/**
 * The `bootstrap` option: starts the client from a datafile the application already has (baked into the image,
 * cached from a previous run), then follows `next` (polling or streaming). The bootstrap datafile is pushed first,
 * synchronously in `start`, so a good one makes the client ready at once; the server's datafile replaces it when it
 * arrives. It is trusted as given: signature checks apply to what comes over the network.
 *
 * @example
 * const source = createBootstrapSource(cachedText, createPollingSource({ url, http, scheduler, clock, logger }));
 */
export function createBootstrapSource(bootstrap: string | object, next: DatafileSource): DatafileSource {
  return {
    kind: next.kind,
    start(sink) {
      sink.update(bootstrap, { revision: 'bootstrap' });
      next.start(sink);
    },
    close: () => next.close(),
  };
}
