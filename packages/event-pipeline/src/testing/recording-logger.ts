// A logger for tests: it keeps every line, so a test can assert what was (and was not) logged.
import type { Logger, LogLevel } from '@ensign/common';

/** One logged line. */
export interface LogLine {
  level: LogLevel;
  message: string;
  args: unknown[];
}

/** A logger that remembers its lines. */
export interface RecordingLogger extends Logger {
  readonly lines: LogLine[];
  /** Every line, message and arguments, as one string (handy for "never logs X" assertions). */
  text(): string;
}

/**
 * Creates a {@link RecordingLogger}.
 *
 * @example
 * const logger = createRecordingLogger();
 * createEventPipeline({ dispatcher, scheduler, logger });
 * expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
 */
export function createRecordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const at = (level: LogLevel) => (message: string, ...args: unknown[]) => void lines.push({ level, message, args });
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((l) => [l.message, ...l.args.map(show)].join(' ')).join('\n'),
  };
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
