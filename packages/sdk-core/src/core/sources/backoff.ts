/** Options of {@link createBackoff}. */
export interface BackoffOptions {
  /** The first delay, ms. */
  initialMs: number;
  /** Delays never exceed this, ms. */
  maxMs: number;
  /** A uniform number in [0, 1) (the platform's `random`). */
  random: () => number;
  /** Growth per failure. Default 2. */
  factor?: number;
}

/** Delays between retries: exponential, capped, with jitter. */
export interface Backoff {
  /** The delay before the next attempt, ms; each call counts one more failure. */
  next(): number;
  /** Back to the first delay (after a success). */
  reset(): void;
  /** Failures counted since the last reset. */
  readonly failures: number;
}

/**
 * Creates an exponential backoff with "equal jitter": the n-th delay is drawn uniformly from [d/2, d) where
 * d = min(maxMs, initialMs × factor^n). Half the delay is certain (a fleet of SDKs does not hammer a server that has
 * just come back), half is random (they do not all come back in the same millisecond).
 *
 * @example
 * const backoff = createBackoff({ initialMs: 1_000, maxMs: 30_000, random: Math.random });
 * backoff.next(); // between 500 and 1 000
 * backoff.next(); // between 1 000 and 2 000
 */
export function createBackoff(options: BackoffOptions): Backoff {
  const factor = options.factor ?? 2;
  let failures = 0;
  return {
    next() {
      const base = Math.min(options.maxMs, options.initialMs * factor ** Math.min(failures, 64));
      failures += 1;
      const r = options.random();
      const unit = Number.isFinite(r) && r >= 0 && r < 1 ? r : 0.5;
      return Math.max(0, Math.round(base / 2 + (base / 2) * unit));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
