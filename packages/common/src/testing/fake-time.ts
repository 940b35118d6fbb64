import type { Clock, Scheduler, TimerHandle } from '../ports.js';

/** A clock whose time moves only when a test says so. */
export interface FakeClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** Creates a {@link FakeClock} starting at `start` (default 0). */
export function createFakeClock(start = 0): FakeClock {
  let now = start;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A scheduler driven by a fake clock. */
export interface FakeScheduler extends Scheduler {
  /** Moves the clock forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** Like `advance`, but lets promises settle between timers. */
  advanceAsync(ms: number): Promise<void>;
  /** Timers not yet run or cancelled. */
  pending(): number;
  readonly clock: FakeClock;
}

interface Timer {
  id: number;
  due: number;
  every: number | null;
  callback: () => void;
}

/**
 * Creates a {@link FakeScheduler}. Timers run only inside `advance`, so tests are deterministic.
 *
 * @example
 * const scheduler = createFakeScheduler();
 * scheduler.setTimeout(() => fired.push(1), 100);
 * scheduler.advance(100); // fired = [1]
 */
export function createFakeScheduler(clock: FakeClock = createFakeClock()): FakeScheduler {
  const timers = new Map<number, Timer>();
  let nextId = 1;
  const add = (callback: () => void, delay: number, every: number | null): TimerHandle => {
    const id = nextId++;
    timers.set(id, { id, due: clock.now() + Math.max(0, delay), every, callback });
    return { cancel: () => void timers.delete(id) };
  };
  const nextDue = (until: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers.values()) if (t.due <= until && (!best || t.due < best.due || (t.due === best.due && t.id < best.id))) best = t;
    return best;
  };
  const runOne = (t: Timer) => {
    clock.set(t.due);
    if (t.every !== null) t.due += Math.max(1, t.every);
    else timers.delete(t.id);
    t.callback();
  };
  return {
    clock,
    setTimeout: (cb, ms) => add(cb, ms, null),
    setInterval: (cb, ms) => add(cb, ms, ms),
    advance(ms) {
      const until = clock.now() + ms;
      for (let t = nextDue(until); t; t = nextDue(until)) runOne(t);
      clock.set(until);
    },
    async advanceAsync(ms) {
      const until = clock.now() + ms;
      await flushMicrotasks();
      for (let t = nextDue(until); t; t = nextDue(until)) {
        runOne(t);
        await flushMicrotasks();
      }
      clock.set(until);
      await flushMicrotasks();
    },
    pending: () => timers.size,
  };
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
