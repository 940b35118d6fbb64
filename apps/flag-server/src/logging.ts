import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Logger } from '@ensign/common';
import { maskUrl } from './http/auth.js';
import type { FlagServerLogOptions } from './server-options.js';

/** Header paths pino replaces with `[redacted]` wherever a request's headers are logged. */
export const REDACTED_PATHS = Object.freeze([
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
]);

/**
 * Fastify's logger options: pino at the given level, request lines with the method, the URL with SDK keys masked
 * (`/v1/datafiles/****abcd.json`) and the remote address (no headers), and the auth headers redacted should any
 * log line carry them.
 *
 * @example
 * Fastify({ logger: fastifyLoggerOptions({ level: 'info' }) });
 */
export function fastifyLoggerOptions(options: FlagServerLogOptions | false): FastifyServerOptions['logger'] {
  if (options === false) return false;
  const config: Record<string, unknown> = {
    level: options.level ?? 'info',
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    serializers: {
      req(request: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string } }) {
        return { method: request.method, url: maskUrl(request.url ?? ''), remoteAddress: request.ip ?? request.socket?.remoteAddress };
      },
    },
  };
  if (options.stream) config['stream'] = options.stream;
  return config as FastifyServerOptions['logger'];
}

/**
 * The Ensign `Logger` port over Fastify's pino logger, for the data store, the event store and the SDK clients
 * built per datafile.
 *
 * @example
 * const logger = ensignLogger(app.log.child({ component: 'data' }));
 */
export function ensignLogger(log: FastifyBaseLogger): Logger {
  return {
    debug: (message) => log.debug(message),
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
