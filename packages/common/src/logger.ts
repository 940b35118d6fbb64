/** The four levels every logger port understands, from most to least verbose. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Levels as numbers, for filtering. `none` silences a console logger. */
export const LOG_LEVELS = Object.freeze({ debug: 10, info: 20, warn: 30, error: 40, none: 100 } as const);

/**
 * The logger port. Any object with these four methods works: `console`, pino, winston, or your own.
 * Ensign passes a message string first and optional structured values after it.
 */
export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

/** Options of {@link createConsoleLogger}. */
export interface ConsoleLoggerOptions {
  /** Lowest level written. Default `'warn'`. `'none'` writes nothing. */
  level?: LogLevel | 'none';
  /** Text put before each message. Default `'[ensign]'`. */
  prefix?: string;
  /** Where lines go. Default the global `console`. */
  destination?: Pick<Logger, LogLevel>;
}

/**
 * Creates a logger that writes to the console (or another destination) at `level` and above.
 *
 * @example
 * const logger = createConsoleLogger({ level: 'debug', prefix: '[flags]' });
 * logger.debug('datafile loaded'); // "[flags] datafile loaded"
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS[options.level ?? 'warn'];
  const prefix = options.prefix ?? '[ensign]';
  const out = options.destination ?? console;
  const write = (level: LogLevel) =>
    LOG_LEVELS[level] < threshold
      ? noop
      : (message: string, ...args: unknown[]) => out[level](prefix ? `${prefix} ${message}` : message, ...args);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function noop(): void {}

/** A logger that writes nothing: the default of every library package. */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });

/**
 * Wraps a logger so that only `level` and above pass through.
 *
 * @example
 * const quiet = filterLogger(console, 'error');
 */
export function filterLogger(logger: Logger, level: LogLevel | 'none'): Logger {
  const threshold = LOG_LEVELS[level];
  const pass = (l: LogLevel) => (LOG_LEVELS[l] < threshold ? noop : (m: string, ...a: unknown[]) => logger[l](m, ...a));
  return { debug: pass('debug'), info: pass('info'), warn: pass('warn'), error: pass('error') };
}

/**
 * Tells whether a value can serve as a logger: an object with `debug`, `info`, `warn` and `error` functions.
 */
export function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['debug', 'info', 'warn', 'error'].every((m) => typeof v[m] === 'function');
}

/**
 * Calls a user's logger and swallows anything it throws: a broken logger must not break evaluation.
 */
export function safeLog(logger: Logger, level: LogLevel, message: string, ...args: unknown[]): void {
  try {
    logger[level](message, ...args);
  } catch {
    // A logger that throws is the user's bug; Ensign keeps working.
  }
}
