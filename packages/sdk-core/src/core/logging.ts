import type { Logger, LogLevel } from '@ensign/common';
import { createConsoleLogger, maskSecret } from '@ensign/common';

/**
 * The client's logger, following seed 001: with no `logger`, a console logger at `warn`, lowered to `debug` by
 * `debug: true`; a custom logger is used as given (its own level applies, `debug` is ignored). Either way, every
 * secret in `secrets` (the SDK key, API keys) is masked in every line and string argument, so a key never reaches a
 * log, whoever writes the line.
 *
 * @example
 * const logger = createClientLogger({ debug: true, secrets: ['sdk-1234567890abcd'] });
 * logger.warn('key sdk-1234567890abcd rejected'); // "[ensign] key ****abcd rejected"
 */
export function createClientLogger(options: { logger?: Logger | undefined; debug: boolean; secrets: readonly (string | undefined)[] }): Logger {
  const base = options.logger ?? createConsoleLogger({ level: options.debug ? 'debug' : 'warn' });
  const secrets = options.secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (secrets.length === 0) return base;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let out = value;
      for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
      return out;
    }
    if (value instanceof Error) {
      const message = scrub(value.message) as string;
      return message === value.message ? value : Object.assign(new Error(message), { name: value.name });
    }
    return value;
  };
  // Called as methods of `base`, so loggers that rely on `this` (pino) keep working.
  const write = (level: LogLevel) => (message: string, ...args: unknown[]) => base[level](scrub(message) as string, ...args.map(scrub));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
