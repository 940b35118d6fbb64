import type { Scheduler, TimerHandle } from '@ensign/common';

/** What `onReady`, `waitForInitialization` and `start` resolve to. They never reject. */
export interface ReadyResult {
  /** True once a valid datafile is in use. */
  success: boolean;
  /** Why not, when `success` is false (a timeout, an invalid datafile, the client was closed). */
  reason?: string;
}

/** Options of a readiness wait. */
export interface ReadyOptions {
  /** Milliseconds to wait before resolving `{ success: false }`. Default 30 000. */
  timeout?: number;
}

/** The readiness gate of a client: it opens on the first valid datafile. */
export interface Readiness {
  isReady(): boolean;
  /** Opens the gate: every pending and future wait resolves `{ success: true }`. */
  markReady(): void;
  /**
   * Reports that the first datafile failed: pending waits resolve `{ success: false, reason }`, and so do later ones
   * until a good datafile arrives and `markReady` is called.
   */
  markFailed(reason: string): void;
  /** Records why the client is not ready yet while its source retries; a wait that times out names it. */
  note(problem: string): void;
  /** Waits for the gate, at most `timeoutMs`. Never rejects. */
  wait(timeoutMs: number): Promise<ReadyResult>;
  /** Resolves every pending wait `{ success: false, reason: 'client closed' }` and cancels their timers. */
  close(): void;
}

/** Default readiness timeout: 30 s, as Optimizely's `onReady`. */
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

interface Waiter {
  resolve(result: ReadyResult): void;
  timer: TimerHandle | null;
}

/**
 * Creates the readiness gate. Timeouts run on the injected scheduler, whose timers never keep the process alive.
 *
 * @example
 * const readiness = createReadiness(scheduler);
 * const pending = readiness.wait(5_000);
 * readiness.markReady();
 * await pending; // { success: true }
 */
export function createReadiness(scheduler: Scheduler): Readiness {
  let ready = false;
  let closed = false;
  let failure: string | null = null;
  let problem: string | null = null;
  const waiters = new Set<Waiter>();

  const settleAll = (result: ReadyResult) => {
    for (const w of waiters) {
      w.timer?.cancel();
      w.resolve(result);
    }
    waiters.clear();
  };

  return {
    isReady: () => ready,
    markReady() {
      if (closed) return;
      ready = true;
      failure = null;
      settleAll({ success: true });
    },
    markFailed(reason) {
      if (closed || ready) return;
      failure = reason;
      settleAll({ success: false, reason });
    },
    note(text) {
      if (!ready) problem = text;
    },
    wait(timeoutMs) {
      if (ready) return Promise.resolve({ success: true });
      if (closed) return Promise.resolve({ success: false, reason: 'client closed' });
      if (failure !== null) return Promise.resolve({ success: false, reason: failure });
      return new Promise<ReadyResult>((resolve) => {
        const waiter: Waiter = { resolve, timer: null };
        waiters.add(waiter);
        waiter.timer = scheduler.setTimeout(() => {
          waiters.delete(waiter);
          resolve({ success: false, reason: `not ready after ${timeoutMs} ms${problem === null ? '' : ` (last error: ${problem})`}` });
        }, timeoutMs);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      settleAll({ success: false, reason: 'client closed' });
    },
  };
}
