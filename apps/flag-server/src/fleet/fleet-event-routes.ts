import type { FastifyInstance } from 'fastify';
import { validateBatch } from '../events/validate-batch.js';
import { httpError } from '../http/errors.js';
import type { RouteDeps } from '../routes/context.js';
import { targetOfRequest } from '../routes/context.js';
import type { JetStreamEvents } from './jetstream-events.js';
import type { RedisResults } from './redis-results.js';

/** The event schema version header the SDK's dispatcher sends. */
const SCHEMA_HEADER = 'x-ensign-event-schema';

/** What the fleet's event routes need besides the shared route deps. */
export interface FleetEventDeps {
  events: JetStreamEvents;
  results: RedisResults;
}

/**
 * The event routes of an instance started with `--nats` and `--redis`: `POST /v1/events/bulk` publishes to
 * JetStream and answers 202 once every event is acknowledged (503 + `Retry-After` while NATS is unavailable);
 * `GET /v1/events/stats` and `GET /v1/experiments/{flagKey}/results` read what the aggregators folded into Redis,
 * so every instance answers alike.
 *
 * @example
 * registerFleetEventRoutes(app, deps, { events, results });
 */
export function registerFleetEventRoutes(app: FastifyInstance, deps: RouteDeps, fleet: FleetEventDeps): void {
  app.post<{ Body: unknown }>('/v1/events/bulk', { bodyLimit: deps.eventsBodyLimitBytes }, async (request, reply) => {
    const { environment } = targetOfRequest(deps.store, request);
    const schema = request.headers[SCHEMA_HEADER];
    if (schema !== undefined && schema !== '1') throw httpError(400, 'INVALID_BATCH', `event schema version ${String(schema).slice(0, 20)} is not supported (1 is)`);
    const checked = validateBatch(request.body, deps.maxEventsPerBatch);
    if (!checked.ok) throw httpError(400, 'INVALID_BATCH', checked.error);
    if (deps.closing()) throw httpError(503, 'SHUTTING_DOWN', 'the server is shutting down; send the batch again');
    if (!fleet.events.available()) throw httpError(503, 'STORE_FAILED', 'the event stream is unavailable; send the batch again');
    let result: { accepted: number; duplicates: number };
    try {
      result = await fleet.events.publish(environment, checked.batch.batchId, checked.batch.events);
    } catch (error) {
      request.log.warn({ err: error }, 'events could not be published to JetStream');
      throw httpError(503, 'STORE_FAILED', 'the event stream did not acknowledge the batch; send it again');
    }
    fleet.results.countDuplicates(environment, result.duplicates).catch(() => undefined);
    return reply.code(202).send(result);
  });

  app.get('/v1/events/stats', async (request, reply) => {
    const { environment } = targetOfRequest(deps.store, request);
    const stats = await fleet.results.stats(environment).catch(() => {
      throw httpError(503, 'STORE_FAILED', 'the results store (Redis) is unavailable');
    });
    return reply.header('cache-control', 'no-store').send({ environment, ...stats });
  });

  app.get<{ Params: { flagKey: string } }>('/v1/experiments/:flagKey/results', async (request, reply) => {
    const target = targetOfRequest(deps.store, request);
    const flagKey = request.params.flagKey;
    const order = target.revision?.flags.get(flagKey)?.variations.map((v) => v.key) ?? [];
    const results = await fleet.results.results(target.environment, flagKey, order).catch(() => {
      throw httpError(503, 'STORE_FAILED', 'the results store (Redis) is unavailable');
    });
    if (order.length === 0 && results.variations.every((v) => v.exposures === 0)) {
      throw httpError(404, 'FLAG_NOT_FOUND', `flag "${flagKey.slice(0, 200)}" is neither in the datafile nor in any stored exposure`);
    }
    return reply.header('cache-control', 'no-store').send(results);
  });
}
