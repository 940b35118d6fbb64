import type { AbortSignalLike } from '@ensign/common';

/** A minimal abort signal and its trigger, so sources can cancel requests without a runtime's `AbortController`. */
export interface Abort {
  readonly signal: AbortSignalLike;
  abort(): void;
}

/**
 * Creates an {@link Abort}: `abort()` marks the signal aborted and calls each listener once.
 *
 * @example
 * const a = createAbort();
 * void http.request({ method: 'GET', url, signal: a.signal });
 * a.abort(); // the request rejects with an AbortError
 */
export function createAbort(): Abort {
  let aborted = false;
  const listeners = new Set<() => void>();
  const signal: AbortSignalLike = {
    get aborted() {
      return aborted;
    },
    addEventListener(_type, listener) {
      if (!aborted) listeners.add(listener);
    },
    removeEventListener(_type, listener) {
      listeners.delete(listener);
    },
  };
  return {
    signal,
    abort() {
      if (aborted) return;
      aborted = true;
      const all = [...listeners];
      listeners.clear();
      for (const listener of all) {
        try {
          listener();
        } catch {
          // A listener's failure must not stop the others.
        }
      }
    },
  };
}
