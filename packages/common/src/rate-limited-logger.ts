import type { Clock } from './ports.js';
import type { Logger, LogLevel } from './logger.js';
import { safeLog } from './logger.js';

/** Options of {@link createRateLimitedLogger}. */
export interface RateLimitOptions {
  /** The clock that measures windows. */
  clock: Clock;
  /** Length of a window in ms. Default 60 000. */
  windowMs?: number;
  /** Lines allowed per message key and window. Default 1. */
  burst?: number;
  /** Message keys remembered at most; the oldest is forgotten first. Default 1 000. */
  maxKeys?: number;
}

/** A logger whose lines, grouped by a key, are limited per time window. */
export interface RateLimitedLogger {
  /** Logs `message` unless `key` has used up its lines in this window; counts what it suppresses. */
  log(level: LogLevel, key: string, message: string, ...args: unknown[]): void;
  /** Lines suppressed since creation. */
  suppressed(): number;
}

/**
 * Limits log lines per key and window, so a hot path (an evaluation with a bad context, a million times a second)
 * cannot flood the logs. The first line of a window after suppression says how many were dropped.
 *
 * @example
 * const limited = createRateLimitedLogger(logger, { clock: { now: Date.now } });
 * limited.log('warn', 'bad-context', 'invalid context: key must be a non-empty string');
 */
export function createRateLimitedLogger(logger: Logger, options: RateLimitOptions): RateLimitedLogger {
  const windowMs = options.windowMs ?? 60_000;
  const burst = options.burst ?? 1;
  const maxKeys = options.maxKeys ?? 1_000;
  const windows = new Map<string, { start: number; count: number; dropped: number }>();
  let suppressedTotal = 0;
  return {
    log(level, key, message, ...args) {
      const now = options.clock.now();
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        const dropped = w?.dropped ?? 0;
        if (w) windows.delete(key);
        w = { start: now, count: 0, dropped: 0 };
        windows.set(key, w);
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
        if (dropped > 0) message = `${message} (${dropped} similar line(s) suppressed)`;
      }
      if (w.count < burst) {
        w.count += 1;
        safeLog(logger, level, message, ...args);
      } else {
        w.dropped += 1;
        suppressedTotal += 1;
      }
    },
    suppressed: () => suppressedTotal,
  };
}
