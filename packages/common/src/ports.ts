/** The time port: milliseconds since the epoch. Tests pass a fake clock. */
export interface Clock {
  now(): number;
}

/** A scheduled callback that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * The timer port. Packages below `node-sdk` never call `setTimeout` themselves; they ask a scheduler,
 * so tests drive time with a fake one and `node-sdk` supplies timers that never keep the process alive.
 */
export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  setInterval(callback: () => void, intervalMs: number): TimerHandle;
}

/** The clock backed by `Date.now()`. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });
