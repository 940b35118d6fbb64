// The vendors' logger options as Ensign loggers. Each vendor entry resolves its logger first, so that the warnings
// about ignored options already go where the user's logs go.
import type { Logger, LogLevel } from '@ensign/common';
import { createConsoleLogger, filterLogger, isLogger } from '@ensign/common';

type Level = LogLevel | 'none';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (message: unknown): string => (message instanceof Error ? message.message : String(message));

/** Options of {@link basicLogger} (LaunchDarkly's `BasicLoggerOptions`). */
export interface BasicLoggerOptions {
  /** Lowest level written: `debug`, `info`, `warn`, `error` or `none`. Default `info`. */
  level?: Level;
  /** The name in each line (`info: [LaunchDarkly] ...`). Default `LaunchDarkly`. */
  name?: string;
  /** Where lines go. Default `console.error`, as LaunchDarkly's. */
  destination?: (line: string) => void;
  /** Formats the message and its arguments into one string. Default: joined with spaces. */
  formatter?: (...args: unknown[]) => string;
}

/**
 * LaunchDarkly's `basicLogger`: lines `<level>: [<name>] <message>` at `level` and above, written to `destination`.
 *
 * @example
 * init(sdkKey, { logger: basicLogger({ level: 'warn', destination: console.log }) });
 */
export function basicLogger(options: BasicLoggerOptions = {}): Logger {
  const name = options.name ?? 'LaunchDarkly';
  const destination = options.destination ?? ((line: string) => console.error(line));
  const format = options.formatter ?? ((...args: unknown[]) => args.map(text).join(' '));
  const write = (level: LogLevel) => (message: string, ...args: unknown[]) => destination(`${level}: [${name}] ${format(message, ...args)}`);
  const logger: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  return filterLogger(logger, options.level ?? 'info');
}

/** Ensign's default logger for a vendor entry: the console at `warn` (`debug` lowers it), as `createClient`'s. */
export function defaultEntryLogger(debug: boolean): Logger {
  return createConsoleLogger({ level: debug ? 'debug' : 'warn' });
}

/** Optimizely's numeric levels: `LogLevel` of the SDK 6 (Debug 0 … Error 3). */
export const OptimizelyLogLevel = Object.freeze({ Debug: 0, Info: 1, Warn: 2, Error: 3 } as const);
const OPTIMIZELY_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
// SDK 5's `enums.LOG_LEVEL` (NOTSET 0, DEBUG 1, INFO 2, WARNING 3, ERROR 4) and its level names.
const OPTIMIZELY_5_LEVELS: readonly Level[] = ['debug', 'debug', 'info', 'warn', 'error'];
const OPTIMIZELY_LEVEL_NAMES: Readonly<Record<string, Level>> = { notset: 'debug', debug: 'debug', info: 'info', warn: 'warn', warning: 'warn', error: 'error' };

/** Reads an Optimizely `logLevel` (SDK 5: a name or `enums.LOG_LEVEL` number); undefined when unreadable. */
export function optimizelyLevel(value: unknown): Level | undefined {
  if (typeof value === 'string') return OPTIMIZELY_LEVEL_NAMES[value.toLowerCase()];
  if (typeof value === 'number') return OPTIMIZELY_5_LEVELS[value];
  return undefined;
}

/**
 * An Optimizely logger as an Ensign logger: a `{ log(level, message) }` handler (SDK 5's logger and SDK 6's
 * `logHandler`, levels numbered as `numbering` says), or an object with `debug/info/warn/error` used as given.
 */
export function optimizelyHandlerLogger(handler: unknown, numbering: 'sdk5' | 'sdk6'): Logger | undefined {
  if (isLogger(handler)) return handler;
  if (!isObject(handler) || typeof handler['log'] !== 'function') return undefined;
  const log = handler['log'] as (level: number, message: string) => void;
  const number = (level: LogLevel) => (numbering === 'sdk6' ? OPTIMIZELY_LEVELS.indexOf(level) : OPTIMIZELY_5_LEVELS.lastIndexOf(level));
  const write = (level: LogLevel) => (message: string) => log.call(handler, number(level), message);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Amplitude's `LogLevel` (`@amplitude/experiment-node-server`): Disable 0, Error 1, Warn 2, Info 3, Debug 4, Verbose 5. */
export const AmplitudeLogLevel = Object.freeze({ Disable: 0, Error: 1, Warn: 2, Info: 3, Debug: 4, Verbose: 5 } as const);
const AMPLITUDE_LEVELS: readonly Level[] = ['none', 'error', 'warn', 'info', 'debug', 'debug'];

/**
 * Amplitude's logger options as an Ensign logger: `loggerProvider` (`verbose/debug/info/warn/error`; `verbose`
 * lines are written as `debug`) filtered at `logLevel` (`debug: true` means `LogLevel.Debug`), or the console.
 */
export function amplitudeLogger(config: Readonly<Record<string, unknown>>): Logger {
  const debug = config['debug'] === true;
  const level = typeof config['logLevel'] === 'number' ? AMPLITUDE_LEVELS[config['logLevel']] : undefined;
  const provider = config['loggerProvider'];
  const threshold: Level = level ?? (debug ? 'debug' : 'warn');
  if (isLogger(provider)) return filterLogger(provider, threshold);
  return createConsoleLogger({ level: threshold });
}
