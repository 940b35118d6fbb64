// The Scheduler port on Node timers. Every timer is unref()ed: a pending flush or retry never keeps the process
// alive, so a script that forgets close() still exits.
import type { Scheduler, TimerHandle } from '@ensign/common';

/** A {@link Scheduler} on Node timers that can say how many of its timers are still pending. */
export interface NodeScheduler extends Scheduler {
  /** Timers scheduled and not yet run (timeouts) or cancelled (timeouts and intervals). */
  pending(): number;
}

/** Options of {@link createNodeScheduler}. */
export interface NodeSchedulerOptions {
  /**
   * Called when a callback throws. Default: the error is swallowed, so one failing timer cannot crash the process
   * (callbacks of Ensign's packages never throw; this guards user-supplied ones).
   */
  onError?: (error: unknown) => void;
}

/**
 * Creates a {@link NodeScheduler}: `setTimeout` and `setInterval` on Node's timers, each `unref()`ed, each tracked
 * until it runs or is cancelled. Never throws.
 *
 * @example
 * const scheduler = createNodeScheduler();
 * const pipeline = createEventPipeline({ dispatcher, scheduler });
 * await pipeline.close();
 * scheduler.pending(); // 0
 */
export function createNodeScheduler(options: NodeSchedulerOptions = {}): NodeScheduler {
  const live = new Set<NodeJS.Timeout>();
  const run = (callback: () => void) => {
    try {
      callback();
    } catch (error) {
      try {
        options.onError?.(error);
      } catch {
        // an error handler that throws is ignored too
      }
    }
  };
  const handle = (timer: NodeJS.Timeout, clear: (t: NodeJS.Timeout) => void): TimerHandle => ({
    cancel() {
      if (live.delete(timer)) clear(timer);
    },
  });
  return {
    setTimeout(callback, delayMs) {
      const timer: NodeJS.Timeout = setTimeout(() => {
        live.delete(timer);
        run(callback);
      }, clampDelay(delayMs));
      timer.unref();
      live.add(timer);
      return handle(timer, clearTimeout);
    },
    setInterval(callback, intervalMs) {
      const timer: NodeJS.Timeout = setInterval(() => run(callback), Math.max(1, clampDelay(intervalMs)));
      timer.unref();
      live.add(timer);
      return handle(timer, clearInterval);
    },
    pending: () => live.size,
  };
}

// Node warns and uses 1 ms for delays above 2^31 - 1; NaN and negatives become 0.
function clampDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, 2_147_483_647);
}
