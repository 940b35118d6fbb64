// The Scheduler port of @ensign/common backed by Node timers that never keep the process alive, for the pipeline
// the benchmark builds itself (node-sdk brings its own).
import type { Scheduler } from '@ensign/common';

/** A Scheduler over `setTimeout` / `setInterval`, with unref'd timers. */
export function createUnrefScheduler(): Scheduler {
  return {
    setTimeout(callback, delayMs) {
      const t = setTimeout(callback, delayMs);
      t.unref();
      return { cancel: () => clearTimeout(t) };
    },
    setInterval(callback, intervalMs) {
      const t = setInterval(callback, intervalMs);
      t.unref();
      return { cancel: () => clearInterval(t) };
    },
  };
}
