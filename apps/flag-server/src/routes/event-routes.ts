import type { FastifyInstance } from 'fastify';
import { isStoreClosedError } from '../events/event-store.js';
import { validateBatch } from '../events/validate-batch.js';
import { createResultsBuilder } from '../experiments/experiment-results.js';
import type { ExperimentResults } from '../experiments/experiment-results.js';
import { httpError } from '../http/errors.js';
import type { RouteDeps } from './context.js';
import { targetOfRequest } from './context.js';

/** The event schema version header the SDK's dispatcher sends. */
const SCHEMA_HEADER = 'x-ensign-event-schema';

/**
 * `POST /v1/events/bulk` (ingest of the SDK's batches), `GET /v1/events/stats` and
 * `GET /v1/experiments/{flagKey}/results`, each for the environment of the SDK key sent in the headers.
 *
 * @example
 * registerEventRoutes(app, deps);
 */
export function registerEventRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: unknown }>('/v1/events/bulk', { bodyLimit: deps.eventsBodyLimitBytes }, async (request, reply) => {
    const { environment } = targetOfRequest(deps.store, request);
    const schema = request.headers[SCHEMA_HEADER];
    if (schema !== undefined && schema !== '1') throw httpError(400, 'INVALID_BATCH', `event schema version ${String(schema).slice(0, 20)} is not supported (1 is)`);
    const checked = validateBatch(request.body, deps.maxEventsPerBatch);
    if (!checked.ok) throw httpError(400, 'INVALID_BATCH', checked.error);
    try {
      const result = await deps.events.append(environment, checked.batch.batchId, checked.batch.events);
      return reply.code(202).send(result);
    } catch (error) {
      if (isStoreClosedError(error)) throw httpError(503, 'SHUTTING_DOWN', 'the server is shutting down; send the batch again');
      request.log.error({ err: error }, 'events could not be stored');
      throw httpError(500, 'STORE_FAILED', 'the events could not be stored; send the batch again');
    }
  });

  app.get('/v1/events/stats', async (request, reply) => {
    const { environment } = targetOfRequest(deps.store, request);
    return reply.header('cache-control', 'no-store').send({ environment, ...deps.events.stats(environment) });
  });

  const cache = new Map<string, { version: number; variations: string; results: ExperimentResults }>();
  app.get<{ Params: { flagKey: string } }>('/v1/experiments/:flagKey/results', async (request, reply) => {
    const target = targetOfRequest(deps.store, request);
    const { environment } = target;
    const flagKey = request.params.flagKey;
    const order = target.revision?.flags.get(flagKey)?.variations.map((v) => v.key) ?? [];
    const version = deps.events.version(environment);
    const cacheKey = `${environment}\u0000${flagKey}`;
    const cached = cache.get(cacheKey);
    let results: ExperimentResults;
    if (cached && cached.version === version && cached.variations === order.join('\u0000')) results = cached.results;
    else {
      const builder = createResultsBuilder(flagKey, environment);
      await deps.events.read(environment, builder.add);
      results = builder.finish(order);
      if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, { version, variations: order.join('\u0000'), results });
    }
    if (order.length === 0 && results.variations.every((v) => v.exposures === 0)) {
      throw httpError(404, 'FLAG_NOT_FOUND', `flag "${flagKey.slice(0, 200)}" is neither in the datafile nor in any stored exposure`);
    }
    return reply.header('cache-control', 'no-store').send(results);
  });
}
