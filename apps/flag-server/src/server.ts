import Fastify from 'fastify';
import { createDataStore } from './data/data-store.js';
import { createEventStore } from './events/event-store.js';
import { classifyError, sendError } from './http/errors.js';
import { registerJsonBodies } from './http/json-body.js';
import { ensignLogger, fastifyLoggerOptions } from './logging.js';
import type { RouteDeps } from './routes/context.js';
import { registerDatafileRoutes } from './routes/datafile-routes.js';
import { registerEvaluateRoutes } from './routes/evaluate-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerCohortRoutes } from './routes/cohort-routes.js';
import { registerOdpRoutes } from './routes/odp-routes.js';
import { createOdpEventLog } from './membership/odp-event-log.js';
import type { FlagServerOptions } from './server-options.js';
import { resolveServerOptions } from './server-options.js';
import { createStreamHub } from './stream/stream-hub.js';
import { startFleet } from './fleet/fleet.js';
import type { Fleet } from './fleet/fleet.js';

/** A running flag server. */
export interface FlagServer {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Reads the data folder now instead of waiting for the watcher (tests). */
  reload(): Promise<void>;
  /**
   * Shuts down gracefully: readiness turns 503, streams end, the port stops accepting, requests in flight finish
   * (an accepted event batch is answered only once it is on disk), then the stores close. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Starts the flag server: loads the data folder (`keys.json`, `<environment>.json`, `signing/*.pem`) and the event
 * store, then listens. It is also an ODP host (`/v3/graphql`, `/v3/events`, from `segments/<environment>.json`) and an
 * Amplitude cohort server (`/sdk/v1/cohort/{id}`, from `cohorts/<id>.json` and `cohort-keys.json`). Resolves once it accepts connections.
 *
 * @throws {TypeError} for bad options; the listen error (`EADDRINUSE`...) when the port cannot be bound.
 * @example
 * const server = await startFlagServer({ port: 0, host: '127.0.0.1', dataDir: './data', heartbeatMs: 15_000 });
 * const response = await fetch(`${server.url}/v1/datafiles/sdk-prod-1.json`);
 * await server.close();
 */
export async function startFlagServer(options: FlagServerOptions): Promise<FlagServer> {
  const o = resolveServerOptions(options);
  const app = Fastify({
    logger: fastifyLoggerOptions(o.logger),
    bodyLimit: o.bodyLimitBytes,
    requestTimeout: o.requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
  });
  const logger = ensignLogger(app.log);
  const store = createDataStore({ dataDir: o.dataDir, logger, pollIntervalMs: o.pollIntervalMs, debounceMs: o.debounceMs });
  const events = createEventStore({ dir: o.eventsDir, maxFileBytes: o.maxEventFileBytes, logger });
  const hub = createStreamHub({ store, heartbeatMs: o.heartbeatMs, retryMs: o.streamRetryMs, maxBufferedBytes: 8 * 1024 * 1024, logger });
  let closing = false;
  const deps: RouteDeps = {
    store,
    hub,
    events,
    eventsBodyLimitBytes: o.eventsBodyLimitBytes,
    maxEventsPerBatch: o.maxEventsPerBatch,
    dataDir: o.dataDir,
    odpEvents: createOdpEventLog(1_000),
    closing: () => closing,
  };

  registerJsonBodies(app);
  // While shutting down, answers close their connection, so keep-alive clients do not hold the shutdown open.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, code, message, internal } = classifyError(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    if (status === 503) reply.header('retry-after', '1');
    return sendError(reply, status, code, message);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]?.replace(/^(\/v1\/(?:datafiles|stream)\/).*/, '$1…') ?? ''}`));
  registerHealthRoutes(app, deps);
  registerDatafileRoutes(app, deps);
  registerEvaluateRoutes(app, deps);
  let fleet: Fleet | null = null;
  // With --nats, the fleet's event routes (JetStream ingest, results from Redis) replace the NDJSON ones.
  if (o.nats === null) registerEventRoutes(app, deps);
  else app.register(async (scope) => fleet?.registerEventRoutes(scope, deps));
  registerOdpRoutes(app, deps);
  registerCohortRoutes(app, deps);

  try {
    await store.start();
    await events.start();
    fleet = await startFleet({ store, redis: o.redis, redisPrefix: o.redisPrefix, nats: o.nats, natsStream: o.natsStream, logger });
    await app.listen({ port: o.port, host: o.host });
  } catch (error) {
    hub.close();
    await app.close().catch(() => undefined);
    await fleet?.close().catch(() => undefined);
    await events.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  app.log.info({ url, dataDir: o.dataDir, eventsDir: o.eventsDir }, 'flag server listening');

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    reload: () => store.reload(),
    close() {
      closed ??= (async () => {
        closing = true;
        hub.close();
        await app.close();
        await fleet?.close();
        await events.close();
        await store.close();
      })();
      return closed;
    },
  };
}
